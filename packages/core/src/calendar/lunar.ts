/**
 * Vietnamese lunisolar calendar (âm lịch), 1900–2100, computed for the civil day of UTC+7 (105° E).
 *
 * Rules (domain guide):
 * - a lunar month starts on the UTC+7 civil day containing the astronomical new moon;
 * - month 11 is the month containing the winter solstice (apparent solar longitude 270°);
 * - when 13 new moons separate two consecutive month-11 starts, the first month after month 11
 *   that contains no principal term (trung khí: solar longitude a multiple of 30°, in UTC+7 days)
 *   is the leap month and repeats the number of the month before it;
 * - the lunar year changes at month 1 (Tết).
 *
 * The astronomy is in ./astronomy.ts (Meeus, Astronomical Algorithms, ch. 49 and ch. 25). Month
 * tables are computed once per lunar year and memoised; the functions are otherwise pure.
 *
 * Historical note: the calendar is computed for UTC+7 throughout, as the current Vietnamese calendar
 * is. Until the reform of 1967 the North (and until 1975 the South) reckoned it for UTC+8, so
 * calendars printed at the time can differ by a day in a few months (e.g. Tết 1968).
 *
 * Events within a minute of midnight UTC+7, checked against an independent ephemeris: the new moons
 * of 1944-06-20 (≈ 30 s before midnight), 1967-07-07 (≈ 6 s after; corrected below), 2054-05-07
 * (≈ 20 s after), 2077-11-15 (≈ 10 s before) and 2085-10-18 (≈ 30 s before), and the September
 * equinox of 1938 (≈ 30 s before; it makes 1938's leap month 8, where China's is 7). The last three
 * new moons hang on the ΔT forecast (Espenak & Meeus 2006) and may move by a day once ΔT is known.
 */

import {
  fromJulianDayNumber,
  jdeOfSunLongitude,
  jdeToJd,
  jdToJde,
  julianDayNumber,
  lunationNear,
  newMoonJde,
  sunApparentLongitude,
} from './astronomy.js';
import { gregorianJdn, isInt, LunarInvalidDateError, LunarRangeError, show } from './lunar-errors.js';

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

export interface LunarMonth {
  month: number;
  leap: boolean;
  start: SolarDate;
  days: 29 | 30;
}

export { dayCanChi, EARTHLY_BRANCHES, HEAVENLY_STEMS, monthCanChi, yearCanChi } from './lunar-canchi.js';
export {
  LunarError,
  type LunarErrorCode,
  LunarInvalidDateError,
  LunarRangeError,
} from './lunar-errors.js';

/** First and last supported solar dates (1900-01-31 is Tết of Canh Tý 1900). */
export const LUNAR_MIN_SOLAR: Readonly<SolarDate> = Object.freeze({ year: 1900, month: 1, day: 31 });
export const LUNAR_MAX_SOLAR: Readonly<SolarDate> = Object.freeze({ year: 2100, month: 12, day: 31 });
const MIN_JDN = julianDayNumber(1900, 1, 31);
const MAX_JDN = julianDayNumber(2100, 12, 31);
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** UTC+7 as a fraction of a day. */
const TZ = 7 / 24;

/** Julian day number of the UTC+7 civil day containing the instant `jd` (UT). */
function localDay(jd: number): number {
  return Math.floor(jd + 0.5 + TZ);
}

// ---------------------------------------------------------------------------------------------
// Astronomical events as UTC+7 day numbers, memoised.

/**
 * Seconds to add to the Meeus ch. 49 instant for lunations where its truncation error (a few
 * seconds) decides the UTC+7 day. Only one lunation in 1900–2100 needs it:
 * k = −402: Meeus gives 1967-07-07 16:59:58 UT, 2 s before midnight UTC+7, while a higher-precision
 * lunar theory (Moshier's analytical ephemeris, fitted to JPL DE404) puts the conjunction at
 * 17:00:06 UT, so month 6 of Đinh Mùi starts on 8 July 1967 (as in the UTC+8 calendars of the time).
 * Near-midnight cases decided by the ΔT forecast rather than by the series are left to the
 * formulas (see the file header).
 */
const NEW_MOON_CORRECTION_SECONDS: ReadonlyMap<number, number> = new Map([[-402, 8]]);

const newMoonDays = new Map<number, number>();

/** Julian day number of the UTC+7 day of the new moon of lunation k. */
function newMoonDay(k: number): number {
  let d = newMoonDays.get(k);
  if (d === undefined) {
    d = localDay(jdeToJd(newMoonJde(k)) + (NEW_MOON_CORRECTION_SECONDS.get(k) ?? 0) / 86400);
    newMoonDays.set(k, d);
  }
  return d;
}

/** Index 0..11 of the 30° sector of the Sun's apparent longitude at 00:00 UTC+7 of day `jdn`. */
function solarSector(jdn: number): number {
  const jd = jdn - 0.5 - TZ;
  return Math.floor(sunApparentLongitude(jdToJde(jd)) / 30);
}

/** Whether lunation k's month contains a principal term (trung khí) on one of its UTC+7 days. */
function hasPrincipalTerm(k: number): boolean {
  return solarSector(newMoonDay(k)) !== solarSector(newMoonDay(k + 1));
}

/** UTC+7 day of the December solstice of solar year y. */
function winterSolsticeDay(y: number): number {
  const jde = jdeOfSunLongitude(270, julianDayNumber(y, 12, 21));
  return localDay(jdeToJd(jde));
}

/** Lunation whose month contains the December solstice of solar year y (month 11). */
function month11Lunation(y: number): number {
  const s = winterSolsticeDay(y);
  let k = lunationNear(s - 0.5 - TZ);
  while (newMoonDay(k) > s) k--;
  while (newMoonDay(k + 1) <= s) k++;
  return k;
}

// ---------------------------------------------------------------------------------------------
// Month tables.

/** The months of one lunar year: months[i] starts on day starts[i]; starts has one extra entry. */
interface YearTable {
  readonly months: readonly number[];
  readonly leaps: readonly boolean[];
  readonly starts: readonly number[];
  readonly leapMonth: number | null;
}

/**
 * Lunations from the month 11 of solar year y − 1 to the one before the month 11 of year y, with
 * their month numbers (11, 12, 1, …, 10 and a possible leap month).
 */
interface Span {
  readonly firstK: number;
  readonly months: readonly number[];
  readonly leaps: readonly boolean[];
}
const month11s = new Map<number, number>();
const spans = new Map<number, Span>();

function solsticeSpan(y: number): Span {
  const cached = spans.get(y);
  if (cached) return cached;
  const month11 = (year: number): number => {
    let k = month11s.get(year);
    if (k === undefined) {
      k = month11Lunation(year);
      month11s.set(year, k);
    }
    return k;
  };
  const a = month11(y - 1);
  const b = month11(y);
  const n = b - a;
  let leapIndex = -1;
  if (n === 13) {
    for (let i = 1; i < 13; i++) {
      if (!hasPrincipalTerm(a + i)) {
        leapIndex = i;
        break;
      }
    }
  } else if (n !== 12) {
    throw new Error(`internal: ${n} lunations between the solstices of ${y - 1} and ${y}`);
  }
  const months: number[] = [];
  const leaps: boolean[] = [];
  let m = 11;
  for (let i = 0; i < n; i++) {
    if (i === leapIndex) {
      leaps.push(true);
    } else {
      if (i > 0) m = (m % 12) + 1;
      leaps.push(false);
    }
    months.push(m);
  }
  const span = { firstK: a, months, leaps };
  spans.set(y, span);
  return span;
}

const yearTables: Array<YearTable | undefined> = [];

/** Month table of lunar year y (1900..2100), computed once. */
function yearTable(y: number): YearTable {
  const cached = yearTables[y - MIN_YEAR];
  if (cached) return cached;
  // Months 1..10 (and a leap among them) come from the span ending at the solstice of y;
  // months 11, 12 (and a leap 11 or 12) from the next span.
  const cur = solsticeSpan(y);
  const next = solsticeSpan(y + 1);
  const first = cur.months.findIndex((m) => m < 11);
  const lastNext = next.months.findIndex((m) => m < 11);
  const months = [...cur.months.slice(first), ...next.months.slice(0, lastNext)];
  const leaps = [...cur.leaps.slice(first), ...next.leaps.slice(0, lastNext)];
  const firstK = cur.firstK + first;
  const starts: number[] = [];
  for (let i = 0; i <= months.length; i++) starts.push(newMoonDay(firstK + i));
  const leapAt = leaps.indexOf(true);
  const table: YearTable = {
    months,
    leaps,
    starts,
    leapMonth: leapAt >= 0 ? months[leapAt]! : null,
  };
  yearTables[y - MIN_YEAR] = table;
  return table;
}

/** Julian day number of a valid Gregorian date in 1900-01-31..2100-12-31. */
function solarJdn(d: SolarDate): number {
  const jdn = gregorianJdn(d);
  if (jdn < MIN_JDN || jdn > MAX_JDN) throw solarRangeError(show(d));
  return jdn;
}

function solarRangeError(s: string): LunarRangeError {
  return new LunarRangeError(
    `${s} is outside the supported range 1900-01-31 to 2100-12-31`,
    `Ngày ${s} nằm ngoài phạm vi hỗ trợ (31/01/1900 đến 31/12/2100)`,
  );
}

function checkLunarYear(year: number): void {
  if (!isInt(year)) {
    throw new LunarInvalidDateError(
      `lunar year ${year} is not an integer`,
      `năm âm lịch ${year} không hợp lệ`,
    );
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new LunarRangeError(
      `lunar year ${year} is outside the supported range 1900 to 2100`,
      `năm âm lịch ${year} nằm ngoài phạm vi hỗ trợ (1900 đến 2100)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Public API.

/** Lunar date of a Gregorian civil date (UTC+7). Throws for invalid dates or outside 1900-01-31..2100-12-31. */
export function solarToLunar(d: SolarDate): LunarDate {
  const jdn = solarJdn(d);
  let year = d.year;
  let t = yearTable(year);
  if (jdn < t.starts[0]!) t = yearTable(--year);
  const starts = t.starts;
  let i = starts.length - 2;
  while (starts[i]! > jdn) i--;
  return { year, month: t.months[i]!, day: jdn - starts[i]! + 1, leap: t.leaps[i]! };
}

/** Gregorian civil date (UTC+7) of a lunar date. Throws for lunar dates that do not exist or are out of range. */
export function lunarToSolar(d: LunarDate): SolarDate {
  if (!d) throw new LunarInvalidDateError(`not a lunar date: ${d}`, `ngày âm lịch không hợp lệ: ${d}`);
  checkLunarYear(d.year);
  const t = yearTable(d.year);
  const leap = d.leap === true;
  const i = t.months.findIndex((m, j) => m === d.month && t.leaps[j] === leap);
  const label = `${d.day}/${d.month}${leap ? ' (leap)' : ''}/${d.year}`;
  const labelVi = `${d.day}/${d.month}${leap ? ' nhuận' : ''}/${d.year}`;
  if (i < 0) {
    throw new LunarInvalidDateError(
      leap
        ? `lunar year ${d.year} has no leap month ${d.month}`
        : `lunar year ${d.year} has no month ${d.month}`,
      leap
        ? `năm âm lịch ${d.year} không có tháng ${d.month} nhuận`
        : `năm âm lịch ${d.year} không có tháng ${d.month}`,
    );
  }
  const days = t.starts[i + 1]! - t.starts[i]!;
  if (!isInt(d.day) || d.day < 1 || d.day > days) {
    throw new LunarInvalidDateError(
      `lunar date ${label} does not exist: that month has ${days} days`,
      `ngày âm lịch ${labelVi} không tồn tại: tháng này có ${days} ngày`,
    );
  }
  const jdn = t.starts[i]! + d.day - 1;
  if (jdn < MIN_JDN || jdn > MAX_JDN) {
    throw new LunarRangeError(
      `lunar date ${label} falls outside the supported range 1900-01-31 to 2100-12-31`,
      `ngày âm lịch ${labelVi} nằm ngoài phạm vi hỗ trợ (31/01/1900 đến 31/12/2100)`,
    );
  }
  return fromJulianDayNumber(jdn);
}

/**
 * The months of lunar year 1900..2100 in order, with their first solar day and length. The last
 * months of 2100 run past 2100-12-31; they are listed, but dates in them cannot be converted.
 */
export function lunarMonthsOfYear(lunarYear: number): LunarMonth[] {
  checkLunarYear(lunarYear);
  const t = yearTable(lunarYear);
  return t.months.map((month, i) => ({
    month,
    leap: t.leaps[i]!,
    start: fromJulianDayNumber(t.starts[i]!),
    days: (t.starts[i + 1]! - t.starts[i]!) as 29 | 30,
  }));
}

/** The leap month of lunar year 1900..2100 (the number it repeats), or null in a 12-month year. */
export function leapMonthOf(lunarYear: number): number | null {
  checkLunarYear(lunarYear);
  return yearTable(lunarYear).leapMonth;
}

/** Solar date of Tết (1/1) of the lunar year that starts in solar year 1900..2100. */
export function tetOf(solarYear: number): SolarDate {
  checkLunarYear(solarYear);
  return fromJulianDayNumber(yearTable(solarYear).starts[0]!);
}
