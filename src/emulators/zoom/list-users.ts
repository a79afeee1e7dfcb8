import type { ApiContext, Reply } from '../kit/index.js';
import { opaqueToken } from './ids.js';
import type { ZoomUser } from './users.js';
import { errors, type FieldError } from './zoom-errors.js';

/**
 * SPEC `users` (List users, `GET /users`, what zoomus's `user.list()` calls): `status` (`active`
 * by default, `inactive`, `pending`), `page_size` (default 30, at most 300), `page_number`, and
 * `next_page_token` (SPEC: lasts 15 minutes; `""` on the last page). Users in the order they were
 * added. Unknown parameters (`role_id`, `include_fields`) are ignored.
 */
const TOKEN_TTL_MS = 15 * 60_000;
const STATUSES = ['active', 'inactive', 'pending'] as const;

interface Cursor {
  status: string;
  offset: number;
  expiresAt: number;
}

export class UserCursors {
  private readonly cursors = new Map<string, Cursor>();
  issue(cursor: Omit<Cursor, 'expiresAt'>, nowMs: number): string {
    const token = opaqueToken(24);
    this.cursors.set(token, { ...cursor, expiresAt: nowMs + TOKEN_TTL_MS });
    return token;
  }
  take(token: string, status: string, nowMs: number): Cursor | undefined {
    const cursor = this.cursors.get(token);
    return cursor && cursor.status === status && cursor.expiresAt > nowMs ? cursor : undefined;
  }
  clear(): void {
    this.cursors.clear();
  }
}

export function listUsersPage(
  ctx: ApiContext,
  users: readonly ZoomUser[],
  cursors: UserCursors,
  invalid: (field: string, why: string) => FieldError,
  render: (user: ZoomUser) => Record<string, unknown>,
): Reply {
  const q = ctx.query;
  const problems: FieldError[] = [];
  const status = q.get('status') ?? 'active';
  if (!(STATUSES as readonly string[]).includes(status))
    problems.push(invalid('status', `must be one of ${STATUSES.join(', ')}`));
  const pageSize = whole(q.get('page_size'), 30);
  if (pageSize === undefined || pageSize < 1 || pageSize > 300)
    problems.push(invalid('page_size', 'must be a whole number from 1 to 300'));
  const pageNumber = whole(q.get('page_number'), 1);
  if (pageNumber === undefined || pageNumber < 1)
    problems.push(invalid('page_number', 'must be a whole number from 1'));
  if (problems.length > 0) return errors.validationFailed(problems);
  const nowMs = ctx.now.getTime();
  let offset = (pageNumber! - 1) * pageSize!;
  const token = q.get('next_page_token');
  if (token) {
    const cursor = cursors.take(token, status, nowMs);
    if (!cursor)
      return errors.validationFailed([
        invalid('next_page_token', 'is unknown or expired (tokens last 15 minutes)'),
      ]);
    offset = cursor.offset;
  }
  const rows = users.filter((u) => u.status === status);
  const page = rows.slice(offset, offset + pageSize!);
  const next = offset + pageSize! < rows.length;
  return {
    status: 200,
    body: {
      next_page_token: next ? cursors.issue({ status, offset: offset + pageSize! }, nowMs) : '',
      page_count: Math.ceil(rows.length / pageSize!),
      page_number: Math.floor(offset / pageSize!) + 1,
      page_size: pageSize,
      total_records: rows.length,
      users: page.map(render),
    },
  };
}

function whole(text: string | null, fallback: number): number | undefined {
  if (text === null || text === '') return fallback;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
