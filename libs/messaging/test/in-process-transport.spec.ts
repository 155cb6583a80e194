// Real: Postgres (a database of this file's own) and the in-process bus, as the standalone mode
// runs them: outbox → relay → InProcessBus → the same @EventPattern handler as over JetStream.
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BriefPublishedEvent, EVENT_CATALOG, type LiaisonEvent } from '@liaison/contracts';
import { InProcessBus } from '../src/in-process/in-process-bus';
import { Inbox } from '../src/inbox/inbox';
import { connectEventConsumers, MessagingModule } from '../src/messaging.module';
import { messagingEntities } from '../src/migrations';
import { Outbox } from '../src/outbox/outbox';
import { newTraceparent } from '@liaison/contracts';
import { EventContext } from '../src/transport/event-context';
import { briefPublished, eventually, messagingDatabase } from './support';

@Controller()
class BriefCopier {
  static traceparents: Array<string | undefined> = [];

  constructor(
    private readonly inbox: Inbox,
    private readonly dataSource: DataSource,
  ) {}

  @EventPattern<string>(BriefPublishedEvent.subject)
  async onBriefPublished(@Payload() event: LiaisonEvent<{ title: string }>, @Ctx() context: EventContext): Promise<void> {
    BriefCopier.traceparents.push(context.traceparent);
    await this.inbox.handleOnce(this.dataSource, context.consumer, event, async (manager) => {
      await manager.query(`INSERT INTO briefs (id, title) VALUES ($1, $2)`, [event.id, event.data.title]);
    });
  }
}

describe('Nest event transport over the in-process bus', () => {
  it('runs the same handlers, fed by the outbox and the relay', async () => {
    const database = await messagingDatabase('in_process_transport');
    const bus = new InProcessBus({ retry: { maxDeliver: 3, backoffMs: [50] } });
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ type: 'postgres', url: database.url, entities: messagingEntities }),
        MessagingModule.forRoot({ service: 'notifications', bus, catalog: EVENT_CATALOG, relay: { pollIntervalMs: 100 } }),
      ],
      controllers: [BriefCopier],
    }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['error', 'warn'] });
    try {
      connectEventConsumers(app);
      await app.startAllMicroservices();
      await app.init();

      const traceparent = newTraceparent();
      const event = briefPublished(traceparent, 'Joint training on mediation');
      await app.get(DataSource).transaction((manager) => app.get(Outbox).publish(manager, BriefPublishedEvent, event));

      await eventually(async () =>
        expect(await app.get(DataSource).query(`SELECT title FROM briefs WHERE id = $1`, [event.id])).toEqual([
          { title: 'Joint training on mediation' },
        ]),
      );
      expect(BriefCopier.traceparents).toEqual([traceparent]);
    } finally {
      await app.close();
      await bus.close();
      await database.drop();
    }
  });
});
