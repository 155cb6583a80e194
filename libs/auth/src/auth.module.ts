import { Global, Module, type DynamicModule, type InjectionToken, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditTrail } from './audit/audit-trail';
import { AUTH_OPTIONS, checkAuthOptions, type AuthModuleOptions } from './jwt/auth-options';
import { JwtAuthGuard } from './jwt/jwt-auth.guard';
import { RolesGuard } from './jwt/roles.guard';
import { TokenIssuer } from './jwt/token-issuer';
import { TokenVerifier } from './jwt/token-verifier';

export interface AuthModuleRegistration {
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
    const { guardAllRoutes, ...auth } = options;
    return AuthModule.build({ provide: AUTH_OPTIONS, useValue: checkAuthOptions(auth) }, guardAllRoutes, []);
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    const provider: Provider = {
      provide: AUTH_OPTIONS,
      inject: options.inject ?? [],
      useFactory: async (...args: unknown[]) => checkAuthOptions(await options.useFactory(...args)),
    };
    return AuthModule.build(provider, options.guardAllRoutes, options.imports ?? []);
  }

  private static build(options: Provider, guardAllRoutes = true, imports: ModuleMetadata['imports'] = []): DynamicModule {
    // Order matters: global guards run in the order they are provided, authentication first.
    const global: Provider[] = guardAllRoutes
      ? [
          { provide: APP_GUARD, useExisting: JwtAuthGuard },
          { provide: APP_GUARD, useExisting: RolesGuard },
        ]
      : [];
    const exported = [TokenVerifier, TokenIssuer, JwtAuthGuard, RolesGuard, AuditTrail];
    return {
      module: AuthModule,
      imports,
      providers: [options, ...exported, ...global],
      exports: [AUTH_OPTIONS, ...exported],
    };
  }
}
