import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZoomEmulator, type ZoomEmulator } from '../../../src/emulators/zoom/index.js';

/**
 * The seed's zoomus sample (the organisation's notes, "Using Python 3rd party package: zoomus"):
 *
 *     user_list = json.loads(client.user.list().content)
 *     for user in user_list['users']:
 *         print(json.loads(client.meeting.list(user_id=user['id']).content))
 *
 * run against the Zoom emulator with the seed's own credentials flow: a user-level OAuth app
 * authorised in a browser (the Postman steps: authorize URL, Allow, the code exchanged at
 * /oauth/token). zoomus itself is a Python package on PyPI only (no Debian package, and this
 * project installs nothing beyond npm and Debian), so its calls are made here over raw HTTP, in
 * the same order with the same parameters as zoomus 1.2 sends them (prschmid/zoomus,
 * `components/user.py` `UserComponentV2.list` → `GET /users` with no parameters;
 * `components/meeting.py` `MeetingComponentV2.list` → `GET /users/{user_id}/meetings` with
 * `user_id` also as a query parameter; `Authorization: Bearer <token>`), and the answers read as
 * zoomus's callers read them: `json.loads(response.content)`, `['users']`, `user['id']`.
 */
describe("the seed's zoomus sample (user.list → meeting.list) against the emulator", () => {
  let zoom: ZoomEmulator;
  const redirect = 'https://oauth.pstmn.io/v1/callback';
  const emails = [
    'zoom1@tiongliong.example',
    'zoom2@tiongliong.example',
    'zoom5@tiongliong.example',
  ];

  beforeAll(async () => {
    zoom = await startZoomEmulator({
      users: emails.map((email) => ({ email, timezone: 'Asia/Taipei' })),
    });
    // The app's scopes: the meeting ones, and listing users (what user.list needs).
    await control('POST', '/scopes', {
      scopes: ['meeting:read:admin', 'meeting:write:admin', 'user:read:admin'],
    });
    await control('POST', '/oauth/redirect-uris', { uris: [redirect] });
  });
  afterAll(async () => zoom.close());

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${zoom.controlUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok).toBe(true);
    return response.json();
  }

  /** The Postman flow of the seed: authorize URL, Allow, the code exchanged for a token. */
  async function postmanToken(): Promise<string> {
    const authorize = new URL(`${zoom.oauthUrl}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: zoom.clientId,
      redirect_uri: redirect,
    }).toString();
    expect((await fetch(authorize)).status).toBe(200);
    const { location } = (await control('POST', '/oauth/approve', {})) as { location: string };
    const code = new URL(location).searchParams.get('code')!;
    const basic = Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString('base64');
    const response = await fetch(`${zoom.oauthUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  it('lists every user, then each user’s meetings, as the sample prints them', async () => {
    const token = await postmanToken();
    const bearer = { authorization: `Bearer ${token}` };
    // A meeting for zoom5 as the seed's "Create Meeting" example makes it (schedule_for aside).
    const created = await fetch(`${zoom.apiUrl}/users/${emails[2]}/meetings`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({
        topic: 'topic',
        type: 8,
        start_time: '2031-12-17T18:00:00',
        duration: 60,
        timezone: 'Asia/Taipei',
        recurrence: {
          type: 2,
          repeat_interval: 2,
          weekly_days: '6',
          end_date_time: '2031-12-31T15:59:00Z',
        },
      }),
    });
    expect(created.status).toBe(201);
    const meeting = (await created.json()) as { id: number };

    // client.user.list()
    const userListResponse = await fetch(`${zoom.apiUrl}/users`, { headers: bearer });
    expect(userListResponse.status).toBe(200);
    const userList = JSON.parse(await userListResponse.text()) as {
      users: Array<{ id: string; email: string }>;
      total_records: number;
      page_size: number;
    };
    expect(userList.users.map((u) => u.email)).toEqual(emails);
    expect(userList).toMatchObject({ total_records: 3, page_size: 30 });

    // for user in user_list['users']: client.meeting.list(user_id=user['id'])
    const printed: Array<{ meetings: Array<{ id: number }> }> = [];
    for (const user of userList.users) {
      const path = `/users/${user.id}/meetings?${new URLSearchParams({ user_id: user.id })}`;
      const response = await fetch(`${zoom.apiUrl}${path}`, { headers: bearer });
      expect(response.status).toBe(200);
      printed.push(JSON.parse(await response.text()) as { meetings: Array<{ id: number }> });
    }
    expect(printed.map((page) => page.meetings.map((m) => m.id))).toEqual([[], [], [meeting.id]]);

    // Zoom saw exactly the sample's calls, in its order.
    const calls = (await control('GET', '/calls')) as {
      log: Array<{ method: string; path: string }>;
    };
    expect(
      calls.log.filter((c) => c.path.startsWith('/v2/')).map((c) => `${c.method} ${c.path}`),
    ).toEqual([
      `POST /v2/users/${emails[2]}/meetings`,
      'GET /v2/users',
      ...userList.users.map((u) => `GET /v2/users/${u.id}/meetings`),
    ]);
  });

  it('pages the user list (page_size, next_page_token) as zoomus callers page it', async () => {
    const token = await postmanToken();
    const bearer = { authorization: `Bearer ${token}` };
    const seen: string[] = [];
    let next = '';
    do {
      const query = new URLSearchParams({
        page_size: '2',
        ...(next ? { next_page_token: next } : {}),
      });
      const page = (await (
        await fetch(`${zoom.apiUrl}/users?${query}`, { headers: bearer })
      ).json()) as {
        users: Array<{ email: string }>;
        next_page_token: string;
        page_count: number;
      };
      expect(page.page_count).toBe(2);
      seen.push(...page.users.map((u) => u.email));
      next = page.next_page_token;
    } while (next);
    expect(seen).toEqual(emails);
  });
});
