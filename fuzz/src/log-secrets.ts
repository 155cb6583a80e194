import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FuzzRequest } from './requests';

/** What no log line may hold: any of these values, or a password hash. */
export interface SecretsSent {
  values: Set<string>;
  /** query values and paths the fuzzer sent: a secret among them (a forged cursor tried as a password) was not kept secret */
  openly: Set<string>;
}

export const noSecretsYet = (): SecretsSent => ({ values: new Set(), openly: new Set() });

/** Passwords a request carried (any `password` field long enough to be one), its bearer token, and what it sent openly. */
export function rememberSecrets(secrets: SecretsSent, request: Pick<FuzzRequest, 'path' | 'query' | 'headers' | 'body'>): void {
  const { headers, body } = request;
  secrets.openly.add(request.path);
  for (const [, value] of request.query) secrets.openly.add(value);
  const token = headers.authorization?.replace(/^Bearer /, '');
  if (token && token.split('.').length === 3 && token.length > 40) secrets.values.add(token);
  if (!body || !/password|whsec_/.test(body)) return;
  try {
    const value = JSON.parse(body) as { password?: unknown; secret?: unknown };
    // a webhook secret the fuzzer chose
    if (typeof value?.secret === 'string' && /^whsec_[A-Za-z0-9+/]{32,}/.test(value.secret)) secrets.values.add(value.secret);
    const password = value?.password;
    // a password like `xxxxxxxxxxxx` would be found in any long line of x's: only varied ones count
    if (typeof password === 'string' && password.length >= 12 && /^[\x21-\x7e]+$/.test(password) && new Set(password).size >= 6) secrets.values.add(password);
  } catch {
    // not JSON: nothing to remember
  }
}

/** Each log file line that holds a secret or an argon2 hash: `<service>: <which>`. */
export function secretsInLogs(logDir: string, secrets: SecretsSent): string[] {
  const leaks: string[] = [];
  const openly = [...secrets.openly];
  const kept = [...secrets.values].filter((secret) => !openly.some((sent) => sent.includes(secret)));
  for (const file of readdirSync(logDir).filter((name) => name.endsWith('.log'))) {
    const text = readFileSync(path.join(logDir, file), 'utf8');
    if (text.includes('$argon2')) leaks.push(`${file}: a password hash`);
    for (const secret of kept) {
      if (text.includes(secret)) leaks.push(`${file}: a secret sent by the fuzzer (${secret.slice(0, 6)}…, ${secret.length} characters)`);
    }
  }
  return leaks;
}
