/**
 * Error codes that cross layers: an adapter raises them (as a `ZoomlinkError` subclass) and the
 * sync engine reacts to them without importing the adapter. Each is documented in the README's
 * troubleshooting table.
 */
export const CrossLayerCodes = {
  /** Google answered 410: the sync token is no longer valid; wipe it and do a full sync. */
  googleFullSyncRequired: 'GOOGLE_FULL_SYNC_REQUIRED',
  /** Google refused to let the service account act as a user (domain-wide delegation). */
  googleDelegationRefused: 'GOOGLE_DELEGATION_REFUSED',
  /** Google answered 404/410 for a calendar or event: it does not exist, or not for that user. */
  googleNotFound: 'GOOGLE_NOT_FOUND',
  /** A Zoom host's daily create/update budget is spent; do not call again until `until`. */
  zoomQuotaExhausted: 'ZOOM_QUOTA_EXHAUSTED',
  /** Someone started the meeting: Zoom refuses to change or delete it until it ends. */
  zoomMeetingInProgress: 'ZOOM_MEETING_IN_PROGRESS',
  /** Zoom credentials are wrong, the app is deactivated, or it lacks a scope. */
  zoomAuthFailed: 'ZOOM_AUTH_FAILED',
  /** The user-level Zoom login was refused (revoked, or its refresh token no longer valid). */
  zoomLoginRequired: 'ZOOM_LOGIN_REQUIRED',
} as const;

export type CrossLayerCode = (typeof CrossLayerCodes)[keyof typeof CrossLayerCodes];
