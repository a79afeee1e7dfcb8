import { describe, expect, it } from 'vitest';
import {
  checkAuthorization,
  isLoopbackHost,
  isLoopbackHostHeader,
} from '../../../src/daemon/auth.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('checkAuthorization', () => {
  it.each([
    ['no token configured lets everyone in', undefined, '', 'allowed'],
    ['no header', undefined, 's3cret', 'missing'],
    ['the right bearer token', 'Bearer s3cret', 's3cret', 'allowed'],
    ['the scheme in any case', 'bearer s3cret', 's3cret', 'allowed'],
    ['a wrong bearer token', 'Bearer s3cre', 's3cret', 'wrong'],
    ['a longer wrong token', 'Bearer s3cret-and-more', 's3cret', 'wrong'],
    [
      'the token as the Basic password (a browser prompt)',
      basic('anyone', 's3cret'),
      's3cret',
      'allowed',
    ],
    ['a token with a colon as the Basic password', basic('me', 'a:b'), 'a:b', 'allowed'],
    ['the token as the Basic user name only', basic('s3cret', ''), 's3cret', 'wrong'],
    ['another scheme', 'Digest s3cret', 's3cret', 'wrong'],
    ['a bare token', 's3cret', 's3cret', 'wrong'],
  ] as const)('%s', (_name, header, token, expected) => {
    expect(checkAuthorization(header, token)).toBe(expected);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['zoomlink.internal', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('isLoopbackHostHeader', () => {
  it.each([
    ['localhost:8787', true],
    ['localhost', true],
    ['127.0.0.1:8787', true],
    ['127.0.0.2', true],
    ['[::1]:8787', true],
    ['[::1]', true],
    [undefined, false],
    ['', false],
    ['::1', false],
    ['attacker.example:8787', false],
    ['localhost.attacker.example', false],
    ['127.0.0.1.nip.io:8787', false],
    ['localhost:80@attacker.example', false],
    ['localhost:8787:1', false],
    ['[::ffff:127.0.0.1.evil]:1', false],
  ])('%s → %s', (header, expected) => {
    expect(isLoopbackHostHeader(header)).toBe(expected);
  });
});
