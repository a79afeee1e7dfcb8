import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageThrough, type PagingStop } from '../../../src/util/paging.js';

interface Page {
  n: number;
  next?: string;
}

/** Reads every page `chain` describes: page n hands out `chain[n]` as the next token. */
async function read(chain: Array<string | undefined>, maxPages = 100) {
  const asked: Array<string | undefined> = [];
  const pages: number[] = [];
  const stop = (s: PagingStop) => Object.assign(new Error(`stopped: ${s.why}`), { stop: s });
  try {
    for await (const page of pageThrough<Page>(
      async (token) => {
        asked.push(token);
        const n = asked.length - 1;
        return { n, next: chain[n] };
      },
      (page) => page.next,
      { listing: { operation: 'things.list', where: 'GET /things' }, maxPages, stop },
    ))
      pages.push(page.n);
    return { pages, asked, stopped: undefined };
  } catch (error) {
    return { pages, asked, stopped: (error as { stop: PagingStop }).stop };
  }
}

describe('the paging guard', () => {
  it('reads every page until no token comes (an empty token ends the chain too)', async () => {
    expect(await read(['a', 'b', undefined])).toEqual({
      pages: [0, 1, 2],
      asked: [undefined, 'a', 'b'],
      stopped: undefined,
    });
    expect((await read(['a', ''])).pages).toEqual([0, 1]);
  });

  it('stops when a token is handed out a second time, naming it', async () => {
    const { pages, stopped } = await read(['a', 'b', 'a', 'c']);
    expect(pages).toEqual([0, 1, 2]);
    expect(stopped).toEqual({
      operation: 'things.list',
      where: 'GET /things',
      pages: 3,
      why: 'repeated',
      token: 'a',
    });
  });

  it('stops after maxPages pages of new tokens', async () => {
    const endless = Array.from({ length: 50 }, (_, i) => `t${i}`);
    const { asked, stopped } = await read(endless, 10);
    expect(asked).toHaveLength(10);
    expect(stopped).toMatchObject({ pages: 10, why: 'tooMany' });
  });

  it('property: never asks for more than maxPages pages, nor for a token twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: undefined }), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 8 }),
        async (chain, maxPages) => {
          const { asked } = await read(chain, maxPages);
          const tokens = asked.filter((t) => t !== undefined);
          return asked.length <= maxPages && new Set(tokens).size === tokens.length;
        },
      ),
    );
  });
});
