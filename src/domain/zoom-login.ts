/**
 * The user-level Zoom login (`zoom.auth: user`) as the Zoom adapter sees its storage: the store's
 * `zoomLogin` repository implements it. Types only.
 */

export interface ZoomLoginRecord {
  /** `login_required`: Zoom refused the refresh token; a person must run `zoomlink zoom login`. */
  state: 'ok' | 'login_required';
  refreshToken: string | null;
  accessToken: string | null;
  /** ISO; when the access token should no longer be used (refreshed a little before). */
  accessExpiresAt: string | null;
  scopes: string[];
  userId: string | null;
  userEmail: string | null;
  /** Why a login is required, for people. */
  detail: string;
  /** One more at every login and every rotation. */
  generation: number;
  loggedInAt: string | null;
  rotatedAt: string | null;
  updatedAt: string;
}

export interface ZoomTokenSet {
  refreshToken: string;
  accessToken: string;
  accessExpiresAt: Date;
  scopes: string[];
}

export interface ZoomLoginPort {
  read(): ZoomLoginRecord | undefined;
  /** A new login (authorization code exchanged): replaces whatever was stored. */
  saveLogin(tokens: ZoomTokenSet): ZoomLoginRecord;
  /**
   * A refresh answered: the rotated refresh token and the new access token, committed only when
   * the stored generation is still `generation` (false: another process rotated it meanwhile).
   */
  saveRotation(generation: number, tokens: ZoomTokenSet): boolean;
  /** Zoom refused the refresh token of `generation`: Zoom work stops until the next login. */
  markLoginRequired(generation: number, detail: string): void;
  /** Who logged in (`GET /users/me`). */
  setUser(userId: string, userEmail: string): void;
}
