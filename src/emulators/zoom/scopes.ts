/**
 * Scopes in the Zoom emulator: what the app holds, what each route needs, and Zoom's refusal.
 *
 * Each route accepts its classic scopes (the `security` of the operation in Zoom's OpenAPI export:
 * `meeting:read[:admin]` or `meeting:write[:admin]`) or its granular one (create's from the
 * export's `x-granular-scopes`, the others' from the token answer quoted in DF-142405, the names
 * Zoom lists in a token's `scope`). A token lacking all of them is refused with
 * 400 `{"code":4711,"message":"Invalid access token, does not contain scopes:[…]."}`, as Zoom
 * answered in zoom-laravel#15 (status and body) and devforum 85922 (the classic pair listed).
 */
import { zoomError } from './zoom-errors.js';

/** What a Server-to-Server app set up as README "Zoom setup" says holds (granular names). */
export const defaultAppScopes: readonly string[] = [
  'meeting:read:meeting:admin',
  'meeting:write:meeting:admin',
  'meeting:update:meeting:admin',
  'meeting:delete:meeting:admin',
  'meeting:read:list_meetings:admin',
  'meeting:read:invitation:admin',
  'meeting:write:invite_links:admin',
  'meeting:update:status:admin',
  'user:read:user:admin',
];

/** The scopes that let a route through: its granular scope or the classic read/write pair. */
export function routeScopes(granular: string, classic: 'read' | 'write'): readonly string[] {
  return [`${granular}:admin`, granular, `meeting:${classic}:admin`, `meeting:${classic}`];
}

/**
 * `GET /users/{userId}`: the export's `security` (`user:read:admin`, `user:read`) or the granular
 * `user:read:user[:admin]` (Zoom's granular scope for "View a user").
 */
export const userReadScopes: readonly string[] = [
  'user:read:user:admin',
  'user:read:user',
  'user:read:admin',
  'user:read',
];

export function missingScopes(accepted: readonly string[]) {
  return zoomError(
    400,
    4711,
    `Invalid access token, does not contain scopes:[${accepted.join(', ')}].`,
  );
}

/**
 * `GET /users` (List users): the export's `security` (`user:read:admin`) or the granular
 * `user:read:list_users:admin`.
 */
export const userListScopes: readonly string[] = ['user:read:list_users:admin', 'user:read:admin'];
