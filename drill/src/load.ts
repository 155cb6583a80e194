import type { ClassifiedResource } from '@liaison/auth';
import type { Classification } from '@liaison/contracts';
import type { DrillLiaison, ServiceName } from './liaison';
import { call, type DrillNetwork, type DrillOfficer, recordOf } from './network';

/** A write a service acknowledged (2xx): what the checker accounts for. */
export interface AcknowledgedWrite {
  service: ServiceName;
  /** the event type the write publishes */
  eventType: string;
  /** the event's subject: the record written */
  subject: string;
  /** the record's classified fields, as the service answered them (who may see it) */
  record: ClassifiedResource;
  /** who made the change: told of nothing */
  changedBy: string;
}

export interface LoadResult {
  acknowledged: AcknowledgedWrite[];
  refused: number;
  statuses: Record<string, number>;
}

const LEVELS: Classification[] = ['green', 'green', 'green', 'amber', 'amber', 'amber-strict', 'red', 'clear'];
const DIALOGUE_LEVELS: Classification[] = ['green', 'amber-strict', 'green', 'clear'];

interface Step {
  service: ServiceName;
  path: string;
  body: unknown;
  /** the acknowledged write from the answer, or nothing when the answer is not a write to account */
  written: (view: any) => Omit<AcknowledgedWrite, 'service' | 'changedBy'>;
}

/**
 * The load's scenarios, in turn: briefs (every level), a dialogue scheduled and then held, a
 * recommendation adopted and then moved on, a milestone planned, a session scheduled and an
 * officer enrolled in it by their organization's admin. Each scenario is one request, or two where the second
 * writes to the first's record; every acknowledged request is a write to account for.
 */
function scenario(n: number, network: DrillNetwork): Array<{ by: DrillOfficer; step: (previous: any) => Step }> {
  const { officers, organizations } = network;
  const author = officers[n % officers.length];
  const fixtures = network.fixtures.get(author.organizationId)!;
  const year = new Date().getUTCFullYear() + 1;
  // a dialogue's outcome is recorded once it has started: the drill records last year's
  const lastYear = year - 2;
  switch (n % 6) {
    case 0:
    case 1: {
      const classification = LEVELS[Math.floor(n / 6 + n) % LEVELS.length];
      const other = officers[(n * 7 + 3) % officers.length];
      const audience =
        classification === 'amber'
          ? { organizations: [organizations[(organizations.indexOf(author.organizationId) + 1) % organizations.length]] }
          : classification === 'red'
            ? { officers: [other.id === author.id ? officers[(n + 1) % officers.length].id : other.id] }
            : undefined;
      return [{
        by: author,
        step: () => ({
          service: 'dialogues',
          path: '/api/v1/briefs',
          body: { title: `Drill brief ${n}`, body: `Situation update ${n}`, countries: ['SD'], themes: ['mediation'], classification, ...(audience ? { audience } : {}) },
          written: (brief) => ({ eventType: 'liaison.brief.published.v1', subject: brief.id, record: recordOf(brief) }),
        }),
      }];
    }
    case 2: {
      const classification = DIALOGUE_LEVELS[Math.floor(n / 6) % DIALOGUE_LEVELS.length];
      const partner = organizations[(organizations.indexOf(author.organizationId) + 1 + (n % 3)) % organizations.length];
      return [
        {
          by: author,
          step: () => ({
            service: 'dialogues',
            path: '/api/v1/dialogues',
            body: { kind: 'desk-to-desk', title: `Drill dialogue ${n}`, participants: [author.organizationId, partner], startsAt: `${lastYear}-03-0${1 + (n % 9)}T09:00:00Z`, classification },
            written: (dialogue) => ({ eventType: 'liaison.dialogue.scheduled.v1', subject: dialogue.id, record: recordOf(dialogue) }),
          }),
        },
        {
          by: author,
          step: (dialogue) => ({
            service: 'dialogues',
            path: `/api/v1/dialogues/${dialogue.id}/outcome`,
            body: { summary: `Outcome of drill dialogue ${n}`, heldOn: `${lastYear}-03-0${1 + (n % 9)}` },
            written: (held) => ({ eventType: 'liaison.dialogue.held.v1', subject: held.id, record: recordOf(held) }),
          }),
        },
      ];
    }
    case 3:
      // the recommendation's reach is its dialogue's
      return [
        {
          by: author,
          step: () => ({
            service: 'dialogues',
            path: '/api/v1/recommendations',
            body: { dialogueId: fixtures.dialogue.id, text: `Drill recommendation ${n}`, owners: [author.organizationId], status: 'agreed' },
            written: (recommendation) => ({
              eventType: 'liaison.recommendation.adopted.v1',
              subject: recommendation.id,
              record: { ...fixtures.dialogue, authorId: recommendation.authorId },
            }),
          }),
        },
        {
          by: author,
          step: (recommendation) => ({
            service: 'dialogues',
            path: `/api/v1/recommendations/${recommendation.id}/status`,
            body: { status: 'in-progress', note: `Under way ${n}` },
            written: (moved) => ({ eventType: 'liaison.recommendation.status-changed.v1', subject: moved.id, record: { ...fixtures.dialogue, authorId: moved.authorId } }),
          }),
        },
      ];
    case 4:
      // the milestone's reach is its programme's
      return [{
        by: author,
        step: () => ({
          service: 'capacity-building',
          path: '/api/v1/milestones',
          body: { programmeId: fixtures.programme.id, title: `Drill milestone ${n}`, dueOn: `${year}-06-30` },
          written: (milestone) => ({ eventType: 'liaison.milestone.planned.v1', subject: milestone.id, record: { ...fixtures.programme, authorId: milestone.authorId } }),
        }),
      }];
    default: {
      const trainee = officers[(n * 5 + 1) % officers.length];
      const admin = officers.find((officer) => officer.organizationId === trainee.organizationId && officer.roles.includes('admin'))!;
      return [
        {
          by: author,
          step: () => ({
            service: 'training',
            path: '/api/v1/sessions',
            body: { courseId: fixtures.courseId, startsAt: `${year}-09-01T09:00:00Z`, endsAt: `${year}-09-03T17:00:00Z`, seats: 1 + (n % 2), online: true },
            // a session's view shows who may enrol as its audience, not who may see it
            written: (scheduled) => ({ eventType: 'liaison.session.scheduled.v1', subject: scheduled.id, record: { ...recordOf(scheduled), audience: { organizations: [], officers: [] } } }),
          }),
        },
        {
          // an admin enrols a colleague of their own organization: an enrolment is red, for that
          // officer (and whoever made the change) only
          by: admin,
          step: (scheduled) => ({
            service: 'training',
            path: '/api/v1/enrolments',
            body: { sessionId: scheduled.id, officerId: trainee.id },
            written: (enrolment) => ({
              eventType: enrolment.status === 'waitlisted' ? 'liaison.enrolment.waitlisted.v1' : 'liaison.enrolment.confirmed.v1',
              subject: enrolment.id,
              record: { classification: 'red', originOrganizationId: trainee.organizationId, authorId: admin.id, audience: { organizations: [], officers: [trainee.id] } },
            }),
          }),
        },
      ];
    }
  }
}

/**
 * Offers the scenarios at a steady rate from officers across the network until `stop` resolves.
 * A request that fails (refused, cut, or no answer) is counted, not retried (nor is the rest of
 * its scenario): only what was acknowledged must arrive.
 */
export async function writeLoad(liaison: DrillLiaison, network: DrillNetwork, scenariosPerSecond: number, stop: Promise<void>): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: [], refused: 0, statuses: {} };
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; !stopped; n++) {
    const run = (async () => {
      let previous: unknown;
      for (const { by, step } of scenario(n, network)) {
        const { service, path, body, written } = step(previous);
        const response = await call(`${liaison.url(service)}${path}`, 'POST', by.token, body).catch(() => undefined);
        const status = `${service} ${response ? response.status : 'error'}`;
        result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        if (!response || response.status < 200 || response.status >= 300) {
          result.refused += 1;
          return;
        }
        result.acknowledged.push({ service, changedBy: by.id, ...written(response.body) });
        previous = response.body;
      }
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    await new Promise((resolve) => setTimeout(resolve, 1000 / scenariosPerSecond));
  }
  await Promise.all(inFlight);
  return result;
}
