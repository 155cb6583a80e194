import { newUuidV7 } from './ids';
import { currentTraceparent } from './trace-context';

/** Traffic Light Protocol 2.0 levels, as partner organizations already use them. */
export const CLASSIFICATIONS = ['clear', 'green', 'amber', 'amber-strict', 'red'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export interface Audience {
  organizations: string[];
  officers: string[];
}

/** The services that publish events; the CloudEvents `source` is `/liaison/<service>`. */
export const SERVICES = ['organizations', 'dialogues', 'capacity-building', 'training', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** `liaison.<aggregate>.<verb>.v<N>`: the CloudEvents type of every Liaison event. */
export const EVENT_TYPE_PATTERN = /^liaison\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** `liaison.<service>.<aggregate>.<verb>`: the NATS subject, before any deployment or test prefix. */
export const EVENT_SUBJECT_PATTERN = new RegExp(
  `^liaison\\.(${SERVICES.join('|')})\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$`,
);

/** `/liaison/<service>`: the CloudEvents source. */
export const EVENT_SOURCE_PATTERN = new RegExp(`^/liaison/(${SERVICES.join('|')})$`);

/**
 * A CloudEvents 1.0 structured JSON message as Liaison sends it. Extension values are strings,
 * as CloudEvents requires of extensions.
 */
export interface LiaisonEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
  classification: Classification;
  originorg: string;
  sequence: string;
  traceparent?: string;
}

/**
 * One event of the catalog. `type` and `subject` are wire names: consumers, partner systems and
 * the stored stream depend on them, so changing one needs a new version published beside the old.
 */
export interface EventDefinition<T = unknown, Type extends string = string, Subject extends string = string> {
  /** CloudEvents type, `liaison.<aggregate>.<verb>.v<N>` */
  type: Type;
  /** NATS subject, `liaison.<service>.<aggregate>.<verb>` (before any deployment prefix) */
  subject: Subject;
  service: ServiceName;
  aggregate: string;
  verb: string;
  version: number;
  payload: new () => T;
  description: string;
}

/**
 * Builds the wire names from their parts, keeping them as literal types so that the catalog can
 * be looked up by type or subject with the payload class known to the compiler.
 */
export function defineEvent<T, S extends ServiceName, A extends string, V extends string, N extends number = 1>(spec: {
  service: S;
  aggregate: A;
  verb: V;
  version?: N;
  payload: new () => T;
  description: string;
}): EventDefinition<T, `liaison.${A}.${V}.v${N}`, `liaison.${S}.${A}.${V}`> {
  const version = (spec.version ?? 1) as N;
  return {
    ...spec,
    version,
    type: `liaison.${spec.aggregate}.${spec.verb}.v${version}`,
    subject: `liaison.${spec.service}.${spec.aggregate}.${spec.verb}`,
  };
}

export interface NewEvent<T> {
  /** aggregate id */
  subject: string;
  data: T;
  classification: Classification;
  /** organization id of the origin */
  originorg: string;
  /** the aggregate's version after this change */
  sequence: number;
  traceparent?: string;
  time?: Date;
}

export function createEvent<T>(definition: EventDefinition<T>, event: NewEvent<T>): LiaisonEvent<T> {
  const envelope: LiaisonEvent<T> = {
    specversion: '1.0',
    id: newUuidV7(),
    source: `/liaison/${definition.service}`,
    type: definition.type,
    subject: event.subject,
    time: (event.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    classification: event.classification,
    originorg: event.originorg,
    sequence: String(event.sequence),
  };
  // The trace of the request or event handling that caused this event, unless told otherwise.
  const traceparent = event.traceparent ?? currentTraceparent();
  if (traceparent) envelope.traceparent = traceparent;
  return envelope;
}

export function newEventId(): string {
  return newUuidV7();
}
