import { describe, expect, it } from 'vitest';
import { segmentOf } from './segments.js';

describe('segmentOf', () => {
  const dueAt = '2026-12-08T06:45:00Z'; // 13:45 on Tuesday 8 December in Hà Nội

  it('is open until the part has ended', () => {
    expect(segmentOf({ finishedAt: null, dueAt })).toBe('open');
    expect(segmentOf({ finishedAt: '2026-12-08T01:00:00Z', dueAt: null })).toBe('open');
  });

  it('is early on an earlier day in Vietnam, on time on the due day up to the instant, late after it', () => {
    // 23:30 on Monday in Hà Nội
    expect(segmentOf({ finishedAt: '2026-12-07T16:30:00Z', dueAt })).toBe('early');
    // 00:30 on Tuesday in Hà Nội is the due day, though its UTC date is still Monday
    expect(segmentOf({ finishedAt: '2026-12-07T17:30:00Z', dueAt })).toBe('on_time');
    expect(segmentOf({ finishedAt: dueAt, dueAt })).toBe('on_time');
    expect(segmentOf({ finishedAt: '2026-12-08T06:45:00.001Z', dueAt })).toBe('late');
  });
});
