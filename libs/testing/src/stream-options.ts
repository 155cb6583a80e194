import { jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { ServiceConfig } from '@liaison/http';
import type { ServiceDefinition } from '@liaison/kit';
import { startTestService } from './test-service';
import { removeTestStreams, testMessaging } from './test-messaging';

const DAY_NS = nanos(24 * 60 * 60 * 1000);

/**
 * The tests every service runs on its own definition: each stream option of its config reaches
 * the streams it provisions, and a start never lowers what an operator set higher on them.
 */
export function describeStreamOptions<C extends ServiceConfig>(definition: ServiceDefinition<C>, schema: new () => C, env: Record<string, string> = {}): void {
  describe(`${definition.name}: the event streams follow its config`, () => {
    it('creates the events and dead-letter streams with the configured retention and duplicate window', async () => {
      const service = await startTestService(definition, schema, {
        env: { ...env, EVENTS_MAX_AGE_DAYS: '3', EVENTS_DUPLICATE_WINDOW_SECONDS: '45', EVENTS_REPLICAS: '1' },
      });
      try {
        const connection = await connect({ servers: service.messaging.natsUrl });
        const jsm = await jetstreamManager(connection);
        const events = (await jsm.streams.info(`${service.messaging.streamPrefix}LIAISON_EVENTS`)).config;
        const deadLetters = (await jsm.streams.info(`${service.messaging.streamPrefix}LIAISON_DLQ`)).config;
        await connection.close();
        expect(events.max_age).toBe(3 * DAY_NS);
        expect(events.duplicate_window).toBe(nanos(45_000));
        expect(events.num_replicas).toBe(1);
        expect(deadLetters.duplicate_window).toBe(nanos(45_000));
      } finally {
        await service.stop();
      }
    });

    it('keeps the longer retention an operator set on an existing stream', async () => {
      const messaging = testMessaging();
      const connection = await connect({ servers: messaging.natsUrl });
      const jsm = await jetstreamManager(connection);
      const name = `${messaging.streamPrefix}LIAISON_EVENTS`;
      await jsm.streams.add({
        name,
        subjects: [`${messaging.subjectPrefix}liaison.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        max_age: 30 * DAY_NS,
        max_msgs: 1_000_000,
      });
      const service = await startTestService(definition, schema, { messaging, env: { ...env, EVENTS_MAX_AGE_DAYS: '7' } });
      try {
        const events = (await jsm.streams.info(name)).config;
        expect(events.max_age).toBe(30 * DAY_NS);
        expect(events.max_msgs).toBe(1_000_000);
      } finally {
        await service.stop();
        await connection.close();
        await removeTestStreams(messaging);
      }
    });
  });
}
