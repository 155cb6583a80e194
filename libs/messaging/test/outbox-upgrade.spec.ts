// Real: Postgres (a database of this file's own) and NATS JetStream (streams of this file's own).
import { jetstream } from '@nats-io/jetstream';
import { BriefPublishedEvent, newTraceparent } from '@liaison/contracts';
import { createTestDatabase } from '@liaison/testing';
import { DataSource } from 'typeorm';
import { DEFAULT_RETRY_POLICY } from '../src/event-bus';
import { JetStreamBus } from '../src/jetstream/jetstream-bus';
import { CreateInbox1767225600001, CreateOutbox1767225600000, messagingEntities, messagingMigrations } from '../src/migrations';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { eventsStreamName } from '../src/wire-names';
import { briefPublished, eventually, testStreams } from './support';

/**
 * A deployment upgraded while its outbox still holds unsent events (recorded as jsonb before the
 * outbox kept them as text) must publish every one of them, unchanged, after the upgrade.
 */
describe('outbox upgrade to events as text', () => {
  it('publishes an event recorded before the upgrade, unchanged, with its id and traceparent', async () => {
    const database = await createTestDatabase('outbox_upgrade');
    const streams = await testStreams();
    const bus = new JetStreamBus(streams.connection, streams.jsm, { ...streams.names, retry: DEFAULT_RETRY_POLICY });
    const before = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: [CreateOutbox1767225600000, CreateInbox1767225600001],
    });
    let after: DataSource | undefined;
    try {
      await before.initialize();
      await before.runMigrations();
      const traceparent = newTraceparent();
      const event = briefPublished(traceparent, 'Recorded before the upgrade: "quoted" \\ and ünïcode');
      await before.query(`INSERT INTO outbox (id, subject, event, traceparent) VALUES ($1, $2, $3::jsonb, $4)`, [
        event.id,
        BriefPublishedEvent.subject,
        JSON.stringify(event),
        traceparent,
      ]);
      await before.destroy();

      after = new DataSource({ type: 'postgres', url: database.url, entities: messagingEntities, migrations: messagingMigrations });
      await after.initialize();
      expect((await after.runMigrations()).map((migration) => migration.name)).toEqual(['OutboxEventAsText1767744000000', 'OutboxSentIndex1796256000000', 'CreateDeadLetters1796299200000']);

      const relay = new OutboxRelay(after, bus, { pollIntervalMs: 50 });
      relay.start();
      try {
        const reader = await jetstream(streams.connection).consumers.get(eventsStreamName(streams.names));
        const message = await reader.next({ expires: 5_000 });
        expect(message).not.toBeNull();
        expect(message!.headers?.get('Nats-Msg-Id')).toBe(event.id);
        expect(message!.headers?.get('traceparent')).toBe(traceparent);
        expect(message!.json()).toEqual(event);
        await eventually(async () => {
          const [row] = await after!.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
          expect(row.sent_at).not.toBeNull();
        });
      } finally {
        await relay.stop();
      }
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after?.isInitialized) await after.destroy();
      await bus.close();
      await streams.remove();
      await database.drop();
    }
  });
});
