import { Global, Module, type DynamicModule, type InjectionToken, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditTrail } from './audit/audit-trail';
import { AUTH_OPTIONS, checkAuthOptions, type AuthModuleOptions } from './jwt/auth-options';
import { JwtAuthGuard } from './jwt/jwt-auth.guard';
import { OfficerStanding, StandingCheck } from './jwt/officer-standing';
import { RolesGuard } from './jwt/roles.guard';
import { TokenIssuer } from './jwt/token-issuer';
import { TokenVerifier } from './jwt/token-verifier';

export interface AuthModuleRegistration {
  /**
   * Where officers' current standing is read (OfficerStanding); its dependencies must be global
   * (the TypeORM DataSource). Without it the token alone decides, which only a lib's own tests do.
   */
  standing?: Type<OfficerStanding>;
  /**
   * Default true: JwtAuthGuard then RolesGuard guard every route of the application (deny by
   * default; @Public() opens one). False: apply them yourself with @UseGuards.
   */
  guardAllRoutes?: boolean;
}

export interface AuthModuleAsyncOptions extends AuthModuleRegistration, Pick<ModuleMetadata, 'imports'> {
  inject?: InjectionToken[];
  useFactory: (...args: any[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
}

@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions & AuthModuleRegistration): DynamicModule {
    const { guardAllRoutes, standing, ...auth } = options;
    return AuthModule.build({ provide: AUTH_OPTIONS, useValue: checkAuthOptions(auth) }, guardAllRoutes, [], standing);
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    const provider: Provider = {
      provide: AUTH_OPTIONS,
      inject: options.inject ?? [],
      useFactory: async (...args: unknown[]) => checkAuthOptions(await options.useFactory(...args)),
    };
    return AuthModule.build(provider, options.guardAllRoutes, options.imports ?? [], options.standing);
  }

  private static build(
    options: Provider,
    guardAllRoutes = true,
    imports: ModuleMetadata['imports'] = [],
    standing?: Type<OfficerStanding>,
  ): DynamicModule {
    // Order matters: global guards run in the order they are provided, authentication first.
    const global: Provider[] = guardAllRoutes
      ? [
          { provide: APP_GUARD, useExisting: JwtAuthGuard },
          { provide: APP_GUARD, useExisting: RolesGuard },
        ]
      : [];
    const exported = [TokenVerifier, TokenIssuer, StandingCheck, JwtAuthGuard, RolesGuard, AuditTrail];
    const standingProvider: Provider[] = standing ? [{ provide: OfficerStanding, useClass: standing }] : [];
    return {
      module: AuthModule,
      imports,
      providers: [options, ...standingProvider, ...exported, ...global],
      exports: [AUTH_OPTIONS, ...(standing ? [OfficerStanding] : []), ...exported],
    };
  }
}
