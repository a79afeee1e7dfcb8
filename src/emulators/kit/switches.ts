/**
 * Named switches for behaviour the official documents leave open. Each emulator's README holds
 * the table of its switches: the values, the default and why each is a switch, with the public
 * source that left it open (a test holds each README to its table). A definition here holds only
 * what the code needs: the allowed values, the first being the default.
 */

export interface ChoiceSwitch {
  values: readonly (string | number | boolean)[];
}

/** A whole number in a range (a latency in ms): no list of values would do. */
export interface RangeSwitch {
  range: { min: number; max: number };
  default: number;
}

/** A switch taking one of `values`; the first is the default. */
export const choice = <const V extends readonly (string | number | boolean)[]>(...values: V) => ({
  values,
});

/** A switch taking a whole number from `min` to `max`; `min` unless `fallback` is given. */
export const range = (min: number, max: number, fallback = min): RangeSwitch => ({
  range: { min, max },
  default: fallback,
});

export type SwitchDefinition = ChoiceSwitch | RangeSwitch;
export type SwitchDefinitions = Record<string, SwitchDefinition>;
export type SwitchValues<S extends SwitchDefinitions> = {
  [K in keyof S]: S[K] extends { values: readonly (infer V)[] } ? V : number;
};

export class Switches<S extends SwitchDefinitions> {
  private current: SwitchValues<S>;

  constructor(
    private readonly definitions: S,
    initial: Partial<SwitchValues<S>> = {},
  ) {
    this.current = this.defaults();
    this.update(initial);
  }

  get<K extends keyof S>(name: K): SwitchValues<S>[K] {
    return this.current[name];
  }

  values(): SwitchValues<S> {
    return { ...this.current };
  }

  /** Sets some switches; an unknown name or a value not allowed is refused, naming both. */
  update(patch: unknown): void {
    if (patch === undefined) return;
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      throw new Error('switches must be a JSON object of name: value');
    for (const [name, value] of Object.entries(patch)) {
      const definition = this.definitions[name];
      if (!definition)
        throw new Error(
          `unknown switch "${name}"; known: ${Object.keys(this.definitions).join(', ')}`,
        );
      if ('range' in definition) {
        const { min, max } = definition.range;
        if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
          throw new Error(
            `switch "${name}" must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}`,
          );
      } else if (!definition.values.includes(value as never))
        throw new Error(
          `switch "${name}" must be one of ${definition.values.map((v) => JSON.stringify(v)).join(', ')}; got ${JSON.stringify(value)}`,
        );
    }
    this.current = { ...this.current, ...(patch as Partial<SwitchValues<S>>) };
  }

  reset(): void {
    this.current = this.defaults();
  }

  private defaults(): SwitchValues<S> {
    const out: Record<string, unknown> = {};
    for (const [name, definition] of Object.entries(this.definitions))
      out[name] = 'range' in definition ? definition.default : definition.values[0];
    return out as SwitchValues<S>;
  }
}
