import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ANONYMOUS, type Viewer } from '../viewer';
import { IS_PUBLIC, type ViewerRequest } from './decorators';
import { StandingCheck } from './officer-standing';
import { TokenVerifier } from './token-verifier';

interface HttpRequest extends ViewerRequest {
  headers: Record<string, string | string[] | undefined>;
}
/** Fastify's reply and Express's response both have it. */
interface HttpResponse {
  header(name: string, value: string): unknown;
}

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i;

/**
 * Every HTTP route needs `Authorization: Bearer <JWT>` unless marked @Public(); it sets
 * `request.viewer`. On a public route a valid token still names the viewer, and a missing or
 * bad one leaves the public (`null`): a public route never fails because of a stale token.
 *
 * A token is honoured only while the registry says its officer is active in the token's
 * organization with at least the token's roles (StandingCheck): leaving, a move or a lost role
 * bites on the next request, not at the token's expiry. A stale token is a 401 saying why.
 *
 * Other contexts (event handlers of the JetStream transport) pass: they carry no token, and the
 * broker, not the caller, is their boundary.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly standing: StandingCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;

    if (isPublic) {
      const verified = token ? await this.honoured(token).catch(() => undefined) : undefined;
      request.viewer = verified?.viewer ?? ANONYMOUS;
      request.tokenExpiresAt = verified?.expiresAt;
      return true;
    }
    try {
      if (!token) throw new UnauthorizedException('A bearer token is required.');
      ({ viewer: request.viewer, expiresAt: request.tokenExpiresAt } = await this.honoured(token));
      return true;
    } catch (error) {
      // RFC 6750 §3: a 401 names the scheme it wants
      context.switchToHttp().getResponse<HttpResponse>().header('WWW-Authenticate', 'Bearer');
      throw error;
    }
  }

  /** The token's viewer and expiry, if it verifies and its officer still stands as it says. */
  private async honoured(token: string): Promise<{ viewer: Viewer; expiresAt: number }> {
    const verified = await this.verifier.verifyWithExpiry(token);
    const stale = await this.standing.staleReason(verified.viewer);
    if (stale) throw new UnauthorizedException(`The token no longer holds: ${stale}. Sign in again for a new one.`);
    return verified;
  }
}
