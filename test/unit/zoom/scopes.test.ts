import { describe, expect, it } from 'vitest';
import { missingZoomScopes, parseScopes, zoomScopeNeeds } from '../../../src/zoom/scopes.js';

describe('Zoom scopes zoomlink needs', () => {
  const granular = zoomScopeNeeds.map((n) => n.granular);

  it('is satisfied by every granular scope, or by the classic read/write pair', () => {
    expect(missingZoomScopes(granular)).toEqual([]);
    expect(missingZoomScopes(['meeting:read:admin', 'meeting:write:admin'])).toEqual([]);
    expect(missingZoomScopes(['MEETING:READ:ADMIN', 'meeting:write:admin'])).toEqual([]);
  });

  it('names each need no scope covers, with both of its names', () => {
    const missing = missingZoomScopes(['meeting:read:admin']);
    expect(missing.map((n) => n.granular)).toEqual([
      'meeting:write:meeting:admin',
      'meeting:update:meeting:admin',
      'meeting:delete:meeting:admin',
    ]);
    expect(new Set(missing.map((n) => n.classic))).toEqual(new Set(['meeting:write:admin']));
    expect(missingZoomScopes(granular.filter((s) => s !== 'meeting:delete:meeting:admin'))).toEqual(
      [expect.objectContaining({ granular: 'meeting:delete:meeting:admin' })],
    );
    expect(missingZoomScopes([])).toHaveLength(zoomScopeNeeds.length - 1);
  });

  it('asks for the user scope only when organizers become alternative hosts', () => {
    const pair = ['meeting:read:admin', 'meeting:write:admin'];
    expect(missingZoomScopes(pair, { alternativeHosts: true })).toEqual([
      expect.objectContaining({ granular: 'user:read:user:admin', classic: 'user:read:admin' }),
    ]);
    expect(missingZoomScopes([...pair, 'user:read:admin'], { alternativeHosts: true })).toEqual([]);
    expect(missingZoomScopes(granular, { alternativeHosts: true })).toEqual([]);
  });

  it("reads a token answer's space-separated scope", () => {
    expect(parseScopes(' meeting:read:admin  meeting:write:admin ')).toEqual([
      'meeting:read:admin',
      'meeting:write:admin',
    ]);
    expect(parseScopes('')).toEqual([]);
  });
});
