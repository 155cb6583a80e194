import { EVENT_CATALOG, EVENT_SUBJECT_PATTERN, EVENT_TYPE_PATTERN, SERVICES, definitionBySubject, definitionByType, definitionsOf } from './index';
import { BriefPublished } from './dialogues/brief.events';

// The catalog is data: these tests read it, nothing else is involved.
describe('the event catalog', () => {
  it('names every event liaison.<aggregate>.<verb>.v<N>, on subject liaison.<service>.<aggregate>.<verb>', () => {
    for (const d of EVENT_CATALOG) {
      expect(d.type).toMatch(EVENT_TYPE_PATTERN);
      expect(d.subject).toMatch(EVENT_SUBJECT_PATTERN);
      expect(d.type).toBe(`liaison.${d.aggregate}.${d.verb}.v${d.version}`);
      expect(d.subject).toBe(`liaison.${d.service}.${d.aggregate}.${d.verb}`);
    }
  });

  it('has unique types, one subject per event (shared by its versions) and unique payload classes', () => {
    const unique = (values: unknown[]) => new Set(values).size === values.length;
    expect(unique(EVENT_CATALOG.map((d) => d.type))).toBe(true);
    expect(unique(EVENT_CATALOG.map((d) => `${d.subject} v${d.version}`))).toBe(true);
    expect(unique(EVENT_CATALOG.map((d) => d.payload))).toBe(true);
    // Payload class names become AsyncAPI schema names.
    expect(unique(EVENT_CATALOG.map((d) => d.payload.name))).toBe(true);
  });

  it('holds every event of ARCHITECTURE.md, owned by the service the table names', () => {
    const expected: Record<string, string[]> = {
      organizations: ['organization.registered', 'organization.updated', 'desk.opened', 'desk.updated', 'desk.closed', 'officer.joined', 'officer.updated', 'officer.left'],
      dialogues: [
        'dialogue.scheduled', 'dialogue.rescheduled', 'dialogue.held', 'dialogue.cancelled',
        'dialogue.reclassified', 'recommendation.adopted', 'recommendation.status-changed', 'brief.published', 'brief.withdrawn',
        'brief.reclassified', 'initiative.launched', 'initiative.updated', 'initiative.reclassified',
      ],
      'capacity-building': ['programme.launched', 'programme.updated', 'programme.closed', 'programme.reclassified', 'milestone.planned', 'milestone.completed', 'milestone.delayed'],
      training: [
        'course.published', 'session.scheduled', 'session.rescheduled', 'session.cancelled',
        'enrolment.confirmed', 'enrolment.waitlisted', 'enrolment.withdrawn', 'enrolment.completed',
        'certificate.issued', 'certificate.revoked',
      ],
      notifications: ['notification.created', 'delivery.failed'],
    };
    for (const service of SERVICES) {
      expect([...new Set(definitionsOf(service).map((d) => `${d.aggregate}.${d.verb}`))].sort()).toEqual([...expected[service]].sort());
    }
    const newest = EVENT_CATALOG.filter((d) => definitionBySubject(d.subject) === d);
    expect(newest).toHaveLength(Object.values(expected).flat().length);
  });

  it('finds a definition by type and by subject, typed by its payload', () => {
    const byType = definitionByType('liaison.brief.published.v1');
    expect(byType.payload).toBe(BriefPublished);
    expect(definitionBySubject('liaison.dialogues.brief.published')).toBe(byType);
    expect(definitionByType('liaison.brief.published.v9' as string)).toBeUndefined();
    expect(definitionBySubject('liaison.dialogues.brief.unknown' as string)).toBeUndefined();
    // Versions share the subject; the subject names the newest.
    expect(definitionBySubject('liaison.notifications.notification.created')).toBe(definitionByType('liaison.notification.created.v3'));
  });
});
