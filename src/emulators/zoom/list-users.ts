import type { ApiContext, Reply } from '../kit/index.js';
import { pageFields, readPaging, type PageTokens } from './paging.js';
import type { ZoomUser } from './users.js';
import { errors, type FieldError } from './zoom-errors.js';

/**
 * SPEC `users` (List users, `GET /users`, what zoomus's `user.list()` calls): `status` (`active`
 * by default, `inactive`, `pending`), `page_size` (default 30, at most 300), `page_number`, and
 * `next_page_token` (SPEC: lasts 15 minutes; `""` on the last page). Users in the order they were
 * added. Unknown parameters (`role_id`, `include_fields`) are ignored.
 */
const STATUSES = ['active', 'inactive', 'pending'] as const;

export function listUsersPage(
  ctx: ApiContext,
  users: readonly ZoomUser[],
  pageTokens: PageTokens,
  invalid: (field: string, why: string) => FieldError,
  render: (user: ZoomUser) => Record<string, unknown>,
): Reply {
  const problems: FieldError[] = [];
  const status = ctx.query.get('status') ?? 'active';
  if (!(STATUSES as readonly string[]).includes(status))
    problems.push(invalid('status', `must be one of ${STATUSES.join(', ')}`));
  const paging = readPaging(ctx.query, invalid, problems);
  if (problems.length > 0) return errors.validationFailed(problems);
  const nowMs = ctx.now.getTime();
  const offset = pageTokens.start(paging, status, nowMs, invalid);
  if (typeof offset !== 'number') return errors.validationFailed([offset]);
  const rows = users.filter((u) => u.status === status);
  const next = pageTokens.next(paging, status, offset, rows.length, nowMs);
  return {
    status: 200,
    body: {
      ...pageFields(paging, offset, rows.length, next),
      users: rows.slice(offset, offset + paging.pageSize).map(render),
    },
  };
}
