/**
 * Named switches for behaviour the official documents leave open (each emulator documents its
 * own in its README with the source that left it open). A definition lists the allowed values;
 * the first is the default unless `default` says otherwise.
 */

export interface ChoiceSwitch {
  values: readonly (string | number | boolean)[];
  default?: string | number | boolean;
  /** Why this is a switch: what the documents say and do not say. */
  why: string;
}

/** A whole number in a range (a latency in ms): no list of values would do. */
export interface RangeSwitch {
  range: { min: number; max: number };
  default: number;
  why: string;
}

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
      out[name] =
        'range' in definition ? definition.default : (definition.default ?? definition.values[0]);
    return out as SwitchValues<S>;
  }
}
