import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What no log line may hold: any of these values, or a password hash. */
export interface SecretsSent {
  values: Set<string>;
}

/** Passwords a request carried (any `password` field long enough to be one) and its bearer token. */
export function rememberSecrets(secrets: SecretsSent, headers: Record<string, string>, body: string | undefined): void {
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
  for (const file of readdirSync(logDir).filter((name) => name.endsWith('.log'))) {
    const text = readFileSync(path.join(logDir, file), 'utf8');
    if (text.includes('$argon2')) leaks.push(`${file}: a password hash`);
    for (const secret of secrets.values) {
      if (text.includes(secret)) leaks.push(`${file}: a secret sent by the fuzzer (${secret.slice(0, 6)}…, ${secret.length} characters)`);
    }
  }
  return leaks;
}
