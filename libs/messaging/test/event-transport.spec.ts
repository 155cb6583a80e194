// Real: a Nest application with TypeORM on Postgres (a database of this file's own) and NATS
// JetStream (streams of this file's own); events travel outbox → relay → JetStream → @EventPattern.
import { Controller, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { BriefPublishedEvent, EVENT_CATALOG, type LiaisonEvent } from '@liaison/contracts';
import { EventBus, type RetryPolicy } from '../src/event-bus';
import { Inbox } from '../src/inbox/inbox';
import { connectEventConsumers, MessagingModule } from '../src/messaging.module';
import { messagingEntities } from '../src/migrations';
import { Outbox } from '../src/outbox/outbox';
import { currentTraceparent, newTraceparent } from '@liaison/contracts';
import { EventContext } from '../src/transport/event-context';
import { durableConsumerName } from '../src/wire-names';
import { briefPublished, eventually, messagingDatabase, sleep, testStreams } from './support';

const RETRY: RetryPolicy = { maxDeliver: 3, backoffMs: [100, 200] };

interface HandlerCall {
  eventId: string;
  traceparent: string | undefined;
  currentTraceparent: string | undefined;
  deliveryCount: number;
}

/** A notifications-like consumer: copies each brief into its own table, once. */
@Controller()
class BriefCopier {
  static calls: HandlerCall[] = [];

  constructor(
    private readonly inbox: Inbox,
    private readonly dataSource: DataSource,
  ) {}

  @EventPattern<string>(BriefPublishedEvent.subject)
  async onBriefPublished(@Payload() event: LiaisonEvent<{ title: string }>, @Ctx() context: EventContext): Promise<void> {
    BriefCopier.calls.push({
      eventId: event.id,
      traceparent: context.traceparent,
      currentTraceparent: currentTraceparent(),
      deliveryCount: context.deliveryCount,
    });
    if (event.data.title === 'poison') throw new Error('cannot copy a poisoned brief');
    await this.inbox.handleOnce(this.dataSource, context.consumer, event, async (manager) => {
      await manager.query(`INSERT INTO briefs (id, title) VALUES ($1, $2)`, [event.id, event.data.title]);
    });
  }
}

@Controller()
class UnknownSubjectHandler {
  @EventPattern<string>('liaison.dialogues.brief.misspelt')
  async onMisspelt(): Promise<void> {}
}

describe('Nest event transport over JetStream', () => {
  let streams: Awaited<ReturnType<typeof testStreams>>;
  let database: Awaited<ReturnType<typeof messagingDatabase>>;
  let app: INestApplication;

  async function startService(databaseUrl: string, controller: new (...args: never[]) => unknown): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ type: 'postgres', url: databaseUrl, entities: messagingEntities }),
        MessagingModule.forRoot({
          service: 'notifications',
          natsUrl: streams.names.natsUrl,
          subjectPrefix: streams.names.subjectPrefix,
          streamPrefix: streams.names.streamPrefix,
          retry: RETRY,
          catalog: EVENT_CATALOG,
          relay: { pollIntervalMs: 200 },
        }),
      ],
      controllers: [controller],
    }).compile();
    const service = moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['error', 'warn'] });
    connectEventConsumers(service);
    try {
      await service.startAllMicroservices();
      await service.init();
    } catch (error) {
      await service.close();
      throw error;
    }
    return service;
  }

  beforeAll(async () => {
    streams = await testStreams();
    database = await messagingDatabase('event_transport');
    app = await startService(database.url, BriefCopier);
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
    await streams.remove();
  });
  beforeEach(() => {
    BriefCopier.calls = [];
  });

  const copies = async (dataSource: DataSource, id: string) =>
    (await dataSource.query(`SELECT title FROM briefs WHERE id = $1`, [id])) as Array<{ title: string }>;

  it('delivers a committed event to its handler with its traceparent, and one redelivered event has one effect', async () => {
    const traceparent = newTraceparent();
    const event = briefPublished(traceparent, 'Great Lakes dialogue');
    await app.get(DataSource).transaction((manager) => app.get(Outbox).publish(manager, BriefPublishedEvent, event));

    await eventually(async () => expect(await copies(app.get(DataSource), event.id)).toHaveLength(1));
    expect(BriefCopier.calls).toEqual([{ eventId: event.id, traceparent, currentTraceparent: traceparent, deliveryCount: 1 }]);

    // The same event again under another message id, as after a late ack or a replay.
    const again = headers();
    again.set('traceparent', traceparent);
    await jetstream(streams.connection).publish(`${streams.names.subjectPrefix}${BriefPublishedEvent.subject}`, JSON.stringify(event), {
      msgID: `${event.id}:again`,
      headers: again,
    });
    await eventually(() => expect(BriefCopier.calls).toHaveLength(2));
    await sleep(200);
    expect(await copies(app.get(DataSource), event.id)).toEqual([{ title: 'Great Lakes dialogue' }]);
  });

  it('dead-letters the event of an always-failing handler after max_deliver, with its error, and goes on with the next', async () => {
    const bus = app.get(EventBus);
    const poison = briefPublished(undefined, 'poison');
    const next = briefPublished(undefined, 'Horn of Africa retreat');
    await bus.publish(BriefPublishedEvent.subject, poison);
    await bus.publish(BriefPublishedEvent.subject, next);

    await eventually(async () => expect(await copies(app.get(DataSource), next.id)).toHaveLength(1));
    await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));
    const [letter] = await bus.listDeadLetters();
    expect(letter).toMatchObject({
      subject: BriefPublishedEvent.subject,
      consumer: durableConsumerName('notifications', BriefPublishedEvent.subject),
      deliveries: RETRY.maxDeliver,
    });
    expect(letter.event?.id).toBe(poison.id);
    expect(letter.error).toContain('cannot copy a poisoned brief');
    expect(BriefCopier.calls.filter((call) => call.eventId === poison.id)).toHaveLength(RETRY.maxDeliver);
    await bus.replayDeadLetter(letter.id); // clears the dead letters for the next test; it fails again, harmlessly
  });

  it('dead-letters an event whose payload does not validate, without calling the handler', async () => {
    const bus = app.get(EventBus);
    const invalid = briefPublished();
    delete (invalid.data as { title?: string }).title;
    await bus.publish(BriefPublishedEvent.subject, invalid);

    await eventually(async () => {
      const letters = await bus.listDeadLetters();
      expect(letters.find((letter) => letter.event?.id === invalid.id)?.error).toMatch(/invalid liaison\.brief\.published\.v1 data: title/);
    });
    const letter = (await bus.listDeadLetters()).find((candidate) => candidate.event?.id === invalid.id);
    expect(letter?.deliveries).toBe(1);
    expect(BriefCopier.calls.filter((call) => call.eventId === invalid.id)).toEqual([]);
  });

  it('refuses to boot with a handler whose subject is not in the catalog', async () => {
    await expect(startService(database.url, UnknownSubjectHandler)).rejects.toThrow(
      /No event in the catalog for handler subject\(s\): liaison\.dialogues\.brief\.misspelt/,
    );
  });

  it('replays the stream from the start for a rebuilt database whose durable consumer survived', async () => {
    const handledBefore = (await app.get(DataSource).query(`SELECT id FROM briefs`)) as Array<{ id: string }>;
    expect(handledBefore.length).toBeGreaterThan(0);
    await app.close();

    const rebuilt = await messagingDatabase('event_transport_rebuilt');
    try {
      app = await startService(rebuilt.url, BriefCopier);
      for (const { id } of handledBefore) {
        await eventually(async () => expect(await copies(app.get(DataSource), id)).toHaveLength(1));
      }
    } finally {
      await app.close();
      await rebuilt.drop();
      // The `app` of this file is closed now; afterAll must not close it again.
      app = undefined as unknown as INestApplication;
    }
  });
});
