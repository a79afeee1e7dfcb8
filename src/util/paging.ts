/**
 * A paging guard: pages are read while the upstream hands out a next-page token, and the chain
 * must end. A token handed out a second time, or more pages than any real listing holds, means
 * the upstream (or a proxy) is looping: the reader stops with the upstream's error instead of
 * reading for ever or acting on a partial list.
 */
/** Which listing: its operation, and where it reads (an endpoint, a calendar) for the message. */
export interface Listing {
  operation: string;
  where?: string;
}

export interface PagingStop extends Listing {
  /** Pages read before stopping. */
  pages: number;
  /** `repeated`: a token came a second time; `tooMany`: more than `maxPages` pages. */
  why: 'repeated' | 'tooMany';
  /** The token handed out again (for `repeated`). */
  token?: string;
}

export interface PagingGuard {
  listing: Listing;
  maxPages: number;
  /** The error to stop with (the upstream's own class and code). */
  stop: (stop: PagingStop) => Error;
}

/** What went wrong, for the upstream's message: "did not end after 1000 pages". */
export function endlessBecause(stop: PagingStop): string {
  return stop.why === 'repeated'
    ? `handed out the page token "${stop.token ?? ''}" a second time after ${stop.pages} pages`
    : `did not end after ${stop.pages} pages`;
}

export async function* pageThrough<P>(
  fetch: (pageToken: string | undefined) => Promise<P>,
  nextToken: (page: P) => string | undefined,
  guard: PagingGuard,
): AsyncGenerator<P> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await fetch(token);
    yield page;
    token = nextToken(page) || undefined;
    if (token === undefined) return;
    if (seen.has(token)) throw guard.stop({ ...guard.listing, pages, why: 'repeated', token });
    if (pages >= guard.maxPages) throw guard.stop({ ...guard.listing, pages, why: 'tooMany' });
    seen.add(token);
  }
}
