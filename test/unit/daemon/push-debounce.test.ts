import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomDebouncer } from '../../../src/daemon/push-debounce.js';

describe('RoomDebouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function reader() {
    const reads: string[] = [];
    const open: Array<() => void> = [];
    const read = (room: string) =>
      new Promise<void>((resolve) => {
        reads.push(room);
        open.push(resolve);
      });
    return { reads, open, read };
  }

  it('makes one read of many notifications for a room within the wait, one per room', async () => {
    const r = reader();
    const d = new RoomDebouncer(200, r.read);
    for (let i = 0; i < 5; i += 1) d.trigger('Board@x');
    d.trigger('huddle@x');
    await vi.advanceTimersByTimeAsync(199);
    expect(r.reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.reads).toEqual(['Board@x', 'huddle@x']);
  });

  it('reads once more after a read during which notifications came, never twice at once', async () => {
    const r = reader();
    const d = new RoomDebouncer(200, r.read);
    d.trigger('board');
    await vi.advanceTimersByTimeAsync(200);
    d.trigger('board');
    d.trigger('board');
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.reads).toEqual(['board']);
    r.open.shift()!();
    await vi.advanceTimersByTimeAsync(200);
    expect(r.reads).toEqual(['board', 'board']);
    r.open.shift()!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.reads).toHaveLength(2);
  });

  it('starts nothing once stopped, and waits for the read in flight', async () => {
    const r = reader();
    const d = new RoomDebouncer(200, r.read);
    d.trigger('board');
    await vi.advanceTimersByTimeAsync(200);
    d.trigger('huddle');
    let stopped = false;
    const stopping = d.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(stopped).toBe(false);
    r.open.shift()!();
    await stopping;
    expect(r.reads).toEqual(['board']);
  });
});
