import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import type { Viewer } from '../viewer';
import { AUTH_OPTIONS, DEFAULT_TOKEN_EXPIRES_IN_SECONDS, type AuthModuleOptions } from './auth-options';

/** The reply of `POST /auth/token` (API.md). */
export interface IssuedToken {
  accessToken: string;
  /** seconds */
  expiresIn: number;
}

/**
 * Signs HS256 tokens with the shared secret, for the organizations service's built-in
 * `POST /auth/token` (standalone mode, demos). Checking the password is the caller's business.
 */
@Injectable()
export class TokenIssuer {
  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions) {}

  async issue(viewer: Viewer, now: Date = new Date()): Promise<IssuedToken> {
    if (!this.options.jwtSecret) {
      throw new Error('TokenIssuer: no jwtSecret (AUTH_JWT_SECRET) is configured, so this service cannot issue tokens.');
    }
    const expiresIn = this.options.tokenExpiresInSeconds ?? DEFAULT_TOKEN_EXPIRES_IN_SECONDS;
    const issuedAt = Math.floor(now.getTime() / 1000);
    let jwt = new SignJWT({ org: viewer.organizationId, roles: viewer.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(viewer.officerId)
      .setIssuedAt(issuedAt)
      // a number is an absolute time for jose, not a duration
      .setExpirationTime(issuedAt + expiresIn)
      .setJti(randomUUID());
    if (this.options.issuer) jwt = jwt.setIssuer(this.options.issuer);
    if (this.options.audience) jwt = jwt.setAudience(this.options.audience);
    return { accessToken: await jwt.sign(new TextEncoder().encode(this.options.jwtSecret)), expiresIn };
  }
}
