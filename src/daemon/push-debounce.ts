/**
 * Several notifications for one room make one read: the first starts a short wait, those during
 * the wait join it, and those during the read make exactly one more read after it (the change
 * they announce may have come after the read's listing). Rooms are independent.
 */
export class RoomDebouncer {
  private readonly rooms = new Map<
    string,
    { timer?: NodeJS.Timeout; reading?: Promise<void>; again: boolean }
  >();
  private stopped = false;

  constructor(
    private readonly waitMs: number,
    private readonly read: (calendarId: string) => Promise<void>,
  ) {}

  /** A notification for this room. */
  trigger(calendarId: string): void {
    if (this.stopped) return;
    const key = calendarId.toLowerCase();
    const state = this.rooms.get(key) ?? { again: false };
    this.rooms.set(key, state);
    if (state.reading) {
      state.again = true;
      return;
    }
    if (state.timer) return;
    state.timer = setTimeout(() => this.start(key, calendarId), this.waitMs);
  }

  /** No new reads; resolves when the reads in flight are over. */
  async stop(): Promise<void> {
    this.stopped = true;
    const reading: Promise<void>[] = [];
    for (const state of this.rooms.values()) {
      if (state.timer) clearTimeout(state.timer);
      if (state.reading) reading.push(state.reading);
    }
    await Promise.allSettled(reading);
  }

  private start(key: string, calendarId: string): void {
    const state = this.rooms.get(key)!;
    state.timer = undefined;
    if (this.stopped) return;
    state.again = false;
    state.reading = this.read(calendarId)
      .catch(() => undefined)
      .finally(() => {
        state.reading = undefined;
        if (state.again && !this.stopped) {
          state.again = false;
          state.timer = setTimeout(() => this.start(key, calendarId), this.waitMs);
        } else if (!state.timer) this.rooms.delete(key);
      });
  }
}
