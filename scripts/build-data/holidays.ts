import { join } from 'node:path';
import { byKeys, check, field, isIsoDate, type Row, readCsv } from './io.js';

export const HOLIDAY_COLUMNS = ['date', 'kind', 'name', 'legal_basis', 'status', 'confidence'] as const;
export const OBSERVANCE_COLUMNS = [
  'solar_date',
  'lunar_year',
  'lunar_month',
  'lunar_day',
  'leap',
  'event',
  'year_can_chi',
] as const;
export const LEAP_COLUMNS = ['lunar_year', 'leap_month', 'leap_month_start_solar'] as const;

const BREAK_COLS = [
  'year',
  'holiday',
  'break_start',
  'break_end',
  'break_days',
  'statutory_days',
  'compensatory_days_off',
  'swapped_days_off',
  'makeup_working_days',
  'applies_to',
  'source',
  'confidence',
];
const DAY_COLS = ['date', 'weekday', 'year', 'holiday', 'kind', 'confidence'];
const OBS_COLS = [
  'lunar_year',
  'lunar_day',
  'lunar_month',
  'event',
  'solar_date',
  'weekday',
  'year_can_chi',
  'agree_amlich_vn_lunar',
];

/** The break columns that list dates, and the day kind each one must carry. */
const LISTED_KINDS = [
  ['statutory_days', 'statutory'],
  ['compensatory_days_off', 'compensatory'],
  ['swapped_days_off', 'swapped_day_off'],
  ['makeup_working_days', 'makeup_working_day'],
] as const;
const KINDS = new Set(['statutory', 'compensatory', 'swapped_day_off', 'makeup_working_day', 'weekend']);
const CONFIDENCE_RANK: Record<string, number> = { verify: 0, medium: 1, high: 2 };

/**
 * holidays/README.md: "the make-up Saturday was not verified (marked 'verify')", but the derived
 * day file says high; the README's word is the more careful one.
 */
const CONFIDENCE_OVERRIDES: ReadonlyMap<string, string> = new Map([['2026-01-10', 'verify']]);

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

function weekday(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

function dateList(s: string): string[] {
  if (s === '') return [];
  const dates = s.split(';').map((d) => d.trim());
  for (const d of dates) check(isIsoDate(d), `holiday breaks: bad date "${d}"`);
  return dates;
}

function lowerConfidence(a: string, b: string): string {
  const ra = CONFIDENCE_RANK[a];
  const rb = CONFIDENCE_RANK[b];
  check(ra !== undefined && rb !== undefined, `unknown confidence "${a}" / "${b}"`);
  return ra <= rb ? a : b;
}

export interface Holidays {
  days: Row[];
  confidenceLowered: string[];
  statutoryDates: Set<string>;
}

export function buildHolidays(dir: string): Holidays {
  const breaks = readCsv(join(dir, 'vn_holiday_breaks_2020_2026.csv'), BREAK_COLS);
  const days = readCsv(join(dir, 'vn_non_working_days_2020_2026.csv'), DAY_COLS);
  const breakByKey = new Map<string, Row>();
  for (const b of breaks) {
    const key = `${field(b, 'year')}|${field(b, 'holiday')}`;
    check(!breakByKey.has(key), `holiday breaks: duplicate ${key}`);
    breakByKey.set(key, b);
  }

  const byDate = new Map<string, { kind: string; key: string }>();
  const out: Row[] = [];
  const confidenceLowered: string[] = [];
  for (const d of days) {
    const date = field(d, 'date');
    check(isIsoDate(date), `non-working days: bad date "${date}"`);
    check(!byDate.has(date), `non-working days: duplicate ${date}`);
    check(field(d, 'weekday') === WEEKDAYS[weekday(date)], `non-working days: ${date} weekday is wrong`);
    // The source appends a gloss: "makeup_working_day (đi làm bù)".
    const kind = field(d, 'kind').split(' ')[0] ?? '';
    check(KINDS.has(kind), `non-working days: ${date} has unknown kind "${field(d, 'kind')}"`);
    const key = `${field(d, 'year')}|${field(d, 'holiday')}`;
    const brk = breakByKey.get(key);
    check(brk !== undefined, `non-working days: ${date} belongs to no break (${key})`);
    byDate.set(date, { kind, key });
    if (kind === 'weekend') {
      check(weekday(date) === 0 || weekday(date) === 6, `${date} is marked weekend but is a weekday`);
      continue;
    }
    let confidence = lowerConfidence(field(d, 'confidence'), field(brk, 'confidence'));
    confidence = CONFIDENCE_OVERRIDES.get(date) ?? confidence;
    if (confidence !== field(d, 'confidence')) {
      confidenceLowered.push(`${date}: ${field(d, 'confidence')} → ${confidence}`);
    }
    out.push({
      date,
      kind,
      name: field(d, 'holiday'),
      legal_basis: field(brk, 'source'),
      status: 'official',
      confidence,
    });
  }

  // Cross-check both files: every listed date has the listed kind, every break day is accounted for.
  for (const b of breaks) {
    const key = `${field(b, 'year')}|${field(b, 'holiday')}`;
    const listed = new Set<string>();
    for (const [column, kind] of LISTED_KINDS) {
      for (const date of dateList(field(b, column))) {
        const day = byDate.get(date);
        check(day?.kind === kind && day.key === key, `${key}: ${date} should be ${kind}, found ${day?.kind}`);
        listed.add(date);
        if (kind === 'makeup_working_day')
          check(weekday(date) === 6, `${key}: make-up day ${date} is not a Saturday`);
      }
    }
    const start = field(b, 'break_start');
    const end = field(b, 'break_end');
    let inRange = 0;
    for (const [date, day] of byDate) {
      if (day.key !== key) continue;
      if (day.kind !== 'weekend')
        check(listed.has(date), `${key}: ${date} (${day.kind}) not listed in the break`);
      if (day.kind !== 'makeup_working_day') {
        check(date >= start && date <= end, `${key}: ${date} is outside ${start}…${end}`);
        inRange++;
      }
    }
    check(
      String(inRange) === field(b, 'break_days'),
      `${key}: ${inRange} days, break_days says ${field(b, 'break_days')}`,
    );
  }
  for (const date of ['2024-05-04', '2025-04-26', '2026-01-10']) {
    check(byDate.get(date)?.kind === 'makeup_working_day', `expected make-up working day ${date}`);
  }

  out.sort(byKeys((r) => field(r, 'date')));
  const statutoryDates = new Set(out.filter((r) => r.kind === 'statutory').map((r) => field(r, 'date')));
  return { days: out, confidenceLowered, statutoryDates };
}

export interface Lunar {
  observances: Row[];
  leapMonths: Row[];
}

export function buildLunar(dir: string, holidays: Holidays): Lunar {
  const leapRows = readCsv(join(dir, 'vn_lunar_leap_months_2020_2035.csv'), [...LEAP_COLUMNS]);
  const leapByYear = new Map<string, Row>();
  for (const r of leapRows) {
    check(/^\d{4}$/u.test(field(r, 'lunar_year')), `leap months: bad year`);
    check(/^(?:[1-9]|1[0-2])$/u.test(field(r, 'leap_month')), `leap months: bad month`);
    check(isIsoDate(field(r, 'leap_month_start_solar')), `leap months: bad date`);
    check(!leapByYear.has(field(r, 'lunar_year')), `leap months: duplicate year`);
    leapByYear.set(field(r, 'lunar_year'), r);
  }

  const observances = readCsv(join(dir, 'vn_lunar_observances_2020_2035.csv'), OBS_COLS).map((r) => {
    const solar = field(r, 'solar_date');
    const year = field(r, 'lunar_year');
    const month = Number(field(r, 'lunar_month'));
    const day = Number(field(r, 'lunar_day'));
    check(isIsoDate(solar), `observances: bad date ${solar}`);
    check(field(r, 'weekday') === WEEKDAYS[weekday(solar)], `observances: ${solar} weekday is wrong`);
    check(
      month >= 1 && month <= 12 && day >= 1 && day <= 30,
      `observances: bad lunar date ${year}/${month}/${day}`,
    );
    check(
      ['true', 'n/a'].includes(field(r, 'agree_amlich_vn_lunar')),
      `observances: libraries disagree on ${solar}`,
    );
    // The file has no leap flag: a date is in the leap month when that month repeats that year and
    // the date falls on or after the leap month's first day.
    const leap = leapByYear.get(year);
    const inLeap =
      leap !== undefined &&
      Number(field(leap, 'leap_month')) === month &&
      solar >= field(leap, 'leap_month_start_solar');
    return {
      solar_date: solar,
      lunar_year: year,
      lunar_month: String(month),
      lunar_day: String(day),
      leap: inLeap ? 'true' : 'false',
      event: field(r, 'event'),
      year_can_chi: field(r, 'year_can_chi'),
    };
  });
  observances.sort(
    byKeys(
      (r) => r.solar_date,
      (r) => r.event,
    ),
  );

  // Giỗ Tổ (10/3 lunar) is the one statutory holiday fixed by the lunar calendar: both files must agree.
  for (const o of observances) {
    const year = Number(o.solar_date.slice(0, 4));
    if (o.lunar_month === '3' && o.lunar_day === '10' && year >= 2020 && year <= 2026) {
      check(holidays.statutoryDates.has(o.solar_date), `Giỗ Tổ ${o.solar_date} is not a statutory holiday`);
    }
  }
  return { observances, leapMonths: leapRows };
}
