/**
 * The times a room has accepted, so a new booking can be checked against them without scanning
 * the whole calendar (a benchmark room holds 10,000 events). Intervals are kept sorted by start;
 * a query looks back by the longest interval held, which keeps it exact.
 */
export interface Interval {
  startMs: number;
  endMs: number;
}

interface Entry extends Interval {
  owner: string;
}

export class BusyIndex {
  /**
   * Kept only while rooms decline conflicts: with auto-decline off (a benchmark seeding 10,000
   * bookings) writes just mark the index stale, and it is rebuilt the next time a room must answer.
   */
  stale = false;
  private entries: Entry[] = [];
  private readonly byOwner = new Map<string, Interval[]>();
  private longest = 0;

  set(owner: string, intervals: Interval[]): void {
    this.remove(owner);
    if (intervals.length === 0) return;
    this.byOwner.set(owner, intervals);
    for (const interval of intervals) {
      this.longest = Math.max(this.longest, interval.endMs - interval.startMs);
      const at = this.firstAtOrAfter(interval.startMs);
      this.entries.splice(at, 0, { ...interval, owner });
    }
  }

  remove(owner: string): void {
    const held = this.byOwner.get(owner);
    if (!held) return;
    this.byOwner.delete(owner);
    for (const interval of held) {
      let at = this.firstAtOrAfter(interval.startMs);
      while (at < this.entries.length && this.entries[at]!.startMs === interval.startMs) {
        if (this.entries[at]!.owner === owner) {
          this.entries.splice(at, 1);
          break;
        }
        at += 1;
      }
    }
  }

  /** Whether an interval of an owner not ignored overlaps one of these (half-open intervals). */
  overlaps(intervals: Interval[], ignore: (owner: string) => boolean): boolean {
    for (const { startMs, endMs } of intervals) {
      for (let i = this.firstAtOrAfter(startMs - this.longest); i < this.entries.length; i += 1) {
        const entry = this.entries[i]!;
        if (entry.startMs >= endMs) break;
        if (entry.endMs > startMs && entry.startMs < endMs && !ignore(entry.owner)) return true;
      }
    }
    return false;
  }

  clear(): void {
    this.entries = [];
    this.byOwner.clear();
    this.longest = 0;
    this.stale = false;
  }

  markStale(): void {
    if (this.stale) return;
    this.clear();
    this.stale = true;
  }

  private firstAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid]!.startMs < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
