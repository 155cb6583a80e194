import type { IntlShape } from 'react-intl';
import type { MessageId } from '../i18n/messages/en';

/**
 * The services' request fields, by the name problem details give them, with the label the
 * console's forms show for each: a field error that no field on the form shows is listed above
 * it under this label, not under the API's path.
 */
const LABELS: Record<string, MessageId> = {
  acronym: 'admin.acronym',
  agenda: 'dialogues.field.agenda',
  attended: 'fieldName.attended',
  audience: 'fieldName.audience',
  'audience.organizations': 'audience.organizations',
  'audience.officers': 'audience.officers',
  body: 'briefs.field.body',
  channels: 'settings.channels',
  chapterVIII: 'admin.chapterVIII',
  classification: 'classification.label',
  completedOn: 'fieldName.completedOn',
  convenorOrganizationId: 'fieldName.convenorOrganizationId',
  countries: 'briefs.field.countries',
  courseId: 'verify.course',
  description: 'training.field.description',
  deskId: 'admin.desk',
  dialogueId: 'fieldName.dialogueId',
  digestHour: 'settings.digestHour',
  dueOn: 'recommendation.dueOnLabel',
  email: 'signIn.email',
  enabled: 'admin.enabled',
  endsAt: 'dialogues.field.endsAt',
  endsOn: 'fieldName.endsOn',
  eventTypes: 'admin.eventTypes',
  'filters.eventTypes': 'admin.eventTypes',
  'filters.organizations': 'settings.organizations',
  'filters.countries': 'briefs.field.countries',
  'filters.regions': 'settings.regions',
  'filters.themes': 'briefs.field.themes',
  'filters.concerningMe': 'settings.concerningMe',
  focusAreas: 'fieldName.focusAreas',
  frequency: 'settings.frequency',
  heldOn: 'dialogue.outcome.heldOn',
  kind: 'dialogues.field.kind',
  language: 'language.label',
  languages: 'training.field.languages',
  leadOrganizationId: 'fieldName.leadOrganizationId',
  location: 'dialogues.field.location',
  memberStates: 'admin.memberStates',
  name: 'admin.officerName',
  note: 'recommendation.note',
  officerId: 'fieldName.officerId',
  online: 'training.field.online',
  organizationId: 'fieldName.organizationId',
  organizers: 'training.field.organizers',
  owners: 'recommendation.ownersLabel',
  participants: 'dialogues.field.participants',
  partnerOrganizationId: 'programme.partnerLabel',
  password: 'signIn.password',
  previousDialogueId: 'fieldName.previousDialogueId',
  programmeId: 'fieldName.programmeId',
  reason: 'fieldName.reason',
  region: 'briefs.field.region',
  roles: 'fieldName.roles',
  scope: 'programme.scope',
  seats: 'training.field.seats',
  secret: 'fieldName.secret',
  sessionId: 'verify.session',
  startsAt: 'dialogues.field.startsAt',
  startsOn: 'fieldName.startsOn',
  status: 'dialogues.field.status',
  summary: 'dialogue.outcome.summary',
  supporting: 'initiative.supportingLabel',
  text: 'recommendation.text',
  themes: 'briefs.field.themes',
  timezone: 'settings.timezone',
  title: 'briefs.field.title',
  topic: 'training.field.topic',
  url: 'admin.url',
  website: 'admin.website',
};

/**
 * A problem's field path in the officer's words: `audience.organizations.0` is "Organizations that
 * may read it, item 1". The longest named part of the path gives the label, its first position
 * the item; a path with no label (a rule newer than the console) stays as the API wrote it.
 */
export function fieldLabel(intl: IntlShape, path: string): string {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  const names = parts.filter((part) => !/^\d+$/.test(part));
  const index = parts.find((part) => /^\d+$/.test(part));
  for (let length = names.length; length > 0; length--) {
    const name = names.slice(0, length).join('.');
    if (!Object.hasOwn(LABELS, name)) continue;
    const id = LABELS[name];
    const label = intl.formatMessage({ id });
    return index === undefined ? label : intl.formatMessage({ id: 'problem.fieldItem' }, { field: label, position: Number(index) + 1 });
  }
  return path;
}
