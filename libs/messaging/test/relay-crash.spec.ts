// Real: Postgres, NATS JetStream, and a relay in a child process killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { BriefPublishedEvent, type LiaisonEvent } from '@liaison/contracts';
import { Outbox } from '../src/outbox/outbox';
import { eventsStreamName } from '../src/wire-names';
import type { RelayProcessArguments } from './relay-process';
import { briefPublished, eventually, messagingDatabase, testStreams } from './support';

const ROOT = join(__dirname, '..', '..', '..');

/** Starts the relay process and resolves once it printed `line`. */
function startRelay(args: RelayProcessArguments, line: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'relay-process.ts'), JSON.stringify(args)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(line)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      if (!output.includes(line)) reject(new Error(`relay process exited (${code}) before "${line}":\n${output}`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('relay killed mid-batch', () => {
  let database: Awaited<ReturnType<typeof messagingDatabase>>;
  let streams: Awaited<ReturnType<typeof testStreams>>;
  let args: RelayProcessArguments;

  beforeAll(async () => {
    database = await messagingDatabase('relay_crash');
    streams = await testStreams();
    args = { databaseUrl: database.url, ...streams.names };
  });
  afterAll(async () => {
    await streams.remove();
    await database.drop();
  });

  async function commit(event: LiaisonEvent): Promise<void> {
    await database.dataSource.transaction((manager) => new Outbox().publish(manager, BriefPublishedEvent, event));
  }

  /** Messages the stream holds for this event id, and whether the outbox calls it sent. */
  async function stateOf(event: LiaisonEvent): Promise<{ stored: number; sent: boolean }> {
    const stream = eventsStreamName(streams.names);
    const { state } = await streams.jsm.streams.info(stream);
    let stored = 0;
    // An empty stream reports sequence 0, which cannot be read.
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const message = await streams.jsm.streams.getMessage(stream, { seq });
      if (message?.json<LiaisonEvent>().id === event.id) stored++;
    }
    const [row] = await database.dataSource.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
    return { stored, sent: row.sent_at !== null };
  }

  /** Whether some session holds a relay's claim (an advisory lock) on the event. */
  async function claimed(event: LiaisonEvent): Promise<boolean> {
    const [row] = await database.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = 1869968482 AND objsubid = 2 AND objid = ('x' || right($1::text, 8))::bit(32)::int::oid`,
      [event.id],
    );
    return row.n > 0;
  }

  it('publishes the event once after a crash between its claim and its publish', async () => {
    const event = briefPublished();
    await commit(event);
    const relay = await startRelay({ ...args, pauseAt: 'before-publish' }, 'paused before-publish');
    expect(await claimed(event)).toBe(true);
    await killed(relay);
    expect(await stateOf(event)).toEqual({ stored: 0, sent: false });
    // The dead relay's claim went with its connection: the next relay takes the event at once.
    await eventually(async () => expect(await claimed(event)).toBe(false));

    await startRelay(args, 'drained');
    expect(await stateOf(event)).toEqual({ stored: 1, sent: true });
  });

  it('keeps one stored message after a crash between publish and marking it sent (JetStream dedup)', async () => {
    const event = briefPublished();
    await commit(event);
    await killed(await startRelay({ ...args, pauseAt: 'before-mark-sent' }, 'paused before-mark-sent'));
    expect(await stateOf(event)).toEqual({ stored: 1, sent: false });

    await startRelay(args, 'drained');
    expect(await stateOf(event)).toEqual({ stored: 1, sent: true });
  });
});
