/**
 * Every call an emulator answered (control calls excluded), so a test can assert exactly what a
 * scenario cost: by route (`POST /v2/users/:userId/meetings`), and by tag (`host`, `calendar`).
 */

export interface CallRecord {
  seq: number;
  at: string;
  method: string;
  route: string;
  path: string;
  status: number;
  /** Set by handlers: e.g. `{ host: 'room1@example.com' }` or `{ calendar: '…' }`. */
  tags: Record<string, string>;
  /** Set when an injected fault answered instead of the handler. */
  fault?: string;
}

export interface CallSummary {
  total: number;
  byRoute: Record<string, number>;
  /** e.g. `{ host: { 'a@example.com': { 'POST /v2/users/:userId/meetings': 2 } } }` */
  byTag: Record<string, Record<string, Record<string, number>>>;
  log: CallRecord[];
}

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;
  private byRoute: Record<string, number> = {};
  private byTag: CallSummary['byTag'] = {};

  record(entry: Omit<CallRecord, 'seq'>): void {
    this.seq += 1;
    this.records.push({ ...entry, seq: this.seq });
    this.byRoute[entry.route] = (this.byRoute[entry.route] ?? 0) + 1;
    for (const [tag, value] of Object.entries(entry.tags)) {
      const perRoute = ((this.byTag[tag] ??= {})[value] ??= {});
      perRoute[entry.route] = (perRoute[entry.route] ?? 0) + 1;
    }
    // Benchmarks make hundreds of thousands of calls: counts stay exact, the log stays bounded.
    if (this.records.length > 20_000) this.records.splice(0, 10_000);
  }

  summary(options: { log?: boolean } = {}): CallSummary {
    return {
      total: this.seq,
      byRoute: structuredClone(this.byRoute),
      byTag: structuredClone(this.byTag),
      log: options.log === false ? [] : [...this.records],
    };
  }

  /** Calls answered in all, or for one route (`GET /calendar/v3/calendars/:calendarId/events`). */
  count(route?: string): number {
    return route === undefined ? this.seq : (this.byRoute[route] ?? 0);
  }

  clear(): void {
    this.records = [];
    this.seq = 0;
    this.byRoute = {};
    this.byTag = {};
  }
}
