import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { foldRedisClusterNodes } from './redis.env';
import { validationMessages } from './validation-messages';

type ConfigClass<T> = new () => T;

/**
 * Builds a config object from an environment and fails fast, naming every bad key.
 * This module is the only reader of `process.env` in the codebase; everything else receives a typed config.
 */
export function loadConfig<T extends object>(cls: ConfigClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(cls, present, {
    exposeDefaultValues: true,
    enableImplicitConversion: false,
  });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new Error(`Invalid configuration for ${cls.name}:\n  ${validationMessages(errors).join('\n  ')}`);
  }
  return foldRedisClusterNodes(config);
}
