import type { IncomingMessage } from 'node:http';
import type { Reply } from './http.js';

/** One request as a route handler sees it. */
export interface RequestContext {
  req: IncomingMessage;
  method: string;
  /** The path without the query string, percent-decoded per segment in `params`. */
  path: string;
  /** The route pattern that matched, e.g. `GET /v2/meetings/:meetingId` (used for counting). */
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The raw body (empty for GET). */
  rawBody: Buffer;
}

export type RouteHandler = (ctx: RequestContext) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: RouteHandler;
}

/**
 * The smallest router that does the job: `:name` segments capture one path segment
 * (percent-decoded, so a calendar id like `a%40b.com` arrives as `a@b.com`).
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, pattern, segments: split(pattern), handler });
    return this;
  }

  /** The route for a method and path, or `allowed` methods when only the method is wrong. */
  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | { route: undefined; allowed: string[] } {
    const parts = split(path);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { route, params };
      allowed.push(route.method);
    }
    return { route: undefined, allowed };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i]!;
    const got = parts[i]!;
    if (want.startsWith(':')) {
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}
