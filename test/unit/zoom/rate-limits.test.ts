import { describe, expect, it } from 'vitest';
import {
  ZOOM_RATE_HEADROOM,
  ZoomRateLimits,
  zoomRateLabel,
} from '../../../src/zoom/rate-limits.js';

describe('Zoom rate limits', () => {
  it('labels create and list Medium, every other meeting call Light', () => {
    expect(zoomRateLabel('meetings.create')).toBe('Medium');
    expect(zoomRateLabel('meetings.list')).toBe('Medium');
    for (const operation of [
      'meetings.get',
      'meetings.update',
      'meetings.delete',
      'meetings.invitation',
    ])
      expect(zoomRateLabel(operation)).toBe('Light');
  });

  it('keeps one limiter per label at the plan’s rate, a little under it', () => {
    const limits = new ZoomRateLimits('business');
    expect(limits.statuses().map((s) => [s.name, s.ratePerSecond])).toEqual([
      ['zoom.Light', 80 * ZOOM_RATE_HEADROOM],
      ['zoom.Medium', 60 * ZOOM_RATE_HEADROOM],
    ]);
    expect(new ZoomRateLimits('free').statuses().map((s) => s.ratePerSecond)).toEqual([
      4 * ZOOM_RATE_HEADROOM,
      2 * ZOOM_RATE_HEADROOM,
    ]);
    const [create] = limits.forOperation('meetings.create');
    const [get] = limits.forOperation('meetings.get');
    expect(create).toMatchObject({ scope: 'label', limiter: { name: 'zoom.Medium' } });
    expect(get!.limiter.name).toBe('zoom.Light');
  });
});
