import { translateSqliteError } from './sqlite-errors.js';

/**
 * Wraps every method of a repository so that a call after `close()` fails with the store's own
 * error instead of better-sqlite3's TypeError, and SQLite failures come out as store errors.
 * One wrapper here keeps the repositories free of that bookkeeping.
 */
export function guardMethods<T extends object>(
  repository: T,
  assertOpen: () => void,
  path: string,
): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repository)) {
    if (typeof member !== 'function') {
      guarded[name] = member;
      continue;
    }
    const method = member as (...args: unknown[]) => unknown;
    guarded[name] = (...args: unknown[]) => {
      assertOpen();
      try {
        return method(...args);
      } catch (error) {
        throw translateSqliteError(error, path);
      }
    };
  }
  return guarded as T;
}
