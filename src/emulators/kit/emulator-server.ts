import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallLog } from './calls.js';
import { Clock } from './clock.js';
import { FaultInjector, type FaultSpec } from './faults.js';
import {
  BodyTooLarge,
  readBody,
  sendReply,
  startHttpServer,
  type Reply,
  type RunningServer,
} from './http.js';
import { answerDelay, latencySwitchDefinitions, type LatencySwitchDefinitions } from './latency.js';
import { Router, type RequestContext } from './router.js';
import { Switches, type SwitchDefinitions, type SwitchValues } from './switches.js';

/** How one emulator speaks: its error bodies differ (Zoom `{code, message}`, Google `{error: …}`). */
export interface EmulatorDialect {
  /** The body of an injected fault or a framework-level error with this status. */
  errorReply(status: number, message: string, extra?: { retryAfter?: string }): Reply;
  /** Unknown path (or method) on the API. */
  notFound(method: string, path: string): Reply;
}

export interface ServeOptions {
  host?: string;
  port?: number;
}

/** Handlers see the emulator's shared context: its clock and a way to tag the call for counting. */
export interface ApiContext extends RequestContext {
  now: Date;
  /** Counts this call under `tag=value` too (e.g. `host`, `calendar`). */
  tag(name: string, value: string): void;
}

export type ApiHandler = (ctx: ApiContext) => Reply | Promise<Reply>;

/**
 * The frame both emulators share: routing, call counting, fault injection, a movable clock,
 * switches, and the control API under `/_emulator/` (not part of Zoom's or Google's API):
 *
 * - `POST /_emulator/reset` — forget all state (the emulator's `reset`), calls and faults
 * - `GET /_emulator/calls[?log=false]`, `DELETE /_emulator/calls`
 * - `GET|POST|DELETE /_emulator/faults` — POST takes one `FaultSpec` or an array of them
 * - `GET|POST /_emulator/clock` — POST `{ "advanceMs": n }` or `{ "set": "<ISO instant>" }` or `{ "reset": true }`
 * - `GET|POST /_emulator/switches` — POST a partial object of switch values; besides the
 *   emulator's own, every emulator has `latencyMs` and `latencyJitterMs` (`latency.ts`)
 * - whatever the emulator adds with `control(...)` (e.g. `GET /_emulator/state`)
 */
export class EmulatorServer<S extends SwitchDefinitions> {
  readonly clock: Clock;
  readonly calls = new CallLog();
  readonly faults = new FaultInjector();
  readonly switches: Switches<S & LatencySwitchDefinitions>;
  private readonly api = new Router();
  private readonly controlRouter = new Router();
  private server: RunningServer | undefined;

  constructor(
    private readonly dialect: EmulatorDialect,
    switchDefinitions: S,
    options: {
      clock?: Clock;
      switches?: Partial<SwitchValues<S & LatencySwitchDefinitions>>;
      onReset?: () => void;
    } = {},
  ) {
    this.clock = options.clock ?? new Clock();
    this.switches = new Switches(
      { ...latencySwitchDefinitions, ...switchDefinitions },
      options.switches,
    );
    const onReset = options.onReset;
    this.control('POST', '/reset', () => {
      onReset?.();
      this.calls.clear();
      this.faults.clear();
      return { status: 204 };
    });
    this.control('GET', '/calls', (ctx) => ({
      status: 200,
      body: this.calls.summary({ log: ctx.query.get('log') !== 'false' }),
    }));
    this.control('DELETE', '/calls', () => {
      this.calls.clear();
      return { status: 204 };
    });
    this.control('GET', '/faults', () => ({ status: 200, body: this.faults.list() }));
    this.control('DELETE', '/faults', () => {
      this.faults.clear();
      return { status: 204 };
    });
    this.control('POST', '/faults', (ctx) => {
      const body = parseJson(ctx.rawBody);
      const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
      try {
        return { status: 201, body: specs.map((spec) => this.faults.add(spec)) };
      } catch (error) {
        return { status: 400, body: { error: (error as Error).message } };
      }
    });
    this.control('GET', '/clock', () => ({
      status: 200,
      body: { now: this.clock.now().toISOString() },
    }));
    this.control('POST', '/clock', (ctx) => {
      const body = parseJson(ctx.rawBody) as {
        advanceMs?: unknown;
        set?: unknown;
        reset?: unknown;
      };
      if (typeof body?.advanceMs === 'number') this.clock.advance(body.advanceMs);
      else if (typeof body?.set === 'string' && !Number.isNaN(Date.parse(body.set)))
        this.clock.set(new Date(body.set));
      else if (body?.reset === true) this.clock.reset();
      else
        return {
          status: 400,
          body: {
            error: 'send {"advanceMs": <ms>} or {"set": "<ISO instant>"} or {"reset": true}',
          },
        };
      return { status: 200, body: { now: this.clock.now().toISOString() } };
    });
    this.control('GET', '/switches', () => ({ status: 200, body: this.switches.values() }));
    this.control('POST', '/switches', (ctx) => {
      try {
        this.switches.update(parseJson(ctx.rawBody));
        return { status: 200, body: this.switches.values() };
      } catch (error) {
        return { status: 400, body: { error: (error as Error).message } };
      }
    });
  }

  /** Adds an API route, e.g. `route('GET', '/v2/meetings/:meetingId', handler)`. */
  route(method: string, pattern: string, handler: ApiHandler): this {
    this.api.add(method, pattern, handler as (ctx: RequestContext) => Reply | Promise<Reply>);
    return this;
  }

  /** Adds a control route under `/_emulator` (not counted, never faulted). */
  control(
    method: string,
    pattern: string,
    handler: (ctx: ApiContext) => Reply | Promise<Reply>,
  ): this {
    this.controlRouter.add(
      method,
      pattern,
      handler as (ctx: RequestContext) => Reply | Promise<Reply>,
    );
    return this;
  }

  async listen(options: ServeOptions = {}): Promise<RunningServer> {
    this.server = await startHttpServer((req, res) => this.handle(req, res), options);
    return this.server;
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const isControl = url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/');
    const router = isControl ? this.controlRouter : this.api;
    const path = isControl ? url.pathname.slice('/_emulator'.length) || '/' : url.pathname;
    const found = router.match(method, path);

    let rawBody: Buffer;
    try {
      rawBody = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendReply(res, this.dialect.errorReply(413, 'Request entity too large'));
        return;
      }
      throw error;
    }

    const tags: Record<string, string> = {};
    const route = found.route ? `${method} ${found.route.pattern}` : `${method} (unknown)`;
    const ctx: ApiContext = {
      req,
      method,
      path,
      route,
      params: found.route ? found.params : {},
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      now: this.clock.now(),
      tag: (name, value) => {
        tags[name] = value;
      },
    };

    if (isControl) {
      const reply = found.route
        ? await found.route.handler(ctx)
        : { status: 404, body: { error: `no control endpoint ${method} /_emulator${path}` } };
      sendReply(res, reply);
      return;
    }

    const record = (status: number, fault?: string) =>
      this.calls.record({ at: ctx.now.toISOString(), method, route, path, status, tags, fault });
    // Handled at once (what is counted and limited happens as the request arrives); answered
    // after the latency the switches set.
    const send = async (reply: Reply) => {
      const delay = answerDelay(
        this.switches.get('latencyMs') as number,
        this.switches.get('latencyJitterMs') as number,
      );
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      sendReply(res, reply);
    };

    const fault = this.faults.take(method, path, route);
    if (fault?.kind === 'drop') {
      record(0, 'drop');
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'status') {
      const reply = this.dialect.errorReply(fault.status!, 'Injected fault', {
        retryAfter: fault.retryAfter,
      });
      const final: Reply = {
        status: fault.status!,
        headers: { ...reply.headers, ...fault.headers },
        body: fault.body ?? reply.body,
      };
      record(final.status, `status ${final.status}`);
      await send(final);
      return;
    }

    const reply = found.route
      ? await found.route.handler(ctx)
      : this.dialect.notFound(method, path);
    record(reply.status, fault ? fault.kind : undefined);
    await send(reply);
  }
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
