// Real: Postgres (a database of this file's own) and NATS JetStream (streams of this file's own).
import { BriefPublishedEvent } from '@liaison/contracts';
import { DEFAULT_RETRY_POLICY } from '../src/event-bus';
import { JetStreamBus } from '../src/jetstream/jetstream-bus';
import { Outbox } from '../src/outbox/outbox';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { eventsStreamName } from '../src/wire-names';
import { briefPublished, eventually, messagingDatabase, sleep, testStreams } from './support';

// Found by the drill's five-minute Postgres outage: the relay had published a batch, the database
// went away before the mark, and once it was back the relay published the batch again, past the
// stream's duplicate window: the events were twice in the stream.
describe('outbox relay, when the mark after a publish fails', () => {
  it('marks the published events once the database answers again, and does not publish them a second time', async () => {
    const database = await messagingDatabase('relay_unmarked');
    const streams = await testStreams({ duplicateWindowMs: 200 });
    const bus = new JetStreamBus(streams.connection, streams.jsm, { ...streams.names, retry: DEFAULT_RETRY_POLICY });
    let marksRefused = 0;
    const relay = new OutboxRelay(database.dataSource, bus, {
      pollIntervalMs: 100,
      retryDelayMs: { first: 600, max: 600 },
      hooks: {
        // the database goes away between the publish and the mark, once
        beforeMarkSent: async () => {
          if (marksRefused++ === 0) throw new Error('Connection terminated unexpectedly');
        },
      },
    });
    try {
      const event = briefPublished();
      await database.dataSource.transaction((manager) => new Outbox().publish(manager, BriefPublishedEvent, event));
      relay.start();
      await eventually(async () => {
        const [row] = await database.dataSource.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
        expect(row.sent_at).not.toBeNull();
      }, 10_000);
      await sleep(1_000);
      expect(marksRefused).toBeGreaterThanOrEqual(1);
      expect((await streams.jsm.streams.info(eventsStreamName(streams.names))).state.messages).toBe(1);
    } finally {
      await relay.stop();
      await bus.close();
      await streams.remove();
      await database.drop();
    }
  }, 60_000);
});
