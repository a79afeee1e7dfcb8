import { describe, expect, it } from 'vitest';
import { ZoomRateLimits, zoomRateLabel } from '../../../src/zoom/rate-limits.js';

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

  it('keeps one limiter per label at the plan’s rate', () => {
    const limits = new ZoomRateLimits('business');
    expect(limits.statuses().map((s) => [s.name, s.ratePerSecond])).toEqual([
      ['zoom.Light', 80],
      ['zoom.Medium', 60],
    ]);
    expect(new ZoomRateLimits('free').statuses().map((s) => s.ratePerSecond)).toEqual([4, 2]);
    const [create] = limits.forOperation('meetings.create');
    const [get] = limits.forOperation('meetings.get');
    expect(create).toMatchObject({ scope: 'label', limiter: { name: 'zoom.Medium' } });
    expect(get!.limiter.name).toBe('zoom.Light');
  });
});
