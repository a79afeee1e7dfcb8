import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redact, redactText } from '../../src/log.js';

function capture(format: 'json' | 'pretty' = 'json') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ stream, format, level: 'debug' }), lines };
}

const secrets = {
  bearer: 'eyJhbGciOiJIUzI1NiJ9.payload.signature',
  clientSecret: 'zoom-client-secret-value',
  privateKey:
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
  passcode: 'A7mQr0',
  refresh: '1//0refresh-token-value',
};

describe('log redaction', () => {
  it('writes JSON lines when not on a terminal', () => {
    const { logger, lines } = capture();
    logger.info('meeting created', { room: 'r1', meetingId: 95553727661 });
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({
      level: 'info',
      message: 'meeting created',
      room: 'r1',
      meetingId: 95553727661,
    });
  });

  it('writes readable lines on a terminal', () => {
    const { logger, lines } = capture('pretty');
    logger.warn('quota low', { host: 'h@example.com' });
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d warn {2}quota low {2}host=h@example.com$/);
  });

  it('removes secrets wherever they hide in a record', () => {
    const { logger, lines } = capture();
    logger.error('request failed', {
      headers: { Authorization: `Bearer ${secrets.bearer}` },
      config: { zoom: { clientSecret: secrets.clientSecret } },
      key: { private_key: secrets.privateKey, client_email: 'sa@project.iam.gserviceaccount.com' },
      meeting: {
        password: secrets.passcode,
        join_url: `https://zoom.us/j/1?pwd=${secrets.passcode}x`,
      },
      body: `grant_type=refresh_token&refresh_token=${secrets.refresh}`,
      nested: [{ deep: { access_token: secrets.bearer } }],
      text: `{"access_token":"${secrets.bearer}","expires_in":3600}`,
      invitation: `Meeting ID: 955 5372 7661\nPasscode: ${secrets.passcode}`,
      syncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=',
    });
    const line = lines.join('\n');
    for (const secret of Object.values(secrets)) expect(line).not.toContain(secret.trim());
    expect(line).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(line).toContain('sa@project.iam.gserviceaccount.com');
    expect(line).toContain('CPDAlvWDx70CEPDAlvWDx70CGAU='); // a sync token is a cursor, not a secret
    expect(line).toContain('955 5372 7661');
  });

  it('redacts secrets in error messages and in the message itself', () => {
    const { logger, lines } = capture();
    logger.error(
      `token exchange failed with Basic ${Buffer.from('id:secret').toString('base64')}`,
      {
        error: new Error(`401 for https://zoom.us/j/9?pwd=${secrets.passcode}`),
      },
    );
    expect(lines.join('\n')).not.toContain(secrets.passcode);
    expect(lines.join('\n')).not.toContain(Buffer.from('id:secret').toString('base64'));
  });

  describe('secrets in free text that the first patterns missed', () => {
    const jwt =
      'eyJhbGciOiJIUzUxMiIsInYiOiIyLjAiLCJraWQiOiJhYmMifQ.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMiLCJ1aWQiOiJ4In0.Zm9vYmFyYmF6cXV4c2lnbmF0dXJl';
    it.each([
      ['a JWT on its own (a Zoom access token)', `token refused: ${jwt} (401)`, jwt],
      ['a JWT in JSON', `{"jwt":"${jwt}"}`, jwt],
      [
        'a JWT without a signature (alg none)',
        `got ${jwt.split('.').slice(0, 2).join('.')}.`,
        'eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMiLCJ1aWQiOiJ4In0',
      ],
      ['PASSCODE in capitals', 'MEETING PASSCODE: Zq81x0', 'Zq81x0'],
      ['passcode in lower case', 'the passcode: Zq81x0 was sent', 'Zq81x0'],
      ['Passcode with = ', 'Passcode=Zq81x0', 'Zq81x0'],
      [
        'a URL-encoded pwd (a join link inside another URL)',
        'https://www.google.com/url?q=https%3A%2F%2Fzoom.us%2Fj%2F81234567890%3Fpwd%3DaB3dE5fG7hI9.1%26from%3Daddon',
        'aB3dE5fG7hI9',
      ],
      [
        'a twice-encoded pwd',
        'q=https%253A%252F%252Fzoom.us%252Fj%252F1%253Fpwd%253DaB3dE5fG7hI9.1',
        'aB3dE5fG7hI9',
      ],
      [
        'zak= at the start of a line',
        'zak=eyJ6bV9za20iOiJ6bV9vMm0ifQ-abc',
        'eyJ6bV9za20iOiJ6bV9vMm0ifQ-abc',
      ],
      ['zak= after a #', 'https://zoom.us/s/81234567890#zak=Secr3tZakValue', 'Secr3tZakValue'],
      ['zak= after a ;', 'cookie: a=1;zak=Secr3tZakValue', 'Secr3tZakValue'],
      ['zak in JSON', '{"zak":"Secr3tZakValue"}', 'Secr3tZakValue'],
    ])('%s', (_name, text, secret) => {
      expect(redactText(text)).not.toContain(secret);
      const { logger, lines } = capture();
      logger.warn(text, { detail: text });
      expect(lines.join('\n')).not.toContain(secret);
    });

    it('still leaves ordinary words and ids alone', () => {
      const text = 'zakat eyJust a word; Meeting ID: 812 3456 7890; passcodes are set per meeting';
      expect(redactText(text)).toBe(text);
    });
  });

  it('survives cycles and leaves ordinary values alone', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redact(a)).toEqual({ name: 'a', self: '[…]' });
    expect(redactText('nothing secret here')).toBe('nothing secret here');
  });
});
