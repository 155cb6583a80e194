// Real: a Nest application with TypeORM on Postgres (a database of this file's own) and NATS
// JetStream (streams of this file's own); events travel outbox → relay → JetStream → @EventPattern
// with `concurrency` handlers at once, whose inbox transactions are committed together.
import { Controller, type INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BriefPublishedEvent, EVENT_CATALOG, type LiaisonEvent } from '@liaison/contracts';
import { Inbox } from '../src/inbox/inbox';
import { connectEventConsumers, MessagingModule } from '../src/messaging.module';
import { messagingEntities } from '../src/migrations';
import { Outbox } from '../src/outbox/outbox';
import { EventContext } from '../src/transport/event-context';
import { briefPublished, eventually, messagingDatabase, testStreams } from './support';

const CONCURRENCY = 4;

/** Copies each brief once; the first handlers wait until CONCURRENCY of them are under way together. */
@Controller()
class GatedBriefCopier {
  static running = 0;
  static mostAtOnce = 0;
  static openGate: () => void;
  static gate = new Promise<void>((resolve) => (GatedBriefCopier.openGate = resolve));

  constructor(
    private readonly inbox: Inbox,
    private readonly dataSource: DataSource,
  ) {}

  @EventPattern<string>(BriefPublishedEvent.subject)
  async onBriefPublished(@Payload() event: LiaisonEvent<{ title: string }>, @Ctx() context: EventContext): Promise<void> {
    GatedBriefCopier.running += 1;
    GatedBriefCopier.mostAtOnce = Math.max(GatedBriefCopier.mostAtOnce, GatedBriefCopier.running);
    if (GatedBriefCopier.running === CONCURRENCY) GatedBriefCopier.openGate();
    try {
      await GatedBriefCopier.gate;
      await this.inbox.handleOnce(this.dataSource, context.consumer, event, async (manager) => {
        await manager.query(`INSERT INTO briefs (id, title) VALUES ($1, $2)`, [event.id, event.data.title]);
      });
    } finally {
      GatedBriefCopier.running -= 1;
    }
  }
}

describe('MessagingModule with concurrency', () => {
  let streams: Awaited<ReturnType<typeof testStreams>>;
  let database: Awaited<ReturnType<typeof messagingDatabase>>;
  let app: INestApplication;

  beforeAll(async () => {
    streams = await testStreams();
    database = await messagingDatabase('concurrent_handling');
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ type: 'postgres', url: database.url, entities: messagingEntities }),
        MessagingModule.forRoot({
          service: 'notifications',
          natsUrl: streams.names.natsUrl,
          subjectPrefix: streams.names.subjectPrefix,
          streamPrefix: streams.names.streamPrefix,
          catalog: EVENT_CATALOG,
          concurrency: CONCURRENCY,
        }),
      ],
      controllers: [GatedBriefCopier],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['error', 'warn'] });
    connectEventConsumers(app);
    await app.startAllMicroservices();
    await app.init();
  });
  afterAll(async () => {
    GatedBriefCopier.openGate(); // never leave handlers waiting on a failed test, or closing waits forever
    await app?.close();
    await database.drop();
    await streams.remove();
  });

  it('runs that many handlers of one subject at once; each event is copied once, several per commit', async () => {
    const events = Array.from({ length: 40 }, (_, index) => briefPublished(undefined, `brief ${index}`));
    await app.get(DataSource).transaction((manager) => app.get(Outbox).publishMany(manager, BriefPublishedEvent, events));

    const ids = events.map((event) => event.id);
    await eventually(async () => {
      const [{ copied }] = await database.dataSource.query(`SELECT count(*)::int AS copied FROM briefs WHERE id = ANY($1::uuid[])`, [ids]);
      expect(copied).toBe(events.length);
    }, 15_000);
    expect(GatedBriefCopier.mostAtOnce).toBe(CONCURRENCY);

    // xmin is the transaction that inserted a row: events handled together share it.
    const [{ handled, transactions }] = await database.dataSource.query(
      `SELECT count(*)::int AS handled, count(DISTINCT xmin::text)::int AS transactions FROM inbox WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(handled).toBe(events.length);
    expect(transactions).toBeLessThan(events.length);
  });
});
