import { describe, expect, it } from 'vitest';
import { findForeignZoomLinks, findZoomLinks } from '../../../src/invitation/index.js';
import { LINK_SCAN_CHARS } from '../../../src/invitation/zoom-links.js';

const link = (i: number) => `https://zoom.us/j/${100_000_000 + i}`;

describe('findZoomLinks on hostile fields', () => {
  it('40,000 links, each written twice: every one once, in order of first appearance', () => {
    const links = Array.from({ length: 40_000 }, (_, i) => link(i));
    const text = [...links, ...links].join(' ');
    const found = findZoomLinks(text);
    // Only the bounded prefix of the field is read: the links that start in it, each once.
    const inPrefix = links.filter((l, i) => i * (l.length + 1) + l.length <= LINK_SCAN_CHARS);
    expect(found).toEqual(inPrefix);
    expect(new Set(found).size).toBe(found.length);
  });

  it('reads only the first LINK_SCAN_CHARS characters of a field', () => {
    const late = 'https://acme.zoom.us/j/99988877766';
    const text = `${link(1)} ${'x'.repeat(LINK_SCAN_CHARS)} ${late}`;
    expect(findZoomLinks(text)).toEqual([link(1)]);
    expect(findForeignZoomLinks(text)).toEqual([link(1)]);
  });

  it('a link cut by the end of the prefix is still a Zoom link (an event carrying it is left alone)', () => {
    const pad = 'x'.repeat(LINK_SCAN_CHARS - 25);
    const text = `${pad} https://zoom.us/j/95553727661 more`;
    expect(findZoomLinks(text)).toEqual(['https://zoom.us/j/955537']); // as far as it was read
    expect(findZoomLinks(`${pad.slice(100)} https://zoom.us/j/95553727661 more`)).toEqual([
      'https://zoom.us/j/95553727661',
    ]);
  });

  it('a host of millions of labels does not overflow the regular expression stack', () => {
    const text = `https://${'a.'.repeat(6_000_000)}zoom.us/j/95553727661`;
    expect(() => findZoomLinks(text)).not.toThrow();
    expect(findForeignZoomLinks(text)).toEqual([]);
  });

  it('trailing punctuation is trimmed from a link, however much of it there is', () => {
    expect(findZoomLinks(`see ${link(7)}${'.,;)'.repeat(10_000)}`)).toEqual([link(7)]);
    expect(findZoomLinks(`${link(8)}${'.'.repeat(50_000)}x`)).toEqual([
      `${link(8)}${'.'.repeat(50_000)}x`,
    ]);
  });
});
