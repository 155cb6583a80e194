import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';

/** Stored form: `enc:v1:<key id>:<iv>:<tag>:<ciphertext>`, base64url parts. */
const PREFIX = 'enc:v1:';

/**
 * Outside production, without LIAISON_SECRET_KEY, secrets are sealed with this well-known key:
 * at rest they are then only obscured, which the service says in its log at start.
 */
export const DEVELOPMENT_SECRET_KEY = Buffer.alloc(32, 'liaison-development-only').toString('base64');

/** A key of 32 bytes, written as base64 (44 characters) or hex (64); undefined when it is not one. */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

interface Key {
  id: string;
  bytes: Buffer;
}

function keyOf(text: string): Key {
  const bytes = parseSecretKey(text);
  if (!bytes) throw new Error('a secret key must be 32 bytes, as base64 or hex');
  // the id names the key without revealing it: a rotation finds the rows still under the old one
  return { id: createHash('sha256').update('liaison-secret-key-id').update(bytes).digest('base64url').slice(0, 8), bytes };
}

/**
 * Webhook secrets encrypted at rest (AES-256-GCM) with the key from the environment. Each sealed
 * value names its key, so a new key is a re-encryption: the previous key still opens what it
 * sealed until `SecretResealing` has sealed it again under the current one.
 */
export class SecretBox {
  private readonly current: Key;
  private readonly keys = new Map<string, Key>();

  constructor(currentKey: string, previousKey?: string) {
    this.current = keyOf(currentKey);
    this.keys.set(this.current.id, this.current);
    if (previousKey) {
      const previous = keyOf(previousKey);
      if (!this.keys.has(previous.id)) this.keys.set(previous.id, previous);
    }
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.current.id}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${ciphertext.toString('base64url')}`;
  }

  /** The secret in clear. A value stored before encryption (not sealed) is returned as it is. */
  open(stored: string): string {
    if (!isSealed(stored)) return stored;
    const [keyId, iv, tag, ciphertext] = stored.slice(PREFIX.length).split(':');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`the webhook secret is sealed with key ${keyId}, which is neither LIAISON_SECRET_KEY nor LIAISON_SECRET_KEY_PREVIOUS`);
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Whether the stored value should be sealed again: in clear, or under another key than the current one. */
  needsResealing(stored: string): boolean {
    return !isSealed(stored) || stored.slice(PREFIX.length).split(':')[0] !== this.current.id;
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export const WEBHOOK_SECRET_BOX = Symbol('WEBHOOK_SECRET_BOX');

/** The service's box, from its config; outside production without a key, the development one, said in the log. */
export function secretBoxOf(config: { secretKey?: string; secretKeyPrevious?: string }, logger: LoggerService): SecretBox {
  if (!config.secretKey) {
    logger.warn('LIAISON_SECRET_KEY is not set: webhook secrets are sealed with the well-known development key (refused when NODE_ENV is production)');
  }
  return new SecretBox(config.secretKey ?? DEVELOPMENT_SECRET_KEY, config.secretKeyPrevious);
}
