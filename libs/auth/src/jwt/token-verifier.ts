import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Viewer } from '../viewer';
import { AUTH_OPTIONS, type AuthModuleOptions } from './auth-options';
import { viewerFromClaims } from './claims';

/**
 * Turns a bearer token into a Viewer, or refuses it with a 401. Each algorithm is bound to its
 * own key source (HS256 → the secret, RS256 → the key set), so a token cannot choose to be
 * checked against a key of the other kind; `none` and everything else are refused.
 */
@Injectable()
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;
  private readonly algorithms: string[];

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
    return viewer;
  }
}
