import { describe, expect, it } from 'vitest';
import { describeLink, trustedJoinUrl } from '../../../src/zoom/join-url.js';

describe('trustedJoinUrl', () => {
  it.each([
    ['https://zoom.us/j/81234567890?pwd=aB3.1', 'https://zoom.us/j/81234567890?pwd=aB3.1'],
    ['https://US02WEB.ZOOM.US/j/1', 'https://us02web.zoom.us/j/1'],
    ['https://zoom.us:443/j/1', 'https://zoom.us/j/1'],
    ['https://zoom.us/j/1?x=a b', 'https://zoom.us/j/1?x=a%20b'],
    ['https:\\\\zoom.us\\j\\1', 'https://zoom.us/j/1'],
    ['https://www.zoomgov.com/j/1', 'https://www.zoomgov.com/j/1'],
    ['https://zoom.com/j/1', 'https://zoom.com/j/1'],
    [' https://zoom.us/j/1 ', 'https://zoom.us/j/1'],
  ])('takes %s as %s', (raw, expected) => {
    expect(trustedJoinUrl(raw, [])).toBe(expected);
  });

  it.each([
    'http://zoom.us/j/1',
    'https://zoom.us./j/1',
    'https://zoom.us.evil.example/j/1',
    'https://evil-zoom.us/j/1',
    'https://xn--zoom-sra.us/j/1',
    'https://zoom.us@evil.example/j/1',
    'https://a:b@zoom.us/j/1',
    'https://evil.example/zoom.us/j/1',
    '//zoom.us/j/1',
    'zoom.us/j/1',
    'javascript://zoom.us/%0aalert(1)',
    '',
  ])('refuses %s', (raw) => {
    expect(trustedJoinUrl(raw, [])).toBeUndefined();
  });

  it('takes the operator’s hosts: exact, or every subdomain with *.', () => {
    expect(trustedJoinUrl('https://zoom.example.org/j/1', ['zoom.example.org'])).toBeDefined();
    expect(trustedJoinUrl('https://a.zoom.example.org/j/1', ['zoom.example.org'])).toBeUndefined();
    expect(trustedJoinUrl('https://a.zoom.example.org/j/1', ['*.zoom.example.org'])).toBeDefined();
    expect(trustedJoinUrl('https://zoom.example.org/j/1', ['*.zoom.example.org'])).toBeUndefined();
    expect(trustedJoinUrl('https://Zoom.Example.org/j/1', ['ZOOM.example.ORG'])).toBeDefined();
  });
});

describe('describeLink', () => {
  it('says scheme and host only, never the path or passcode', () => {
    expect(describeLink('http://evil.example:8080/j/1?pwd=secret')).toBe(
      'http://evil.example:8080',
    );
    expect(describeLink('javascript:alert(1)')).toBe('a javascript: URL');
    expect(describeLink('not a url ?pwd=secret')).toBe('text that is not a URL');
  });
});
