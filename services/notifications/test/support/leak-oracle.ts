import type { Classification, LiaisonEvent } from '@liaison/contracts';

// The leak test's oracle, written from ARCHITECTURE.md's tables and the service README alone,
// without libs/auth or the service's code: who may see what, which levels leave with their
// content, which subscription matches which event.

/** A record's reach at one moment. */
export interface Reach {
  classification: Classification;
  origin: string;
  author: string;
  audienceOrgs: string[];
  audienceOfficers: string[];
}

/** A record (a brief, a dialogue, a programme, a milestone, a session, an enrolment…), as its owner knows it now. */
export interface Record {
  id: string;
  kind: 'brief' | 'dialogue' | 'recommendation' | 'programme' | 'milestone' | 'course' | 'session' | 'enrolment' | 'certificate';
  /**
   * the record it belongs to, whose reach bounds its own (a milestone's programme, a
   * recommendation's dialogue: it is seen only by whoever may see both, as they are now)
   */
  parent?: Record;
  /** in its title, summary and agenda: a text that must reach no one not entitled */
  secret: string;
  reach: Reach;
  /** the aggregate's version of its newest event */
  sequence: number;
}

/** One event about a record, with what matching reads of it. */
export interface Happening {
  event: LiaisonEvent;
  record: Record;
  /** the record's reach once this event was applied (it is the newest of its record when published) */
  reach: Reach;
  orgs: string[];
  countries: string[];
  regions: string[];
  themes: string[];
  concernedOrgs: string[];
  concernedOfficers: string[];
  /** told whatever their subscriptions (in-app at least): their own enrolment, their cancelled session */
  addressedOfficers: string[];
  /** who made the change, and so is not told of it: the author unless the event names another */
  changedBy: string;
}

export interface Sub {
  eventTypes: string[];
  organizations: string[];
  countries: string[];
  regions: string[];
  themes: string[];
  concerningMe: boolean;
  channels: string[];
  frequency: 'immediate' | 'daily';
}

export const DEFAULT_SUB: Sub = {
  eventTypes: [],
  organizations: [],
  countries: [],
  regions: [],
  themes: [],
  concerningMe: true,
  channels: ['in-app', 'email'],
  frequency: 'immediate',
};

/** "Who may see what" for an officer of a registered organization. */
export function officerMaySee(officerId: string, organizationId: string, r: Reach): boolean {
  switch (r.classification) {
    case 'clear':
    case 'green':
      return true;
    case 'amber':
      return organizationId === r.origin || r.audienceOrgs.includes(organizationId);
    case 'amber-strict':
      return organizationId === r.origin;
    case 'red':
      return officerId === r.author || r.audienceOfficers.includes(officerId);
  }
}

/** A partner system sees what every officer of its organization may see; red names officers, never a system. */
export function organizationMaySee(organizationId: string, r: Reach): boolean {
  return r.classification !== 'red' && officerMaySee('not-an-officer', organizationId, r);
}

/** What an event addressed to an officer matches as, whatever their subscriptions. */
export const ADDRESSED_SUB: Sub = { ...DEFAULT_SUB, channels: ['in-app'] };

/** amber-strict and red leave by e-mail and webhook as a link only. */
export const contentLeaves = (r: Reach): boolean => r.classification !== 'amber-strict' && r.classification !== 'red';

const meets = (filter: string[], values: string[]) => filter.length === 0 || filter.some((v) => values.includes(v));

export function matches(officerId: string, organizationId: string, s: Sub, h: Happening): boolean {
  return (
    meets(s.eventTypes, [h.event.type]) &&
    meets(s.organizations, h.orgs) &&
    meets(s.countries, h.countries) &&
    meets(s.regions, h.regions) &&
    meets(s.themes, h.themes) &&
    (!s.concerningMe || h.concernedOrgs.includes(organizationId) || h.concernedOfficers.includes(officerId))
  );
}

/** The texts a message may carry of a record: each is one of its secret's forms. */
export const secretsIn = (text: string): string[] => [...new Set(text.match(/SECRET\d{3}/g) ?? [])];
