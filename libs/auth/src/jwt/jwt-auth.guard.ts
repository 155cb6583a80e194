import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ANONYMOUS } from '../viewer';
import { IS_PUBLIC, type ViewerRequest } from './decorators';
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
 * Other contexts (event handlers of the JetStream transport) pass: they carry no token, and the
 * broker, not the caller, is their boundary.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;

    if (isPublic) {
      request.viewer = token ? await this.verifier.verify(token).catch(() => ANONYMOUS) : ANONYMOUS;
      return true;
    }
    try {
      if (!token) throw new UnauthorizedException('A bearer token is required.');
      request.viewer = await this.verifier.verify(token);
      return true;
    } catch (error) {
      // RFC 6750 §3: a 401 names the scheme it wants
      context.switchToHttp().getResponse<HttpResponse>().header('WWW-Authenticate', 'Bearer');
      throw error;
    }
  }
}
