/**
 * A relay in a process of its own, for the crash tests: `node -r @swc-node/register relay-process.ts '<json>'`.
 * With `pauseAt` it claims one batch, prints `paused <point>` and waits to be killed there;
 * without, it publishes until no row is left unsent, prints `drained` and exits.
 */
import { DataSource } from 'typeorm';
import { DEFAULT_RETRY_POLICY } from '../src/event-bus';
import { JetStreamBus } from '../src/jetstream/jetstream-bus';
import { messagingEntities } from '../src/migrations';
import { OutboxRelay } from '../src/outbox/outbox-relay';

export interface RelayProcessArguments {
  databaseUrl: string;
  natsUrl: string;
  subjectPrefix: string;
  streamPrefix: string;
  pauseAt?: 'before-publish' | 'before-mark-sent';
}

async function main(args: RelayProcessArguments): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url: args.databaseUrl, entities: messagingEntities }).initialize();
  const bus = await JetStreamBus.connect(args.natsUrl, 'relay-crash-test', { ...args, retry: DEFAULT_RETRY_POLICY });
  const pause = async () => {
    process.stdout.write(`paused ${args.pauseAt}\n`);
    await new Promise(() => undefined);
  };
  const relay = new OutboxRelay(dataSource, bus, {
    hooks: {
      beforePublish: args.pauseAt === 'before-publish' ? pause : undefined,
      beforeMarkSent: args.pauseAt === 'before-mark-sent' ? pause : undefined,
    },
  });
  const unsent = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`))[0].n as number;
  while ((await unsent()) > 0) {
    if ((await relay.publishBatch()) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await relay.stop();
  process.stdout.write('drained\n');
  await bus.close();
  await dataSource.destroy();
}

main(JSON.parse(process.argv[2]) as RelayProcessArguments).catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
