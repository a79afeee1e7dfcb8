/**
 * The Zoom scopes zoomlink's calls need, each satisfied by its classic or its granular name.
 *
 * Classic names: the `security` of each operation in Zoom's OpenAPI export (specs/SOURCES.md):
 * create, update and delete need `meeting:write:admin`, reading and listing `meeting:read:admin` (a
 * Server-to-Server app holds the `:admin` forms). Granular names (2024+): the export's
 * `x-granular-scopes` of meetingCreate (`meeting:write:meeting[:admin]`, the only operation it
 * gives them for) and the token answer quoted in devforum 142405, as Zoom lists them in a token's
 * `scope` and in its 400/4711 "does not contain scopes" answers (zoom-laravel#15). The token answer
 * names what the app holds (devforum 89358), so `zoomlink doctor` can say what is missing before a
 * sync is refused.
 */
export interface ZoomScopeNeed {
  /** What zoomlink does with it. */
  purpose: string;
  /** The granular scope to add in the Zoom App Marketplace. */
  granular: string;
  /** The classic scope that covers it as well. */
  classic: string;
  /** Needed only when organizers are made alternative hosts (`zoom.alternativeHosts`). */
  forAlternativeHosts?: true;
}

export const zoomScopeNeeds: readonly ZoomScopeNeed[] = [
  {
    purpose: 'create meetings',
    granular: 'meeting:write:meeting:admin',
    classic: 'meeting:write:admin',
  },
  {
    purpose: 'read meetings',
    granular: 'meeting:read:meeting:admin',
    classic: 'meeting:read:admin',
  },
  {
    purpose: 'update meetings and occurrences',
    granular: 'meeting:update:meeting:admin',
    classic: 'meeting:write:admin',
  },
  {
    purpose: 'delete meetings and occurrences',
    granular: 'meeting:delete:meeting:admin',
    classic: 'meeting:write:admin',
  },
  {
    purpose: "list a host's meetings (crash recovery, reconcile, doctor)",
    granular: 'meeting:read:list_meetings:admin',
    classic: 'meeting:read:admin',
  },
  {
    purpose: 'read invitation texts (`zoomlink zoom invitation`)',
    granular: 'meeting:read:invitation:admin',
    classic: 'meeting:read:admin',
  },
  {
    purpose: 'look up organizers to make them alternative hosts (zoom.alternativeHosts)',
    granular: 'user:read:user:admin',
    classic: 'user:read:admin',
    forAlternativeHosts: true,
  },
];

/** Splits a token answer's `scope` (space-separated, as OAuth 2.0 §3.3 has it). */
export function parseScopes(scope: string): string[] {
  return scope.split(/\s+/).filter(Boolean);
}

/**
 * The needs that none of the granted scopes satisfies; the organizer lookup only when
 * `alternativeHosts` (zoom.alternativeHosts is `organizer`).
 */
export function missingZoomScopes(
  granted: readonly string[],
  options: { alternativeHosts?: boolean } = {},
): ZoomScopeNeed[] {
  const held = new Set(granted.map((s) => s.toLowerCase()));
  return zoomScopeNeeds.filter(
    (need) =>
      (options.alternativeHosts === true || !need.forAlternativeHosts) &&
      !held.has(need.granular) &&
      !held.has(need.classic),
  );
}

/**
 * A user-level app holds the user forms of the scopes (`meeting:write:meeting`, `meeting:write`)
 * unless an admin authorised it with admin ones: the needs neither form satisfies.
 */
export function missingUserScopes(
  granted: readonly string[],
  options: { alternativeHosts?: boolean } = {},
): ZoomScopeNeed[] {
  const held = new Set(granted.map((s) => s.toLowerCase()));
  const userForm = (scope: string) => scope.replace(/:admin$/, '');
  return zoomScopeNeeds.filter(
    (need) =>
      (options.alternativeHosts === true || !need.forAlternativeHosts) &&
      ![need.granular, need.classic, userForm(need.granular), userForm(need.classic)].some((s) =>
        held.has(s),
      ),
  );
}

/**
 * Whether the login may make meetings for other users than itself: it holds an admin form of the
 * write scope (only an account admin, or a role with the privilege, can authorise those).
 */
export function mayScheduleForOthers(granted: readonly string[]): boolean {
  const held = new Set(granted.map((s) => s.toLowerCase()));
  return held.has('meeting:write:meeting:admin') || held.has('meeting:write:admin');
}
