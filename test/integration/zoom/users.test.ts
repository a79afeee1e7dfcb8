import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZoomApiError } from '../../../src/zoom/index.js';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.js';
import { zoomRoutes as routes } from '../../support/routes.js';

// `GET /users/{userId}` (the OpenAPI export's `user`), over real HTTP.
describe('Zoom client: a user of the account', () => {
  let zoom: ZoomHarness;
  beforeAll(async () => {
    zoom = await startZoomHarness();
    await zoom.control('POST', '/users', [
      { email: 'Pei.Ying@example.com', firstName: 'Pei Ying', lastName: 'Chang' },
      { email: 'basic@example.com', type: 1 },
      { email: 'invited@example.com', status: 'pending' },
    ]);
  });
  afterAll(async () => zoom.close());
  beforeEach(async () => zoom.resetCalls());

  it('reads a user by email, whatever its case, with its plan type and status', async () => {
    const user = await zoom.client.getUser('pei.ying@EXAMPLE.com');
    expect(user).toMatchObject({
      email: 'Pei.Ying@example.com',
      type: 2,
      status: 'active',
      first_name: 'Pei Ying',
      last_name: 'Chang',
    });
    expect(await zoom.client.getUser(user!.id)).toMatchObject({ email: 'Pei.Ying@example.com' });
    expect(await zoom.client.getUser('basic@example.com')).toMatchObject({ type: 1 });
    expect(await zoom.client.getUser('invited@example.com')).toMatchObject({ status: 'pending' });
  });

  it('answers null for an address the account does not have (404/1001), without a retry', async () => {
    expect(await zoom.client.getUser('stranger@example.org')).toBeNull();
    expect((await zoom.calls()).byRoute).toEqual({ [routes.user]: 1 });
  });

  it('a missing scope is an error, not a "no such user"', async () => {
    await zoom.control('POST', '/scopes', { scopes: ['meeting:read:meeting:admin'] });
    const client = zoom.newClient();
    const failure = await client.getUser('basic@example.com').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZoomApiError);
    expect((failure as ZoomApiError).code).toBe('ZOOM_AUTH_FAILED');
  });
});
