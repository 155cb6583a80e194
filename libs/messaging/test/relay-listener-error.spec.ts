// Real: Postgres (a database of this file's own) and the pg driver. The relay's LISTEN connection
// reports an error after the relay has handed it back (Postgres shutting down while the service
// stops: its notice crosses the relay's goodbye). The error is the pool's then: handed back a
// second time by the relay, the connection would throw out of the socket's handler.
import type { Socket } from 'node:net';
import type { Pool, PoolClient } from 'pg';
import { InProcessBus } from '../src/in-process/in-process-bus';
import { DEFAULT_RETRY_POLICY } from '../src/event-bus';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { eventually, messagingDatabase, sleep } from './support';

describe('OutboxRelay whose LISTEN connection fails after the relay stopped', () => {
  it('leaves the late error to the pool, which drops the connection; nothing is thrown', async () => {
    const database = await messagingDatabase('relay_listener_error');
    const bus = new InProcessBus({ retry: DEFAULT_RETRY_POLICY });
    const relay = new OutboxRelay(database.dataSource, bus);
    const pool = (database.dataSource.driver as unknown as { master: Pool }).master;
    const poolErrors: Error[] = [];
    const onPoolError = (error: Error) => poolErrors.push(error);
    pool.on('error', onPoolError);
    try {
      let listener: PoolClient | undefined;
      pool.once('acquire', (client) => (listener = client));
      await relay.publishBatch();
      expect(relay.isListening()).toBe(true);
      // what Postgres sends next waits unread, as if it were still on the wire
      const socket = (listener as unknown as { connection: { stream: Socket } }).connection.stream;
      socket.pause();
      await database.dataSource.query(`SELECT pg_terminate_backend($1)`, [(listener as unknown as { processID: number }).processID]);
      await sleep(200);
      await relay.stop();
      socket.resume();
      await eventually(() => expect(poolErrors.map((error) => error.message)).toEqual(['terminating connection due to administrator command']));
      expect(relay.isListening()).toBe(false);
    } finally {
      pool.off('error', onPoolError);
      await bus.close();
      await database.drop();
    }
  });
});
