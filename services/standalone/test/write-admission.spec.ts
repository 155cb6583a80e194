import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Admission, WriteAdmission } from '../src/http/write-admission';

// Real: a node:http server and clients over loopback, so the places are given back on the
// connection's own 'close'. The delivery lag is a value the test sets: reading it from Postgres
// is the e2e test's part.

describe('write admission', () => {
  const lag = { limitMs: 1000, behindMs: undefined as number | undefined, behind: (): number | undefined => lag.behindMs };
  let admission: WriteAdmission;
  let server: Server;
  let port: number;
  let answers: Array<{ id: string; admission: Admission }>;
  let held: Map<string, ServerResponse>;

  beforeEach(async () => {
    lag.behindMs = undefined;
    admission = new WriteAdmission(lag, 2, 2);
    answers = [];
    held = new Map();
    server = createServer((req, res) => {
      const id = new URL(req.url!, 'http://x').searchParams.get('id')!;
      void admission.admit('dialogues', res).then((result) => {
        answers.push({ id, admission: result });
        if (result.admitted) held.set(id, res);
        else if (!result.gone) res.writeHead(503).end(result.reason);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    for (const res of held.values()) res.end();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** sends a write; resolves with the status once answered */
  const write = (id: string) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', path: `/briefs?id=${id}`, agent: false });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
    });
    answered.catch(() => undefined); // a test that does not wait for the answer lets the connection go at its end
    req.end();
    return { req, answered };
  };
  const finish = (id: string) => {
    held.get(id)!.end('ok');
    held.delete(id);
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(check()).toBe(true);
  };
  const admitted = () => answers.filter((answer) => answer.admission.admitted).map((answer) => answer.id);

  it('lets writes in a bounded number at a time and the waiting ones in, in order, as places are given back', async () => {
    const writes = ['a', 'b', 'c', 'd'].map((id) => ({ id, ...write(id) }));
    await until(() => admitted().length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(admitted()).toEqual(['a', 'b']);

    finish('a');
    expect((await writes[0].answered).status).toBe(200);
    await until(() => admitted().length === 3);
    expect(admitted()).toEqual(['a', 'b', 'c']);

    finish('b');
    finish('c');
    await until(() => admitted().length === 4);
    finish('d');
    expect((await Promise.all(writes.map((w) => w.answered))).map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  });

  it('refuses a write at once when as many are waiting as the queue holds, saying so', async () => {
    ['a', 'b', 'c', 'd'].forEach((id) => write(id));
    await until(() => admitted().length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50)); // c and d are waiting
    const refused = await write('e').answered;
    expect(refused.status).toBe(503);
    expect(refused.body).toBe('dialogues has 2 writes under way and 2 waiting, as many as it holds');
  });

  it('refuses a write at once while the service is further behind in delivering its events than the bound', async () => {
    lag.behindMs = 2500;
    const refused = await write('a').answered;
    expect(refused).toEqual({ status: 503, body: 'dialogues is 2.5 s behind in delivering its events (the bound is 1 s)' });
    expect(admitted()).toEqual([]);
  });

  it('gives the place of a client that left while waiting to the next one', async () => {
    write('a');
    write('b');
    await until(() => admitted().length === 2);
    const leaving = write('c');
    await new Promise((resolve) => setTimeout(resolve, 50));
    leaving.req.destroy();
    const next = write('d');
    await new Promise((resolve) => setTimeout(resolve, 50));

    finish('a');
    await until(() => answers.length === 4);
    expect(answers.slice(2)).toEqual([
      { id: 'c', admission: { admitted: false, gone: true } },
      { id: 'd', admission: { admitted: true } },
    ]);
    finish('d');
    expect((await next.answered).status).toBe(200);
  });
});
