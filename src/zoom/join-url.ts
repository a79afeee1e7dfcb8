/**
 * Which join links zoomlink passes on. The link Zoom hands out is written into every attendee's
 * calendar, so a link that is not https, or that leads anywhere but Zoom, is refused rather than
 * published (a compromised or misconfigured `zoom.apiUrl`, a proxy rewriting answers).
 */

/**
 * Zoom's own hosts for meeting links: zoom.us and its regional subdomains (us02web.zoom.us),
 * zoom.com, and ZoomGov (https://www.zoomgov.com, agency subdomains). A pattern `*.x` stands for
 * every subdomain of x, not x itself.
 */
export const zoomJoinHosts: readonly string[] = [
  'zoom.us',
  '*.zoom.us',
  'zoom.com',
  '*.zoom.com',
  'zoomgov.com',
  '*.zoomgov.com',
];

/** Whether a URL's host name (lower case, as `new URL()` gives it) matches one pattern. */
export function hostMatches(hostname: string, pattern: string): boolean {
  const wanted = pattern.toLowerCase();
  if (wanted.startsWith('*.')) return hostname.endsWith(wanted.slice(1));
  return hostname === wanted;
}

/**
 * The link as `new URL()` writes it, when it is https on a trusted host without credentials in
 * it; undefined otherwise. `extraHosts` are the operator's (`zoom.trustedJoinHosts`).
 */
export function trustedJoinUrl(raw: string, extraHosts: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return undefined;
  const trusted = [...zoomJoinHosts, ...extraHosts].some((p) => hostMatches(url.hostname, p));
  return trusted ? url.href : undefined;
}

/** What may be said of a refused link in an error or a log: its scheme and host, no more. */
export function describeLink(raw: string): string {
  try {
    const url = new URL(raw);
    return url.host ? `${url.protocol}//${url.host}` : `a ${url.protocol} URL`;
  } catch {
    return 'text that is not a URL';
  }
}
