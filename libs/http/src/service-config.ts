import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from './validation.pipe';

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
    const lines = flattenValidationErrors(errors).map((e) => `  ${e.field}: ${e.message.replace(/^\S+ /, '')}`);
    throw new Error(`The configuration is not valid:\n${lines.join('\n')}`);
  }
  return config;
}
