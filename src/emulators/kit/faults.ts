/**
 * Fault injection: "the next N calls to a path fail with 429 + Retry-After, 500, a dropped
 * connection, or a delay". Rules are matched in the order they were added; a rule is used up
 * after `count` matching calls (after letting `skip` matching calls through).
 */

export type FaultKind = 'status' | 'drop' | 'delay';

export interface FaultSpec {
  /** Matches when the request path starts with this (e.g. `/v2/meetings`), or equals a route pattern. */
  path: string;
  method?: string;
  kind: FaultKind;
  /** How many matching calls fail; default 1. */
  count?: number;
  /** Matching calls to let through before failing; default 0. */
  skip?: number;
  /** `status`: the HTTP status and optionally the body and headers (else the emulator's own). */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** `status` with 429/503: a Retry-After header value (seconds or an HTTP/ISO date). */
  retryAfter?: string;
  /** `delay`: how long to wait before answering normally. */
  delayMs?: number;
}

export interface FaultRule extends Required<Pick<FaultSpec, 'path' | 'kind' | 'count' | 'skip'>> {
  id: number;
  spec: FaultSpec;
  fired: number;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(spec: FaultSpec): FaultRule {
    const problem = validateFault(spec);
    if (problem) throw new Error(problem);
    const rule: FaultRule = {
      id: this.nextId++,
      path: spec.path,
      kind: spec.kind,
      count: spec.count ?? 1,
      skip: spec.skip ?? 0,
      spec,
      fired: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  /** The rule this call triggers, if any (and uses it up by one). */
  take(method: string, path: string, route: string): FaultSpec | undefined {
    for (const rule of this.rules) {
      if (rule.spec.method && rule.spec.method.toUpperCase() !== method) continue;
      if (!path.startsWith(rule.path) && route !== rule.path && !route.endsWith(` ${rule.path}`))
        continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      rule.count -= 1;
      rule.fired += 1;
      if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
      return rule.spec;
    }
    return undefined;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  clear(): void {
    this.rules = [];
  }
}

function validateFault(spec: FaultSpec): string | undefined {
  if (typeof spec !== 'object' || spec === null) return 'a fault must be a JSON object';
  if (typeof spec.path !== 'string' || !spec.path.startsWith('/'))
    return 'fault.path must be a path starting with "/"';
  if (!['status', 'drop', 'delay'].includes(spec.kind))
    return 'fault.kind must be one of status, drop, delay';
  if (spec.kind === 'status' && !(Number.isInteger(spec.status) && spec.status! >= 400))
    return 'fault.status must be an HTTP error status (400-599) for kind "status"';
  if (spec.kind === 'delay' && !(Number.isInteger(spec.delayMs) && spec.delayMs! >= 0))
    return 'fault.delayMs must be a whole number of milliseconds for kind "delay"';
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 1))
    return 'fault.count must be a whole number >= 1';
  if (spec.skip !== undefined && !(Number.isInteger(spec.skip) && spec.skip >= 0))
    return 'fault.skip must be a whole number >= 0';
  return undefined;
}
