import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../viewer';
import { ROLES_KEY, type ViewerRequest } from './decorators';

/**
 * Routes marked @Roles(...) need the viewer to hold one of them: 403 otherwise. Runs after
 * JwtAuthGuard; with no viewer at all (a public route) it answers 401, never lets through.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const viewer = context.switchToHttp().getRequest<ViewerRequest>().viewer;
    if (!viewer) throw new UnauthorizedException('A bearer token is required.');
    if (!required.some((role) => viewer.roles.includes(role))) {
      throw new ForbiddenException(`This needs the role ${required.join(' or ')}.`);
    }
    return true;
  }
}
