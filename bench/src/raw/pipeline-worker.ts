import { Client } from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { JsMsg } from '@nats-io/jetstream';
import { nowMs, sleep } from '../clock';
import type { ConsumerBatch } from './pipeline-schema';

/**
 * A worker process of the bare pipeline, started by the harness with its role as argument:
 * `relay` publishes outbox rows, `consumer` inserts what it receives. Plain `pg` and
 * `@nats-io/*`, no framework. Settings come from the environment the harness gives it.
 */
const role = process.argv[2];
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function relay(): Promise<void> {
  const db = new Client({ connectionString: env('DATABASE_URL') });
  await db.connect();
  const nc = await connect({ servers: env('NATS_URL'), name: 'bench-relay' });
  const js = jetstream(nc);
  const batch = Number(env('RELAY_BATCH'));
  const idleMs = Number(env('RELAY_IDLE_MS'));
  let running = true;
  process.on('SIGTERM', () => (running = false));
  process.send?.({ type: 'ready' });
  while (running) {
    await db.query('BEGIN');
    const { rows } = await db.query<{ id: string; event_id: string; subject: string; payload: string }>(
      `SELECT id, event_id, subject, payload FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    if (rows.length === 0) {
      await db.query('COMMIT');
      await sleep(idleMs);
      continue;
    }
    await Promise.all(rows.map((row) => js.publish(row.subject, row.payload, { msgID: row.event_id })));
    await db.query('UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
    await db.query('COMMIT');
  }
  await nc.drain();
  await db.end();
  process.exit(0);
}

async function consumer(): Promise<void> {
  const concurrency = Number(env('CONSUMER_CONCURRENCY'));
  const clients = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = new Client({ connectionString: env('DATABASE_URL') });
      await client.connect();
      return client;
    }),
  );
  const fanout = env('FANOUT') === 'true';
  const nc = await connect({ servers: env('NATS_URL'), name: 'bench-consumer' });
  const js = jetstream(nc);
  const messages = await (await js.consumers.get(env('STREAM'), env('DURABLE'))).consume({ max_messages: 256 });

  let pending: ConsumerBatch['items'] = [];
  const flush = setInterval(() => {
    if (pending.length === 0) return;
    process.send?.({ type: 'received', items: pending } satisfies ConsumerBatch);
    pending = [];
  }, 50);

  const handle = async (client: Client, message: JsMsg) => {
    const event = message.json<{ id: string; country: string; title: string }>();
    let rows = 1;
    if (fanout) {
      await client.query('BEGIN');
      const first = await client.query(
        'INSERT INTO received (event_id) VALUES ($1) ON CONFLICT DO NOTHING',
        [event.id],
      );
      if (first.rowCount === 1) {
        const inserted = await client.query(
          `INSERT INTO inbox_items (event_id, subscriber, title)
           SELECT $1, subscriber, $3 FROM subscriptions WHERE country = $2 ON CONFLICT DO NOTHING`,
          [event.id, event.country, event.title],
        );
        rows = inserted.rowCount ?? 0;
      }
      await client.query('COMMIT');
    } else {
      await client.query(
        'INSERT INTO received (event_id) VALUES ($1) ON CONFLICT DO NOTHING',
        [event.id],
      );
    }
    const committedAt = nowMs();
    message.ack();
    pending.push([event.id, committedAt, rows]);
  };

  // `concurrency` handlers, each with its own connection, take messages as they come.
  const idle = [...clients];
  const waiting: Array<(client: Client) => void> = [];
  const take = () => (idle.length ? Promise.resolve(idle.pop()!) : new Promise<Client>((resolve) => waiting.push(resolve)));
  const give = (client: Client) => (waiting.length ? waiting.shift()!(client) : idle.push(client));

  process.on('SIGTERM', () => void messages.close());
  process.send?.({ type: 'ready' });
  for await (const message of messages) {
    const client = await take();
    handle(client, message)
      .catch((error: Error) => {
        console.error(error.message);
        message.nak(100);
      })
      .finally(() => give(client));
  }
  clearInterval(flush);
  if (pending.length) process.send?.({ type: 'received', items: pending } satisfies ConsumerBatch);
  await nc.drain();
  await Promise.all(clients.map((client) => client.end()));
  process.exit(0);
}

(role === 'relay' ? relay() : role === 'consumer' ? consumer() : Promise.reject(new Error(`unknown role ${role}`))).catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
