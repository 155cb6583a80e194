import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { noSecretsYet, rememberSecrets, secretsInLogs } from '../src/log-secrets';

/** The fuzzer's log check: a password sent only in a body must not reach a log; one it also sent in a URL is no secret. */
describe('the secrets the fuzzer looks for in the logs', () => {
  let logDir: string;
  const forgedCursor = Buffer.from(JSON.stringify({ createdAt: '2026-02-30T00:00:00.000Z', id: '6f1c2b1e-0000-4000-8000-000000000000' })).toString('base64url');
  const password = 'Tr0ub4dor&3-horse-staple';

  beforeEach(() => {
    logDir = mkdtempSync(path.join(tmpdir(), 'liaison-log-secrets-'));
  });
  afterEach(() => rmSync(logDir, { recursive: true, force: true }));

  const post = (value: string) => ({ path: '/api/v1/officers', query: [], headers: {}, body: JSON.stringify({ email: 'a@b.org', password: value }) });
  const list = (cursor: string) => ({ path: '/api/v1/milestones', query: [['cursor', cursor]] as Array<[string, string]>, headers: {}, body: undefined });
  const logLine = (url: string) => `${JSON.stringify({ level: 30, req: { method: 'GET', url } })}\n`;

  it('reports a password sent in a body that a log line holds', () => {
    const secrets = noSecretsYet();
    rememberSecrets(secrets, post(password));
    writeFileSync(path.join(logDir, 'organizations.log'), logLine(`/api/v1/officers?note=${password}`));
    expect(secretsInLogs(logDir, secrets)).toEqual([`organizations.log: a secret sent by the fuzzer (Tr0ub4…, ${password.length} characters)`]);
  });

  it('does not report a value the fuzzer also sent in a query string, where every request log holds it', () => {
    const secrets = noSecretsYet();
    rememberSecrets(secrets, post(forgedCursor));
    rememberSecrets(secrets, list(forgedCursor));
    writeFileSync(path.join(logDir, 'capacity-building.log'), logLine(`/api/v1/milestones?cursor=${forgedCursor}`));
    expect(secrets.values.has(forgedCursor)).toBe(true);
    expect(secretsInLogs(logDir, secrets)).toEqual([]);
  });

  it('reports a bearer token in a log line', () => {
    const secrets = noSecretsYet();
    const token = `${'eyJhbGciOiJIUzI1NiJ9'}.${'e'.repeat(40)}.${'s'.repeat(43)}`;
    rememberSecrets(secrets, { ...list('x'), headers: { authorization: `Bearer ${token}` } });
    writeFileSync(path.join(logDir, 'dialogues.log'), `{"headers":{"authorization":"Bearer ${token}"}}\n`);
    expect(secretsInLogs(logDir, secrets)).toEqual([`dialogues.log: a secret sent by the fuzzer (eyJhbG…, ${token.length} characters)`]);
  });
});
