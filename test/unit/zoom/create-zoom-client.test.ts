import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError, configSchema } from '../../../src/config/index.js';
import type { MeetingsPort } from '../../../src/domain/ports.js';
import { createZoomClient, type ZoomClient } from '../../../src/zoom/index.js';

const defaults = configSchema.parse({}).zoom;

describe('createZoomClient', () => {
  it('satisfies the sync engine’s MeetingsPort', () => {
    expectTypeOf<ZoomClient>().toExtend<MeetingsPort>();
  });

  it('names every missing credential and points away from JWT apps', () => {
    let error: unknown;
    try {
      createZoomClient({ ...defaults, accountId: 'acc' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^zoom\.clientId: missing/);
    expect(problems[1]).toMatch(/^zoom\.clientSecret: missing/);
    expect(problems[1]).toContain('JWT');
  });

  it('builds a client when the credentials are set, without calling Zoom', () => {
    const client = createZoomClient({
      ...defaults,
      accountId: 'acc',
      clientId: 'id',
      clientSecret: 'secret',
      apiUrl: 'http://127.0.0.1:9/v2',
    });
    expect(client.parkedHosts()).toEqual([]);
    expect(client.remainingBudget('room@example.com')).toBe(100);
  });
});
