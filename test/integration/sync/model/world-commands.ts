import type fc from 'fast-check';
import type { FaultSpec } from '../../../../src/emulators/kit/index.js';
import { expectModelHolds } from './invariant.js';
import type { Model } from './model.js';
import { settle } from './settle.js';
import type { World } from './world.js';

/** What the world does besides people: passes (plain, killed, under faults), the clock, checks. */
type Command = fc.AsyncCommand<Model, World>;

export class Pass implements Command {
  check = () => true;
  async run(_m: Model, world: World) {
    await world.pass();
  }
  toString = () => 'pass';
}

export class WindowPass implements Command {
  check = () => true;
  async run(_m: Model, world: World) {
    await world.windowPass();
  }
  toString = () => 'window pass';
}

export class CrashPass implements Command {
  private outcome = '';
  constructor(
    readonly after: number,
    readonly late: boolean,
  ) {}
  check = () => true;
  async run(_m: Model, world: World) {
    this.outcome = await world.crashPass(this.after, this.late);
  }
  toString = () =>
    `pass killed at call ${this.after}${this.late ? ' after its answer' : ''}${this.outcome === 'completed' ? ' (it finished first)' : ''}`;
}

const ZOOM_CREATE = ['zoom', '/v2/users', 'POST'] as const;
const ZOOM_MEETING = (method: string) => ['zoom', '/v2/meetings', method] as const;
const GOOGLE = (method: string) => ['google', '/calendar/v3/calendars', method] as const;
/** The faults of `faults.test.ts`: [where, what, name]. */
export const FAULTS = (
  [
    [ZOOM_CREATE, { kind: 'status', status: 429, retryAfter: '1' }, 'Zoom create 429'],
    [ZOOM_CREATE, { kind: 'status', status: 503 }, 'Zoom create 503'],
    [ZOOM_CREATE, { kind: 'drop' }, 'Zoom create dropped'],
    [ZOOM_MEETING('PATCH'), { kind: 'status', status: 500 }, 'Zoom update 500'],
    [ZOOM_MEETING('PATCH'), { kind: 'drop' }, 'Zoom update dropped'],
    [ZOOM_MEETING('DELETE'), { kind: 'status', status: 502 }, 'Zoom delete 502'],
    [ZOOM_MEETING('DELETE'), { kind: 'drop' }, 'Zoom delete dropped'],
    [['zoom', '/v2/users', 'GET'], { kind: 'status', status: 500 }, 'Zoom list 500'],
    [GOOGLE('GET'), { kind: 'status', status: 503 }, 'Google read 503'],
    [GOOGLE('GET'), { kind: 'status', status: 429 }, 'Google read 429'],
    [GOOGLE('GET'), { kind: 'drop' }, 'Google read dropped'],
    [GOOGLE('PATCH'), { kind: 'status', status: 500 }, 'Google patch 500'],
    [GOOGLE('PATCH'), { kind: 'drop' }, 'Google patch dropped'],
    [GOOGLE('PATCH'), { kind: 'status', status: 412 }, 'Google patch 412'],
  ] as const
).map(([[side, path, method], what, name]) => ({
  side,
  name,
  spec: { path, method, ...what } as FaultSpec,
}));

/** A pass while upstreams fail: each fault at its `skip`-th matching call, `count` times; then cleared. */
export class FaultPass implements Command {
  constructor(
    readonly faults: { which: number; skip: number; count: number }[],
    readonly invalidateTokens: boolean,
  ) {}
  check = () => true;
  async run(_m: Model, { h, ...world }: World) {
    for (const f of this.faults) {
      const { side, spec } = FAULTS[f.which % FAULTS.length]!;
      const placed = { ...spec, skip: f.skip, count: f.count };
      if (side === 'zoom') await h.zoomFault(placed);
      else await h.googleFault(placed);
    }
    if (this.invalidateTokens) await h.googleControl('POST', '/sync-tokens/invalidate', {});
    await world.pass();
    await h.zoomControl('DELETE', '/faults');
    await h.googleControl('DELETE', '/faults');
  }
  toString = () =>
    `pass with ${[
      ...this.faults.map(
        (f) => `${FAULTS[f.which % FAULTS.length]!.name} (skip ${f.skip}, ×${f.count})`,
      ),
      ...(this.invalidateTokens ? ['sync tokens refused (410)'] : []),
    ].join(', ')}`;
}

export class Advance implements Command {
  constructor(readonly minutes: number) {}
  check = () => true;
  async run(_m: Model, { h }: World) {
    h.advance(this.minutes * 60_000);
  }
  toString = () => `the clock moves ${this.minutes}min on`;
}

/** Faults cleared, passes until quiet, then the invariant (also always at the end). */
export class Check implements Command {
  check = () => true;
  async run(model: Model, world: World) {
    await settle(world);
    await expectModelHolds(world, model);
  }
  toString = () => 'check';
}
