/**
 * An observer (metrics, the engine's bookkeeping) must not throw, and if one does, the call it
 * reports on is not the one to fail: every function of the guarded object swallows what the
 * original throws. Callbacks return nothing, so nothing is lost.
 */
export function guarded<O extends object>(observer: O): O {
  return new Proxy(observer, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          Reflect.apply(value, target, args);
        } catch {
          // deliberately ignored: see above
        }
      };
    },
  });
}
