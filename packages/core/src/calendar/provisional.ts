/**
 * A provisional holiday schedule for a year with no official notice yet, derived from the Labour
 * Code 2019 Art. 112 (and Art. 111(3) for compensatory days). Administrators review it and confirm
 * it when the Government's notice is published; swaps and make-up Saturdays are only in notices.
 */
import { dayNumberOf, isoDateOf, weekdayOf } from './days.js';
import { lunarToSolar } from './lunar.js';
import type { CalendarException, WorkCalendar } from './work-calendar.js';

export interface HolidayRule {
  name: string;
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  legalBasis: string | null;
}

export interface ProvisionalOptions {
  /** Tết days relative to the 1st day of the lunar year; the Prime Minister sets them yearly. */
  tetOffsets?: readonly number[];
  /** The day beside 2 September: before (1/9), after (3/9), or auto (the one that joins a weekend). */
  nationalDayAdjacent?: 'auto' | 'before' | 'after';
  /** Holidays enacted after the Labour Code 2019 (e.g. 24/11 once it is law): data, not code. */
  extraRules?: readonly HolidayRule[];
}

const BASIS = 'Bộ luật Lao động 2019, Điều 112 (dự kiến, chờ thông báo chính thức)';
const COMPENSATORY_BASIS = 'Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù, dự kiến)';

/** Art. 112(1), except Tết and the day beside Quốc khánh, which depend on the year. */
export const LABOUR_CODE_2019_FIXED: readonly HolidayRule[] = [
  { name: 'Tết Dương lịch', calendar: 'solar', month: 1, day: 1, legalBasis: BASIS },
  { name: 'Giỗ Tổ Hùng Vương', calendar: 'lunar', month: 3, day: 10, legalBasis: BASIS },
  { name: 'Ngày Chiến thắng', calendar: 'solar', month: 4, day: 30, legalBasis: BASIS },
  { name: 'Ngày Quốc tế Lao động', calendar: 'solar', month: 5, day: 1, legalBasis: BASIS },
  { name: 'Quốc khánh', calendar: 'solar', month: 9, day: 2, legalBasis: BASIS },
];

/** The last day of the old year and the first four of the new: the most common pattern 2021–2026. */
export const DEFAULT_TET_OFFSETS = [-1, 0, 1, 2, 3] as const;

function dayOf(rule: HolidayRule, year: number): number {
  if (rule.calendar === 'solar') return dayNumberOf(year, rule.month, rule.day);
  const s = lunarToSolar({ year, month: rule.month, day: rule.day, leap: false });
  return dayNumberOf(s.year, s.month, s.day);
}

export function deriveProvisionalHolidays(
  cal: Pick<WorkCalendar, 'weekly'>,
  year: number,
  opts: ProvisionalOptions = {},
): CalendarException[] {
  const holidays = new Map<number, { name: string; legalBasis: string | null }>();
  const add = (day: number, name: string, legalBasis: string | null) => {
    const prev = holidays.get(day);
    // two holidays on one date (Giỗ Tổ on 30/4, say) stay one day off; which law then gives an
    // extra day is not settled [GAP], so the name records both for the reviewer
    holidays.set(
      day,
      prev ? { name: `${prev.name}; ${name}`, legalBasis: prev.legalBasis } : { name, legalBasis },
    );
  };
  for (const rule of [...LABOUR_CODE_2019_FIXED, ...(opts.extraRules ?? [])])
    add(dayOf(rule, year), rule.name, rule.legalBasis);
  const tet = lunarToSolar({ year, month: 1, day: 1, leap: false });
  const tetDay = dayNumberOf(tet.year, tet.month, tet.day);
  for (const o of opts.tetOffsets ?? DEFAULT_TET_OFFSETS) add(tetDay + o, 'Tết Nguyên đán', BASIS);

  const nationalDay = dayNumberOf(year, 9, 2);
  const wd = weekdayOf(nationalDay);
  const side = opts.nationalDayAdjacent ?? 'auto';
  // auto: after on Monday, Thursday and Sunday (joins Tue/Fri to a weekend, or Mon after Sunday),
  // before otherwise — what the notices of 2021–2026 chose
  const after = side === 'after' || (side === 'auto' && (wd === 1 || wd === 4 || wd === 7));
  add(after ? nationalDay + 1 : nationalDay - 1, 'Quốc khánh (ngày liền kề)', BASIS);

  const restDay = (day: number) => (cal.weekly[weekdayOf(day)] ?? []).length === 0;
  const out: CalendarException[] = [];
  const taken = new Set(holidays.keys());
  for (const [day, h] of [...holidays.entries()].sort((a, b) => a[0] - b[0])) {
    out.push({
      date: isoDateOf(day),
      kind: 'statutory',
      name: h.name,
      legalBasis: h.legalBasis,
      status: 'provisional',
    });
    if (!restDay(day)) continue;
    let comp = day + 1;
    while (restDay(comp) || taken.has(comp)) comp++;
    taken.add(comp);
    out.push({
      date: isoDateOf(comp),
      kind: 'compensatory',
      name: `Nghỉ bù ${h.name}`,
      legalBasis: COMPENSATORY_BASIS,
      status: 'provisional',
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
