import type { AxiosInstance } from 'axios';
import type { CallReport } from '../util/call-report.js';
import { decodeBody } from '../util/decode-body.js';
import { exchange, type Exchange, type RawResponse } from './transport.js';

/** The OAuth client a token request authenticates as (HTTP Basic, as Zoom's OAuth docs ask). */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/**
 * One `POST /oauth/token` with a form body (every grant zoomlink uses: account_credentials,
 * authorization_code, refresh_token; developers.zoom.us/docs/integrations/oauth/), its body
 * decoded. The caller decides what a status means: each grant fails in its own way.
 */
export async function requestToken(
  http: AxiosInstance,
  form: Record<string, string>,
  client: OAuthClient,
  about: Exchange,
  report?: CallReport,
): Promise<RawResponse & { body: unknown }> {
  const raw = await exchange(
    http,
    {
      method: 'POST',
      url: '/oauth/token',
      data: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      auth: { username: client.clientId, password: client.clientSecret },
    },
    about,
    report,
  );
  return { ...raw, body: decodeBody(raw.text) };
}
