import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema } from '../../../src/config/index.js';
import { resolveCredentials } from '../../../src/google/credentials.js';

const google = (over: Record<string, unknown>) => configSchema.parse({ google: over }).google;
const file = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'zoomlink-google-')), 'key.json');
  writeFileSync(path, content);
  return path;
};
const key = JSON.stringify({
  type: 'service_account',
  client_email: 'zoomlink@p.iam.gserviceaccount.com',
  client_id: '1139',
  private_key: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n',
});

const problem = (config: ReturnType<typeof google>) => {
  try {
    resolveCredentials(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('resolveCredentials', () => {
  it('reads a service account key and the admin subject', () => {
    expect(
      resolveCredentials(
        google({ serviceAccountKeyFile: file(key), adminSubject: 'admin@example.com' }),
      ),
    ).toMatchObject({
      kind: 'serviceAccount',
      clientEmail: 'zoomlink@p.iam.gserviceaccount.com',
      clientId: '1139',
      adminSubject: 'admin@example.com',
    });
  });

  it('uses user OAuth when all three of its fields are set', () => {
    expect(
      resolveCredentials(
        google({ oauthClientId: 'c', oauthClientSecret: 's', oauthRefreshToken: 'r' }),
      ),
    ).toEqual({
      kind: 'userOAuth',
      clientId: 'c',
      clientSecret: 's',
      refreshToken: 'r',
    });
  });

  it('names what is missing or wrong', () => {
    expect(problem(google({}))).toMatch(/no Google credentials.*google\.oauthClientId/);
    expect(problem(google({ serviceAccountKeyFile: file(key) }))).toContain('google.adminSubject');
    expect(
      problem(google({ serviceAccountKeyFile: file('{nope'), adminSubject: 'a@x' })),
    ).toContain('is not JSON');
    expect(
      problem(
        google({ serviceAccountKeyFile: file('{"type":"authorized_user"}'), adminSubject: 'a@x' }),
      ),
    ).toContain('is not a service account key');
    expect(
      problem(google({ serviceAccountKeyFile: '/nonexistent/key.json', adminSubject: 'a@x' })),
    ).toContain('cannot read');
  });
});
