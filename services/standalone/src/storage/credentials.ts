import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface Stored {
  jwtSecret: string;
  adminEmail: string;
  password: string;
  /** LIAISON_SECRET_KEY: seals webhook secrets at rest (a data directory from before it gets one at its next start) */
  secretKey: string;
}

/**
 * The secrets of one data directory, made at its first start and kept in it (readable by its
 * owner only): the token signing secret, and the UN administrator's e-mail and password, which is
 * also every demo officer's, and the key that seals webhook secrets. What the environment sets
 * (AUTH_JWT_SECRET, LIAISON_ADMIN_EMAIL, LIAISON_ADMIN_PASSWORD, LIAISON_SECRET_KEY) wins over
 * what is kept.
 */
export class Credentials implements Stored {
  private constructor(
    readonly jwtSecret: string,
    readonly adminEmail: string,
    readonly password: string,
    readonly secretKey: string,
  ) {}

  static async load(dataDirectory: string, overrides: Partial<Stored>): Promise<Credentials> {
    const file = path.join(dataDirectory, 'credentials.json');
    let stored = await readFile(file, 'utf8').then((text) => JSON.parse(text) as Stored, () => undefined);
    if (!stored?.secretKey) {
      stored = {
        jwtSecret: randomBytes(32).toString('base64url'),
        adminEmail: 'admin@un.example.org',
        // readable, and long enough for the organizations service's rule (12 characters at least)
        password: `liaison-${randomBytes(6).toString('hex')}`,
        ...stored,
        secretKey: randomBytes(32).toString('base64'),
      };
      await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    }
    return new Credentials(
      overrides.jwtSecret ?? stored.jwtSecret,
      overrides.adminEmail ?? stored.adminEmail,
      overrides.password ?? stored.password,
      overrides.secretKey ?? stored.secretKey,
    );
  }
}
