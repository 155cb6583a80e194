import { isIP } from 'node:net';
import { Expose, plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, ValidateBy, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync, ValidateIf } from 'class-validator';
import { flattenValidationErrors } from './validation.pipe';

// class-transformer 0.5 does not export its metadata storage; the @Expose names live there.
const { defaultMetadataStorage }: typeof import('class-transformer/types/storage') = require('class-transformer/cjs/storage');

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
function isAddressOrRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address, bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

export const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/**
 * The variables every service reads (README, "Configuration"). A service's own config.ts
 * extends it with its port and its own variables. Secrets are marked: never logged.
 */
export class ServiceConfig {
  @Expose({ name: 'PORT' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number;

  @Expose({ name: 'DATABASE_URL' })
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  databaseUrl: string;

  @Expose({ name: 'DATABASE_POOL_SIZE' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  databasePoolSize = 10;

  @Expose({ name: 'NATS_URL' })
  @IsString()
  natsUrl = 'nats://127.0.0.1:4222';

  /** the service's NATS user (deploy/nats/accounts.conf); empty on a NATS without authentication */
  @Expose({ name: 'NATS_USER' })
  @IsOptional()
  @IsString()
  natsUser?: string;

  /** secret */
  @Expose({ name: 'NATS_PASSWORD' })
  @ValidateIf((config: ServiceConfig) => config.natsUser !== undefined)
  @IsString({ message: 'NATS_PASSWORD must be set with NATS_USER' })
  natsPassword?: string;

  /** a NATS credentials file (user JWT and nkey seed, secret) instead of a user and password */
  @Expose({ name: 'NATS_CREDS_FILE' })
  @IsOptional()
  @IsString()
  natsCredsFile?: string;

  /**
   * Whether the service creates the event streams and updates their settings at start. With
   * least-privilege NATS credentials an operator provisions them (deploy/nats/provision-streams.js)
   * and the services, set to false, only check that they exist.
   */
  @Expose({ name: 'EVENTS_PROVISION_STREAMS' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'EVENTS_PROVISION_STREAMS must be true or false' })
  eventsProvisionStreams = true;

  /** Isolates one deployment's subjects on a shared NATS (tests, staging); empty in production. */
  @Expose({ name: 'NATS_SUBJECT_PREFIX' })
  @IsString()
  subjectPrefix = '';

  @Expose({ name: 'NATS_STREAM_PREFIX' })
  @IsString()
  streamPrefix = '';

  /** how long the stream keeps events; 0 keeps them all, so a new service can replay history */
  @Expose({ name: 'EVENTS_MAX_AGE_DAYS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  eventsMaxAgeDays = 0;

  /** a repeat of an event id within this window is dropped by JetStream */
  @Expose({ name: 'EVENTS_DUPLICATE_WINDOW_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  eventsDuplicateWindowSeconds = 120;

  /** stream replicas: 1 on one server, 3 on a production cluster */
  @Expose({ name: 'EVENTS_REPLICAS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5)
  eventsReplicas = 1;

  /**
   * events handled at once per subscription; concurrent handlers share transactions (the inbox
   * commits them together), which is what makes a busy service fast. 1 handles them one by one.
   */
  @Expose({ name: 'EVENTS_CONCURRENCY' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  eventsConcurrency = 32;

  /** how long the outbox keeps a row once it is sent (the stream is the history); 0 keeps them all */
  @Expose({ name: 'OUTBOX_RETENTION_HOURS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  outboxRetentionHours = 168;

  /** secret */
  @Expose({ name: 'AUTH_JWT_SECRET' })
  @ValidateIf((config: ServiceConfig) => !config.jwksUrl)
  @IsString({ message: 'AUTH_JWT_SECRET or AUTH_JWKS_URL must be set' })
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  jwtSecret?: string;

  /** keys are fetched over https only: a forged key set would let anyone sign tokens */
  @Expose({ name: 'AUTH_JWKS_URL' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https'], require_protocol: true }, { message: 'AUTH_JWKS_URL must be an https:// URL' })
  jwksUrl?: string;

  /**
   * The proxies in front of the service, comma-separated addresses or CIDR ranges
   * (`10.0.0.0/8,127.0.0.1`): only their `X-Forwarded-For` names the client that rate limits
   * count. Empty: the peer address is the client.
   */
  @Expose({ name: 'TRUSTED_PROXIES' })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((entry) => entry.trim()).filter(Boolean) : value))
  @ValidateBy({ name: 'isAddressOrRange', validator: { validate: isAddressOrRange } }, { each: true, message: 'TRUSTED_PROXIES must list IP addresses or CIDR ranges' })
  trustedProxies: string[] = [];

  @Expose({ name: 'LOG_LEVEL' })
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  /** seconds a stopping service stays up, unready, so its load balancer stops sending first */
  @Expose({ name: 'SHUTDOWN_DRAIN_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120)
  shutdownDrainSeconds = 5;

  /** how long an Idempotency-Key's first answer is kept and given again */
  @Expose({ name: 'IDEMPOTENCY_TTL_HOURS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  idempotencyTtlHours = 24;

  @Expose({ name: 'RATE_LIMIT_PER_MINUTE' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitPerMinute = 6000;
}

/**
 * Reads a service's environment into its typed config class once, at boot. A variable that
 * does not validate stops the service with the variable's name, never its value (it may be a
 * secret).
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(schema, present, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const variable = (field: string) => defaultMetadataStorage.findExposeMetadata(schema, field)?.options.name ?? field;
    const lines = [...new Set(flattenValidationErrors(errors).map((e) => `  ${variable(e.field)}: ${e.message.replace(new RegExp(`^${e.field} `), '')}`))];
    throw new Error(`The configuration is not valid:\n${lines.join('\n')}`);
  }
  return config;
}

/** What a service passes to MessagingModule.forRoot besides its name. */
export function eventStreamOptions(config: ServiceConfig) {
  return {
    natsUrl: config.natsUrl,
    natsCredentials: { user: config.natsUser, password: config.natsPassword, credsFile: config.natsCredsFile },
    provisionStreams: config.eventsProvisionStreams,
    subjectPrefix: config.subjectPrefix,
    streamPrefix: config.streamPrefix,
    duplicateWindowMs: config.eventsDuplicateWindowSeconds * 1000,
    maxAgeMs: config.eventsMaxAgeDays * 24 * 60 * 60 * 1000,
    replicas: config.eventsReplicas,
    concurrency: config.eventsConcurrency,
  };
}
