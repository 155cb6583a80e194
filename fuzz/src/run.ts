import fc from 'fast-check';
import type { Actors } from './actors';
import { type Answer, harvest, problemsWith } from './checks';
import type { Deployment, RunningService } from './deployment';
import { differences, Footprint } from './footprint';
import { type Operation, operationsOf } from './openapi';
import { type FuzzRequest, requestFor, WRITES } from './requests';
import type { Pools } from './values';
import { rememberSecrets, type SecretsSent } from './log-secrets';

export interface Failure {
  service: string;
  request: string;
  status: number;
  problems: string[];
}

export interface ServiceReport {
  service: string;
  sent: number;
  seconds: number;
  statuses: Record<number, number>;
  failures: Failure[];
}

export interface FuzzOptions {
  requestsPerService: number;
  seed: number;
  /** filled with the passwords and tokens sent, for secretsInLogs */
  secrets?: SecretsSent;
  log?: (line: string) => void;
}

/** Node's limit on a request's line and headers together. */
const OVERSIZE_URL = 16 * 1024;
/** Routes that stream (a live feed answers for as long as it is read): not for a request–answer fuzzer. */
const STREAMS = /\/stream$/;

/** Fuzzes each service of the deployment in turn; ids and cursors given out by one serve the next. */
export async function fuzz(deployment: Deployment, actors: Actors, options: FuzzOptions): Promise<ServiceReport[]> {
  const pools: Pools = { ids: [], cursors: [] };
  for (const secret of actors.secrets) options.secrets?.values.add(secret);
  const reports: ServiceReport[] = [];
  for (const [index, service] of deployment.services.entries()) {
    reports.push(await fuzzService(service, actors, pools, { ...options, seed: options.seed + index * 1_000_003 }));
    options.log?.(summary(reports[reports.length - 1]));
  }
  return reports;
}

async function fuzzService(service: RunningService, actors: Actors, pools: Pools, options: FuzzOptions): Promise<ServiceReport> {
  const document = (await (await fetch(`${service.url}/api/v1/${service.name}/openapi.json`)).json()) as Parameters<typeof operationsOf>[0];
  const operations = operationsOf(document).filter((operation) => !STREAMS.test(operation.path));
  const footprint = await Footprint.of(service.databaseUrl);
  const report: ServiceReport = { service: service.name, sent: 0, seconds: 0, statuses: {}, failures: [] };
  const usedKeys: string[] = [];
  const started = Date.now();
  const pick = fc.sample(fc.nat({ max: operations.length - 1 }), { numRuns: options.requestsPerService, seed: options.seed });
  try {
    for (let i = 0; i < options.requestsPerService; i++) {
      const operation = operations[pick[i]];
      const [request] = fc.sample(requestFor(operation, pools, actors.tokens, usedKeys), { numRuns: 1, seed: options.seed + i + 1 });
      const problems = await exercise(service, operation, request, footprint, report);
      if (options.secrets) rememberSecrets(options.secrets, request);
      if (request.headers['idempotency-key']) usedKeys.push(request.headers['idempotency-key']);
      if (usedKeys.length > 100) usedKeys.shift();
      if (problems.answer.status < 300) {
        harvest(problems.answer.text, pools.ids, pools.cursors);
        pools.ids.splice(0, pools.ids.length, ...pools.ids.filter((id) => !actors.protectedIds.has(id)));
      }
      if (problems.list.length) {
        report.failures.push({ service: service.name, request: describe(request), status: problems.answer.status, problems: problems.list });
        options.log?.(`  ✗ ${describe(request)} → ${problems.answer.status}: ${problems.list.join('; ')}`);
      }
    }
  } finally {
    await footprint.close();
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** Sends one request and checks its answer; a refused write is also checked to have left nothing behind. */
async function exercise(service: RunningService, operation: Operation, request: FuzzRequest, footprint: Footprint, report: ServiceReport) {
  const write = WRITES.has(request.method);
  const before = write ? await footprint.take() : undefined;
  const answer = await send(service.url, request);
  report.sent += 1;
  report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
  const list = answer.status === 0 ? [] : problemsWith(operation, request, answer);
  if (before && answer.status >= 400) {
    const changed = differences(before, await footprint.take());
    if (changed.length) {
      // something else may have written meanwhile (events from another service): ask again in a quiet moment
      const quiet = await footprint.quiet();
      const again = await send(service.url, request);
      const still = differences(quiet, await footprint.take());
      if (again.status >= 400 && still.length) list.push(`refused with ${again.status}, yet left ${still.join(', ')}`);
    }
  }
  return { answer, list };
}

async function send(origin: string, request: FuzzRequest): Promise<Answer> {
  const search = request.query.map(([key, value]) => `${encodeURIComponent(wellFormed(key))}=${encodeURIComponent(wellFormed(value))}`).join('&');
  // header values go as their UTF-8 bytes, as a client that does not encode them would send them
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Buffer.from(value, 'utf8').toString('latin1')]));
  try {
    const answer = await fetch(`${origin}${request.path}${search ? `?${search}` : ''}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    });
    return { status: answer.status, contentType: answer.headers.get('content-type') ?? '', text: await answer.text(), retryAfter: answer.headers.get('retry-after') ?? undefined };
  } catch (error) {
    // A request line larger than any server takes is refused at the door (431) and the connection
    // closed, often before the client has finished sending: status 0, not a failure.
    if (search.length + request.path.length > OVERSIZE_URL) return { status: 0, contentType: '', text: '' };
    // no answer at all (a dropped connection, a timeout) is a failure like a 5xx
    return { status: 599, contentType: '', text: `no answer: ${(error as Error).message}` };
  }
}

/** Lone surrogates become U+FFFD, as any UTF-8 encoder sends them. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function describe(request: FuzzRequest): string {
  const query = request.query.length ? `?${request.query.map(([key, value]) => `${key}=${clip(value, 60)}`).join('&')}` : '';
  const headers = Object.entries(request.headers).filter(([name]) => name !== 'authorization').map(([name, value]) => `${name}: ${clip(value, 40)}`);
  return `${request.method} ${clip(request.path, 120)}${query}${headers.length ? ` [${headers.join(', ')}]` : ''}${request.body !== undefined ? ` ${clip(request.body, 300)}` : ''}${request.broken ? ` (broken: ${request.broken})` : ''}`;
}

function clip(text: string, length: number): string {
  return JSON.stringify(text.length > length ? `${text.slice(0, length)}…(${text.length})` : text).slice(1, -1);
}

export function summary(report: ServiceReport): string {
  const statuses = Object.entries(report.statuses).map(([status, count]) => `${status === '0' ? 'closed' : status}×${count}`).join(' ');
  return `${report.service}: ${report.sent} requests in ${report.seconds.toFixed(0)} s — ${statuses} — ${report.failures.length} failures`;
}
