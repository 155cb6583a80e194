import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { MaybeViewer, Role } from '../viewer';

// One marker for "no token needed", shared with libs/http (health, metrics, documents).
export { IS_PUBLIC, Public } from '@liaison/http';

export const ROLES_KEY = 'liaison:roles';

/** The route needs one of these roles; others get 403. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** What JwtAuthGuard leaves on the request: the officer, or `null` for the public on a @Public() route. */
export interface ViewerRequest {
  viewer?: MaybeViewer;
  /** when the bearer token that named the viewer expires (epoch milliseconds) */
  tokenExpiresAt?: number;
}

/**
 * The officer the request speaks for (`null` on a @Public() route called without a token).
 * Type it `Viewer` on guarded routes, `MaybeViewer` on public ones.
 */
export const CurrentViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): MaybeViewer => context.switchToHttp().getRequest<ViewerRequest>().viewer ?? null,
);
