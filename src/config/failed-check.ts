import type { Check } from '../domain/check.js';
import { describeError, isZoomlinkError } from '../errors.js';
import { ConfigError } from './config-error.js';

/**
 * A check that failed with `error`: the detail names its code (`about` first, e.g. the room),
 * and the fix is `fix` or what the error says to do (a ConfigError's problems, one a line).
 */
export function failedCheck(name: string, error: unknown, about?: string, fix?: string): Check {
  const message =
    error instanceof ConfigError
      ? error.problems.join('\n')
      : error instanceof Error
        ? error.message
        : describeError(error);
  const code = isZoomlinkError(error) && !(error instanceof ConfigError) ? error.code : 'failed';
  return {
    name,
    status: 'fail',
    detail: `${about ? `${about}: ` : ''}${code}`,
    fix: fix ?? message,
  };
}
