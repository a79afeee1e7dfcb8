import type { ZoomUser } from '../domain/zoom-meeting.js';
import { ZoomApiError, ZoomErrorCodes } from './errors.js';
import type { ZoomHttp } from './http.js';
import { userListPageSchema, userSchema } from './schemas.js';

/** Zoom's list page size maximum (spec: `page_size` max 300); 1000 pages is far beyond any host. */
export const PAGE_SIZE = 300;

// `@` may stand in a path segment (RFC 3986 pchar) and is what Zoom's own examples send.
export const userPath = (userId: string) =>
  `/users/${encodeURIComponent(userId).replace(/%40/g, '@')}`;

/**
 * `GET /users/{userId}` (an id, an email, or `me` for a user-level app): the user, or null when
 * Zoom says the account has none (404/1001 "User does not exist", or 400/1120: invited and never
 * joined — both in Zoom's OpenAPI export, `user`). Not charged to a daily budget (a read).
 */
export async function getUser(http: ZoomHttp, userId: string): Promise<ZoomUser | null> {
  try {
    const { data } = await http.call(
      { operation: 'users.get', method: 'GET', path: userPath(userId) },
      userSchema,
    );
    return data;
  } catch (error) {
    if (isUserMissing(error)) return null;
    throw error;
  }
}

/**
 * `GET /users` (what zoomus's `user.list()` calls), every page: the account's users of one
 * `status` (Zoom's default `active`). Needs `user:read:admin` (or `user:read:list_users:admin`).
 */
export async function listUsers(
  http: ZoomHttp,
  options: { status?: 'active' | 'inactive' | 'pending' } = {},
): Promise<ZoomUser[]> {
  const operation = 'users.list';
  const users: ZoomUser[] = [];
  const pages = http.pages(
    { operation, where: 'GET /users' },
    async (pageToken) =>
      (
        await http.call(
          {
            operation,
            method: 'GET',
            path: '/users',
            query: { status: options.status, page_size: PAGE_SIZE, next_page_token: pageToken },
          },
          userListPageSchema,
        )
      ).data,
    (page) => page.next_page_token || undefined,
  );
  for await (const page of pages) users.push(...page.users);
  return users;
}

function isUserMissing(error: unknown): boolean {
  if (!(error instanceof ZoomApiError)) return false;
  return (
    (error.code === ZoomErrorCodes.userNotFound && error.status === 404) ||
    (error.status === 400 && error.zoomCode === 1120)
  );
}
