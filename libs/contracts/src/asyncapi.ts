import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { EVENT_CATALOG, type EventType } from './catalog';
import { EXAMPLE_DATA, exampleEvent } from './examples';
import { CLASSIFICATIONS, EventDefinition, ServiceName } from './envelope';
import { AudienceDto } from './vocabulary/audience.dto';
import { CreatedItem, CreatedNotification, ItemText } from './notifications/notification.events';
import { COUNTRIES, IS_COUNTRY_CODE } from './vocabulary/countries';
import { IS_CALENDAR_DATE, IS_TIMESTAMP } from './vocabulary/temporal';
import { DialogueOutcome } from './dialogues/dialogue.events';

// class-transformer 0.5 does not export its metadata storage from its entry point.
const { defaultMetadataStorage }: typeof import('class-transformer/types/storage') = require('class-transformer/cjs/storage');

/** A JSON Schema object, as AsyncAPI's default schema format (a superset of draft-07) reads it. */
export type JsonSchema = Record<string, unknown>;

const SCHEMAS = '#/components/schemas/';

/** Classes used inside payloads; their schemas are components that payloads refer to. */
const NESTED_TYPES: Function[] = [AudienceDto, DialogueOutcome, CreatedNotification, CreatedItem, ItemText];

/** JSON Schema of our own decorators, which class-validator-jsonschema cannot know. */
const converters = {
  [IS_COUNTRY_CODE]: { $ref: `${SCHEMAS}CountryCode` },
  [IS_TIMESTAMP]: { type: 'string' as const, format: 'date-time' },
  [IS_CALENDAR_DATE]: { type: 'string' as const, format: 'date' },
};

function schemaOf(type: Function): JsonSchema {
  return targetConstructorToSchema(type, {
    refPointerPrefix: SCHEMAS,
    additionalConverters: converters,
    // Lets @Type(() => AudienceDto) name nested classes instead of the reflected `Object`.
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as JsonSchema;
}

/**
 * JSON Schemas of every payload class (by class name) and of what they refer to, generated from
 * the same class-validator rules consumers validate with, so the document cannot drift.
 */
export function eventDataSchemas(definitions: readonly EventDefinition[] = EVENT_CATALOG): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {
    CountryCode: { type: 'string', enum: [...COUNTRIES], description: 'ISO 3166-1 alpha-2, upper case' },
  };
  for (const type of NESTED_TYPES) schemas[type.name] = schemaOf(type);
  for (const definition of definitions) {
    schemas[definition.payload.name] = { ...schemaOf(definition.payload), additionalProperties: false };
  }
  return schemas;
}

/** The CloudEvents envelope of one event, its `data` referring to the payload schema. */
function envelopeSchema(definition: EventDefinition): JsonSchema {
  const uuid = { type: 'string', format: 'uuid' };
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data', 'classification', 'originorg', 'sequence'],
    properties: {
      specversion: { type: 'string', const: '1.0' },
      id: { ...uuid, description: 'UUIDv7; also the Nats-Msg-Id, so JetStream drops duplicates' },
      source: { type: 'string', const: `/liaison/${definition.service}` },
      type: { type: 'string', const: definition.type },
      subject: { ...uuid, description: 'the aggregate id' },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { type: 'string', const: 'application/json' },
      data: { $ref: `${SCHEMAS}${definition.payload.name}` },
      classification: { type: 'string', enum: [...CLASSIFICATIONS], description: 'Traffic Light Protocol 2.0' },
      originorg: { ...uuid, description: 'the origin organization id' },
      sequence: { type: 'string', pattern: '^(0|[1-9][0-9]*)$', description: "the aggregate's version after this change" },
      traceparent: { type: 'string', pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', description: 'W3C Trace Context' },
    },
  };
}

/** `liaison.brief.status-changed` → `BriefStatusChanged`: ids of channels, messages, operations. */
function pascal(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split(/[-.]/))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

const channelId = (d: EventDefinition) => pascal(d.aggregate, d.verb);
const messageId = (d: EventDefinition) => pascal(d.aggregate, d.verb, `v${d.version}`);

export interface AsyncApiOptions {
  title: string;
  version: string;
  /** The service described: its own events are `send`, `consumes` are `receive`. Absent: the whole catalog, all `send`. */
  service?: ServiceName;
  /** Events of other services this service handles. */
  consumes?: readonly EventDefinition[];
  description?: string;
}

/**
 * The AsyncAPI 3.0 document of a service (or of the whole catalog): one channel per NATS subject,
 * one message per event type and version, each a CloudEvents structured message.
 */
export function asyncApiDocument(options: AsyncApiOptions): Record<string, unknown> {
  const sent: readonly EventDefinition[] = options.service
    ? EVENT_CATALOG.filter((d) => d.service === options.service)
    : EVENT_CATALOG;
  const received = (options.consumes ?? []).filter((d) => !sent.includes(d));
  const described = [...sent, ...received];

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const d of described) {
    const channel = channelId(d);
    const message = messageId(d);
    messages[message] = {
      name: d.type,
      title: d.type,
      summary: d.description,
      contentType: 'application/cloudevents+json',
      payload: envelopeSchema(d),
      ...(d.type in EXAMPLE_DATA ? { examples: [{ name: 'example', payload: exampleEvent(d.type as EventType) }] } : {}),
    };
    // Versions of one event share the subject, hence the channel.
    const existing = channels[channel] as { messages: Record<string, unknown> } | undefined;
    channels[channel] = {
      address: d.subject,
      description: `NATS subject ${d.subject} on the stream LIAISON_EVENTS`,
      messages: { ...existing?.messages, [message]: { $ref: `#/components/messages/${message}` } },
    };
  }

  const operate = (action: 'send' | 'receive', list: readonly EventDefinition[]) => {
    for (const d of list) {
      const channel = channelId(d);
      const id = `${action}${channel}`;
      const previous = operations[id] as { messages: unknown[] } | undefined;
      operations[id] = {
        action,
        channel: { $ref: `#/channels/${channel}` },
        summary: d.description,
        messages: [...(previous?.messages ?? []), { $ref: `#/channels/${channel}/messages/${messageId(d)}` }],
      };
    }
  };
  operate('send', sent);
  operate('receive', received);

  return {
    asyncapi: '3.0.0',
    info: {
      title: options.title,
      version: options.version,
      description:
        options.description ??
        'CloudEvents 1.0 structured JSON messages on NATS JetStream. Extensions classification, originorg, sequence and traceparent are strings.',
    },
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages, schemas: eventDataSchemas(described) },
  };
}
