import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { httpLogging, redactUrl } from './logging';

describe('redactUrl', () => {
  it('keeps credentials in query parameters out of logs', () => {
    expect(redactUrl('/api/v1/notifications/stream?access_token=eyJ.abc.def')).toBe('/api/v1/notifications/stream?access_token=[redacted]');
    expect(redactUrl('/api/v1/notifications/stream?lastEventId=1&ticket=xyz&x=2')).toBe('/api/v1/notifications/stream?lastEventId=1&ticket=[redacted]&x=2');
    expect(redactUrl('/api/v1/briefs?q=token')).toBe('/api/v1/briefs?q=token');
  });
});

describe('httpLogging', () => {
  let server: Server;
  let lines: Array<Record<string, unknown>>;
  let base: string;

  async function serve(level: string): Promise<void> {
    lines = [];
    const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const logging = httpLogging(logger) as unknown as (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
    server = createServer((request, response) => {
      (request as IncomingMessage & { id: string }).id = 'request-1';
      logging(request, response, () => {
        if (request.url?.startsWith('/hang')) {
          request.socket.destroy(); // the client is gone before an answer
          return;
        }
        response.statusCode = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** Lines are written when the response ends, which can be just after the client has it. */
  async function settled(count: number): Promise<void> {
    for (let i = 0; i < 100 && lines.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('writes one line per request, with its id, method, redacted URL, status and duration, and no header', async () => {
    await serve('info');
    await fetch(`${base}/api/v1/stream?access_token=secret-token&status=200`, { headers: { authorization: 'Bearer secret-token' } });
    await fetch(`${base}/api/v1/briefs?status=404`, { method: 'POST' });
    await fetch(`${base}/api/v1/briefs?status=503`);
    await settled(3);
    expect(lines.map((line) => [line.level, line.msg, line.req, line.res])).toEqual([
      [30, 'request completed', { id: 'request-1', method: 'GET', url: '/api/v1/stream?access_token=[redacted]&status=200' }, { statusCode: 200 }],
      [40, 'request completed', { id: 'request-1', method: 'POST', url: '/api/v1/briefs?status=404' }, { statusCode: 404 }],
      [50, 'request errored', { id: 'request-1', method: 'GET', url: '/api/v1/briefs?status=503' }, { statusCode: 503 }],
    ]);
    expect(lines.every((line) => typeof line.responseTime === 'number')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });

  it('writes only the levels enabled, and nothing for probes and scrapes', async () => {
    await serve('warn');
    await fetch(`${base}/api/v1/briefs?status=201`);
    await fetch(`${base}/health/ready?status=503`);
    await fetch(`${base}/metrics?status=500`);
    await fetch(`${base}/api/v1/briefs?status=400`);
    await settled(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.map((line) => [line.msg, (line.res as { statusCode: number }).statusCode])).toEqual([['request completed', 400]]);
  });

  it('writes an error line for a request whose connection closed before the answer', async () => {
    await serve('info');
    await expect(fetch(`${base}/hang`)).rejects.toThrow();
    await settled(1);
    expect(lines.map((line) => [line.level, line.msg])).toEqual([[50, 'request aborted']]);
  });
});
