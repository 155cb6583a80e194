import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';
import { connect } from '@nats-io/transport-node';

/** The machine the figures belong to: they mean little without it. */
export async function describeMachine(databaseUrl: string, natsUrl: string): Promise<Record<string, string | number>> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const pg = new Client({ connectionString: url.toString() });
  await pg.connect();
  const setting = async (name: string) => (await pg.query<{ v: string }>(`SELECT current_setting($1) AS v`, [name])).rows[0].v;
  const postgres = {
    version: await setting('server_version'),
    synchronousCommit: await setting('synchronous_commit'),
    fsync: await setting('fsync'),
    sharedBuffers: await setting('shared_buffers'),
    autovacuum: await setting('autovacuum'),
  };
  await pg.end();
  const nc = await connect({ servers: natsUrl });
  const nats = nc.info?.version ?? 'unknown';
  await nc.close();
  return {
    cores: os.cpus().length,
    cpu: cpuModel(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: `${postgres.version} (synchronous_commit ${postgres.synchronousCommit}, fsync ${postgres.fsync}, shared_buffers ${postgres.sharedBuffers}, autovacuum ${postgres.autovacuum})`,
    nats,
  };
}

/**
 * The CPU's name, and on Linux its family, model and cache: VMs of one kind ("AMD EPYC") come in
 * different generations, and figures from two of them do not compare.
 */
function cpuModel(): string {
  const name = os.cpus()[0]?.model.trim() ?? 'unknown';
  let cpuinfo: string;
  try {
    cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return name;
  }
  const details = [
    ['cpu family', 'family'],
    ['model', 'model'],
    ['cache size', 'cache'],
  ].flatMap(([key, label]) => {
    const value = new RegExp(`^${key}\\s*:\\s*(.+)$`, 'm').exec(cpuinfo)?.[1].trim();
    return value ? [`${label} ${value}`] : [];
  });
  return details.length > 0 ? `${name}, ${details.join(' ')}` : name;
}
