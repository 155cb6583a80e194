import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Viewer } from '../viewer';
import { AUTH_OPTIONS, type AuthModuleOptions } from './auth-options';
import { viewerFromClaims } from './claims';

/** Tokens remembered as verified at most; past it the oldest are forgotten first. */
const REMEMBERED_TOKENS = 10_000;
/** A remembered token is checked again after this long, so a key withdrawn from the key set bites within it. */
const REMEMBER_MS = 5 * 60 * 1000;

interface Verified {
  viewer: Viewer;
  expiresAt: number;
  /** until when it may be taken from memory: its expiry, at most REMEMBER_MS after it was checked */
  until: number;
}

/**
 * Turns a bearer token into a Viewer, or refuses it with a 401. Each algorithm is bound to its
 * own key source (HS256 → the secret, RS256 → the key set), so a token cannot choose to be
 * checked against a key of the other kind; `none` and everything else are refused.
 *
 * An officer sends the same token with every request of its hour, and checking its signature
 * (WebCrypto, a job on the thread pool) cost more CPU than the rest of the guard: so a token
 * that passed is remembered, by its exact text (signature included, so no other token matches),
 * until it expires or for five minutes. Only successes are remembered.
 */
@Injectable()
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, Verified>();

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions) {
    const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : undefined;
    const keySet = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
    this.algorithms = [...(secret ? ['HS256'] : []), ...(keySet ? ['RS256'] : [])];
    this.getKey = async (header, token) => {
      if (header.alg === 'HS256' && secret) return secret;
      if (header.alg === 'RS256' && keySet) return keySet(header, token);
      throw new errors.JOSEAlgNotAllowed(`"${header.alg}" is not accepted`);
    };
  }

  async verify(token: string): Promise<Viewer> {
    return (await this.verifyWithExpiry(token)).viewer;
  }

  /** The viewer and when the token expires (epoch milliseconds), e.g. to end a stream then. */
  async verifyWithExpiry(token: string): Promise<{ viewer: Viewer; expiresAt: number }> {
    const now = Date.now();
    const remembered = this.verified.get(token);
    if (remembered && now < remembered.until) return { viewer: remembered.viewer, expiresAt: remembered.expiresAt };
    if (remembered) this.verified.delete(token);
    const { viewer, expiresAt } = await this.check(token);
    if (this.verified.size >= REMEMBERED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { viewer, expiresAt, until: Math.min(expiresAt, now + REMEMBER_MS) });
    return { viewer, expiresAt };
  }

  private async check(token: string): Promise<{ viewer: Viewer; expiresAt: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        // a token without an expiry would be valid for ever
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new UnauthorizedException(
        error instanceof errors.JWTExpired ? 'The token has expired.' : 'The token is not valid.',
      );
    }
    const viewer = viewerFromClaims(payload);
    if ('problem' in viewer) throw new UnauthorizedException(`The token is not valid: ${viewer.problem}.`);
    // exp is required above; remembered only until then (without the clock tolerance)
    return { viewer, expiresAt: (payload.exp ?? 0) * 1000 };
  }
}
