import { describe, expect, it } from 'vitest';
import { classifyFinished, classifyOpen, computeDeadline, type Limit } from './deadline.js';
import { CalendarError } from './errors.js';
import { at, local, officialCalendar } from './test-calendar.js';
import { buildCalendar, DEFAULT_WEEKLY } from './work-calendar.js';

const cal = officialCalendar();
const due = (receivedAt: string, limit: Limit, pauses: [string, string][] = []) =>
  local(
    computeDeadline(cal, {
      receivedAt: at(receivedAt),
      limit,
      pauses: pauses.map(([f, t]) => ({ from: at(f), to: at(t) })),
    }).dueAt,
  );
const wd = (amount: number): Limit => ({ amount, unit: 'working_days' });

describe('working days and hours', () => {
  it('the worked example of the domain guide (office hours 07:00–11:30, 13:30–17:00)', () => {
    const p = ['07:00-11:30', '13:30-17:00'];
    const guide = officialCalendar({ weekly: { 1: p, 2: p, 3: p, 4: p, 5: p } });
    const r = (pauses: { from: number; to: number }[]) =>
      local(computeDeadline(guide, { receivedAt: at('2026-01-30T16:00'), limit: wd(3), pauses }).dueAt);
    expect(r([])).toBe('2026-02-04T16:00');
    // supplement requested Mon 2/2 10:00, received Thu 5/2 09:00: 23 working hours stopped
    const withPause = computeDeadline(guide, {
      receivedAt: at('2026-01-30T16:00'),
      limit: wd(3),
      pauses: [{ from: at('2026-02-02T10:00'), to: at('2026-02-05T09:00') }],
    });
    expect(local(withPause.dueAt)).toBe('2026-02-09T15:00');
    expect(withPause.pausedWorkingMinutes).toBe(23 * 60);
    expect(withPause.workingMinutesCounted).toBe(24 * 60);
  });

  it('skips Tết Bính Ngọ 2026 (14–22/2)', () => {
    expect(due('2026-02-13T10:00', wd(3))).toBe('2026-02-25T10:00');
  });

  it('skips Tết Giáp Thìn 2024 and Tết Ất Tỵ 2025', () => {
    // 2024: off Thu 8/2 – Wed 14/2
    expect(due('2024-02-07T15:00', wd(1))).toBe('2024-02-15T15:00');
    // 2025: off Sat 25/1 – Sun 2/2
    expect(due('2025-01-24T08:30', wd(2))).toBe('2025-02-04T08:30');
  });

  it('counts the make-up Saturdays 2024-05-04, 2025-04-26, 2026-01-10 and 2026-08-22', () => {
    expect(due('2024-05-03T16:00', wd(1))).toBe('2024-05-04T16:00');
    expect(due('2025-04-25T16:00', wd(1))).toBe('2025-04-26T16:00');
    expect(due('2026-01-09T16:00', wd(1))).toBe('2026-01-10T16:00');
    expect(due('2026-08-21T16:00', wd(1))).toBe('2026-08-22T16:00');
  });

  it('skips the swapped days off of 2025 (Fri 2/5) and 2026 (Fri 2/1, Mon 31/8)', () => {
    expect(due('2025-04-29T09:00', wd(2))).toBe('2025-05-06T09:00');
    expect(due('2025-12-31T09:00', wd(1))).toBe('2026-01-05T09:00');
    expect(due('2026-08-28T09:00', wd(1))).toBe('2026-09-03T09:00');
  });

  it('ends at the end of a period, not the start of the next (11:30, not 13:00)', () => {
    expect(due('2026-03-02T07:30', wd(0.5))).toBe('2026-03-02T11:30');
    expect(due('2026-03-02T13:00', wd(0.5))).toBe('2026-03-02T17:00');
    expect(due('2026-03-02T07:30', { amount: 4, unit: 'working_hours' })).toBe('2026-03-02T11:30');
  });

  it('starts a receipt outside working periods at the next period', () => {
    expect(due('2026-03-02T06:00', { amount: 1, unit: 'working_hours' })).toBe('2026-03-02T08:30');
    expect(due('2026-03-02T12:10', { amount: 1, unit: 'working_hours' })).toBe('2026-03-02T14:00');
    expect(due('2026-03-02T18:00', { amount: 1, unit: 'working_hours' })).toBe('2026-03-03T08:30');
    expect(due('2026-03-07T10:00', { amount: 1, unit: 'working_hours' })).toBe('2026-03-09T08:30');
  });

  it('uses the configured day length: 1 working day of a 7-hour schedule is 7 hours', () => {
    const p = ['08:00-11:30', '13:30-17:00'];
    const seven = officialCalendar({ weekly: { 1: p, 2: p, 3: p, 4: p, 5: p } });
    expect(seven.standardDayMinutes).toBe(420);
    expect(local(computeDeadline(seven, { receivedAt: at('2026-03-02T08:00'), limit: wd(1) }).dueAt)).toBe(
      '2026-03-02T17:00',
    );
  });
});

describe('calendar days, months and same-day limits', () => {
  it('calendar days end at the close of the target date, or of the next working day', () => {
    expect(due('2026-03-02T10:00', { amount: 3, unit: 'calendar_days' })).toBe('2026-03-05T17:00');
    // 10/2 + 5 = Sun 15/2, inside Tết: the next working day is Mon 23/2
    const d = computeDeadline(cal, {
      receivedAt: at('2026-02-10T10:00'),
      limit: { amount: 5, unit: 'calendar_days' },
    });
    expect(local(d.dueAt)).toBe('2026-02-23T17:00');
    expect(d.targetDate).toBe('2026-02-15');
  });

  it('months clamp the day to the month and move off rest days', () => {
    // 31/1 + 1 month = 28/2/2026 (Saturday) → Monday 2/3
    expect(due('2026-01-31T09:00', { amount: 1, unit: 'months' })).toBe('2026-03-02T17:00');
    expect(due('2024-01-31T09:00', { amount: 1, unit: 'months' })).toBe('2024-02-29T17:00');
  });

  it('same day: before 15:00 the same day; from 15:00 the next working day (eve of Tết 2026)', () => {
    expect(due('2026-02-13T14:59', { amount: 1, unit: 'same_day' })).toBe('2026-02-13T17:00');
    expect(due('2026-02-13T15:00', { amount: 1, unit: 'same_day' })).toBe('2026-02-23T17:00');
    expect(due('2026-02-14T09:00', { amount: 1, unit: 'same_day' })).toBe('2026-02-23T17:00');
  });

  it('a pause moves a calendar deadline by the working time stopped', () => {
    // 3 calendar days from Mon 2/3 → Thu 5/3 17:00; a pause of one full working day moves it to Fri 6/3 17:00
    expect(
      due('2026-03-02T10:00', { amount: 3, unit: 'calendar_days' }, [
        ['2026-03-03T07:30', '2026-03-03T17:00'],
      ]),
    ).toBe('2026-03-06T17:00');
  });
});

describe('explanation', () => {
  it('lists the days that counted and the reasons for those that did not', () => {
    const d = computeDeadline(cal, { receivedAt: at('2026-02-13T10:00'), limit: wd(3) }, { explain: true });
    const days = d.explanation ?? [];
    expect(days[0]).toMatchObject({
      date: '2026-02-13',
      working: true,
      countedMinutes: 330,
      counted: [
        { from: '10:00', to: '11:30' },
        { from: '13:00', to: '17:00' },
      ],
    });
    const tet = days.find((x) => x.date === '2026-02-17');
    expect(tet).toMatchObject({
      working: false,
      countedMinutes: 0,
      reason: { kind: 'statutory', name: expect.stringContaining('Tết Nguyên đán') },
    });
    expect(days.find((x) => x.date === '2026-02-14')?.reason?.kind).toBe('weekend');
    expect(days.at(-1)).toMatchObject({ date: '2026-02-25', countedMinutes: 150 });
    expect(days.reduce((s, x) => s + x.countedMinutes, 0)).toBe(24 * 60);
  });

  it('shows paused time and make-up days', () => {
    const d = computeDeadline(
      cal,
      {
        receivedAt: at('2026-01-09T16:00'),
        limit: wd(1),
        pauses: [{ from: at('2026-01-09T16:30'), to: at('2026-01-10T09:00') }],
      },
      { explain: true },
    );
    const [fri, sat] = d.explanation ?? [];
    expect(fri).toMatchObject({ countedMinutes: 30, pausedMinutes: 30 });
    expect(sat).toMatchObject({ working: true, makeup: { name: expect.any(String) }, pausedMinutes: 90 });
  });
});

describe('bad input is refused with a code, never guessed', () => {
  const bad = (input: Parameters<typeof computeDeadline>[1]) => {
    try {
      computeDeadline(cal, input);
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarError);
      return (e as CalendarError).code;
    }
    return 'no error';
  };
  const r = at('2026-03-02T08:00');
  it.each([
    [{ receivedAt: Number.NaN, limit: wd(1) }, 'INVALID_INSTANT'],
    [{ receivedAt: r, limit: wd(0) }, 'AMOUNT_OUT_OF_RANGE'],
    [{ receivedAt: r, limit: wd(-1) }, 'AMOUNT_OUT_OF_RANGE'],
    [{ receivedAt: r, limit: wd(3651) }, 'AMOUNT_OUT_OF_RANGE'],
    [{ receivedAt: r, limit: { amount: 1.5, unit: 'calendar_days' } }, 'AMOUNT_OUT_OF_RANGE'],
    [{ receivedAt: r, limit: { amount: 2, unit: 'same_day' } }, 'AMOUNT_OUT_OF_RANGE'],
    [{ receivedAt: r, limit: { amount: 1, unit: 'weeks' as 'months' } }, 'UNKNOWN_UNIT'],
    [{ receivedAt: r, limit: wd(1), pauses: [{ from: r + 10, to: r + 5 }] }, 'PAUSE_INVALID'],
    [{ receivedAt: r, limit: wd(1), pauses: [{ from: r - 10, to: r + 5 }] }, 'PAUSE_BEFORE_RECEIPT'],
    [
      {
        receivedAt: r,
        limit: wd(1),
        pauses: [
          { from: r + 10, to: r + 50 },
          { from: r + 40, to: r + 60 },
        ],
      },
      'PAUSE_OVERLAP',
    ],
  ])('%o → %s', (input, code) => {
    expect(bad(input as Parameters<typeof computeDeadline>[1])).toBe(code);
  });

  it('a calendar without working time is reported, not looped on', () => {
    expect(() => buildCalendar({ weekly: {}, exceptions: [] })).toThrow(CalendarError);
    const none = buildCalendar({ weekly: {}, exceptions: [], standardDay: ['08:00-09:00'] });
    expect(() => computeDeadline(none, { receivedAt: r, limit: wd(1) })).toThrow(/no working time/);
  });

  it('refuses malformed periods', () => {
    expect(() => buildCalendar({ weekly: { 1: ['11:30-07:30'] }, exceptions: [] })).toThrow(
      /ends before it starts/,
    );
    expect(() => buildCalendar({ weekly: { 1: ['07:30-11:30', '11:00-17:00'] }, exceptions: [] })).toThrow(
      /overlap/,
    );
    expect(() =>
      buildCalendar({
        weekly: DEFAULT_WEEKLY,
        exceptions: [
          { date: '2026-02-30', kind: 'statutory', name: 'x', legalBasis: null, status: 'official' },
        ],
      }),
    ).toThrow(/not a date/);
  });
});

describe('timeliness', () => {
  const dueAt = at('2026-02-25T10:00');
  it('finished: early on an earlier date, on time up to the due instant, late after', () => {
    expect(classifyFinished(cal, at('2026-02-24T16:00'), dueAt)).toBe('early');
    expect(classifyFinished(cal, at('2026-02-25T09:00'), dueAt)).toBe('on_time');
    expect(classifyFinished(cal, dueAt, dueAt)).toBe('on_time');
    expect(classifyFinished(cal, dueAt + 60_000, dueAt)).toBe('late');
  });
  it('open: in time, due soon within a working day (Tết does not count), overdue', () => {
    expect(classifyOpen(cal, at('2026-02-13T10:00'), dueAt)).toBe('in_time');
    // on Tue 24/2 at 11:00, 7 working hours remain (less than a working day)
    expect(classifyOpen(cal, at('2026-02-24T11:00'), dueAt)).toBe('due_soon');
    expect(classifyOpen(cal, at('2026-02-25T10:01'), dueAt)).toBe('overdue');
    expect(classifyOpen(cal, at('2026-02-13T10:00'), dueAt, 24 * 60)).toBe('due_soon');
  });
});
