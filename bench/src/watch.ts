import { pidsNamed, type Watched } from './processes';

/** The processes every measurement reports besides its own children. */
export const SERVERS: Watched[] = [
  { name: 'bench harness', pids: () => [process.pid] },
  // every backend of the server, other sessions' too: run the bench on a quiet machine
  { name: 'postgres (all)', pids: () => pidsNamed('postgres') },
  { name: 'nats-server', pids: () => pidsNamed('nats-server') },
];
