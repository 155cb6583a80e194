/**
 * What a service tells AuthModule, from its validated config (AUTH_JWT_SECRET, AUTH_JWKS_URL…);
 * the library never reads the environment itself.
 */
export interface AuthModuleOptions {
  /**
   * HS256 shared secret: verifies tokens, and signs those of the built-in `POST /auth/token`.
   * At least 32 bytes (RFC 7518 §3.2: no shorter than the hash).
   */
  jwtSecret?: string;
  /** RS256 key set of an identity provider, fetched and cached by jose. */
  jwksUrl?: string;
  /** when set, tokens must carry this `iss` (and TokenIssuer writes it) */
  issuer?: string;
  /** when set, tokens must carry this `aud` (and TokenIssuer writes it) */
  audience?: string;
  /** lifetime of the tokens TokenIssuer signs, in seconds; default one hour */
  tokenExpiresInSeconds?: number;
  /** leeway for `exp` and `nbf` between machines' clocks, in seconds; default 5 */
  clockToleranceSeconds?: number;
}

export const AUTH_OPTIONS = Symbol('liaison:auth-options');

export const DEFAULT_TOKEN_EXPIRES_IN_SECONDS = 3600;
const MIN_SECRET_BYTES = 32;

/** Fail at boot, not at the first request: options that cannot verify any token are refused. */
export function checkAuthOptions(options: AuthModuleOptions): AuthModuleOptions {
  const problems: string[] = [];
  if (!options.jwtSecret && !options.jwksUrl) {
    problems.push('set jwtSecret (AUTH_JWT_SECRET, HS256) or jwksUrl (AUTH_JWKS_URL, RS256)');
  }
  if (options.jwtSecret !== undefined && Buffer.byteLength(options.jwtSecret, 'utf8') < MIN_SECRET_BYTES) {
    problems.push(`jwtSecret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (options.jwksUrl !== undefined) {
    try {
      const url = new URL(options.jwksUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('jwksUrl must be an http(s) URL');
    } catch {
      problems.push('jwksUrl must be a URL');
    }
  }
  const ttl = options.tokenExpiresInSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) {
    problems.push('tokenExpiresInSeconds must be a positive whole number');
  }
  if (problems.length > 0) throw new Error(`AuthModule: ${problems.join('; ')}.`);
  return options;
}
