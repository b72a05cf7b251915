import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromJulianDayNumber,
  jdeOfSunLongitude,
  jdeToJd,
  jdToJde,
  julianDayNumber,
  sunApparentLongitude,
} from './astronomy.js';
import {
  dayCanChi,
  type LunarDate,
  LunarError,
  LunarInvalidDateError,
  LunarRangeError,
  leapMonthOf,
  lunarMonthsOfYear,
  lunarToSolar,
  monthCanChi,
  type SolarDate,
  solarToLunar,
  tetOf,
  yearCanChi,
} from './lunar.js';

const iso = (d: SolarDate) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const parseIso = (s: string): SolarDate => {
  const [year, month, day] = s.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const jdnOf = (d: SolarDate) => julianDayNumber(d.year, d.month, d.day);
const MIN_JDN = julianDayNumber(1900, 1, 31);
const MAX_JDN = julianDayNumber(2100, 12, 31);
const YEARS = Array.from({ length: 201 }, (_, i) => 1900 + i);

function readCsv(name: string): string[] {
  const file = fileURLToPath(new URL(`../../../../data/holidays/${name}`, import.meta.url));
  const [, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  return lines;
}

/** solar_date,lunar_year,lunar_month,lunar_day,leap,event,year_can_chi — the event may be quoted. */
const observances = readCsv('lunar-observances-2020-2035.csv').map((line) => {
  const m = /^(\d{4}-\d{2}-\d{2}),(\d+),(\d+),(\d+),(true|false),(.*),([^,]+)$/.exec(line);
  if (!m) throw new Error(`unreadable row: ${line}`);
  return {
    solar: m[1]!,
    lunar: { year: Number(m[2]), month: Number(m[3]), day: Number(m[4]), leap: m[5] === 'true' },
    event: m[6]!.replace(/^"|"$/g, ''),
    canChi: m[7]!,
  };
});

/** lunar_year,leap_month,leap_month_start_solar */
const leapRows = readCsv('lunar-leap-months-2020-2035.csv').map((line) => {
  const [year, month, start] = line.split(',') as [string, string, string];
  return { year: Number(year), month: Number(month), start };
});

function expectLunarError(fn: () => unknown, type: typeof LunarRangeError | typeof LunarInvalidDateError) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    expect(e).toBeInstanceOf(LunarError);
    const err = e as LunarError;
    expect(err.code).toBe(type === LunarRangeError ? 'LUNAR_OUT_OF_RANGE' : 'LUNAR_INVALID_DATE');
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.messageVi.length).toBeGreaterThan(0);
    return;
  }
  throw new Error('expected a lunar calendar error');
}

describe('project dataset: lunar observances 2020–2035', () => {
  it('has rows', () => {
    expect(observances.length).toBeGreaterThan(100);
  });

  it.each(observances)('$solar = $lunar.day/$lunar.month/$lunar.year ($event)', (row) => {
    expect(solarToLunar(parseIso(row.solar))).toEqual(row.lunar);
    expect(iso(lunarToSolar(row.lunar))).toBe(row.solar);
    expect(yearCanChi(row.lunar.year)).toBe(row.canChi);
  });
});

describe('project dataset: leap months 2020–2035', () => {
  it.each(leapRows)('lunar year $year has leap month $month from $start', (row) => {
    expect(leapMonthOf(row.year)).toBe(row.month);
    expect(iso(lunarToSolar({ year: row.year, month: row.month, day: 1, leap: true }))).toBe(row.start);
    expect(solarToLunar(parseIso(row.start))).toEqual({
      year: row.year,
      month: row.month,
      day: 1,
      leap: true,
    });
  });

  it('the other years 2020–2035 have no leap month', () => {
    const listed = new Set(leapRows.map((r) => r.year));
    for (let y = 2020; y <= 2035; y++) if (!listed.has(y)) expect(leapMonthOf(y), String(y)).toBeNull();
  });
});

describe('known Vietnamese dates', () => {
  it.each([
    [1900, '1900-01-31'],
    [1945, '1945-02-13'],
    [1968, '1968-01-29'], // UTC+7; the UTC+8 (Chinese, and South Vietnamese of the time) date is 30 January
    [1975, '1975-02-11'],
    [1985, '1985-01-21'], // China: 20 February
    [2000, '2000-02-05'],
    [2007, '2007-02-17'], // China: 18 February
    [2008, '2008-02-07'],
    [2010, '2010-02-14'],
    [2015, '2015-02-19'],
    [2016, '2016-02-08'],
    [2017, '2017-01-28'],
    [2018, '2018-02-16'],
    [2019, '2019-02-05'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
  ])('Tết %i is %s', (year, date) => {
    expect(iso(tetOf(year))).toBe(date);
    expect(solarToLunar(parseIso(date))).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương (10/3) %i is %s', (year, date) => {
    expect(iso(lunarToSolar({ year, month: 3, day: 10, leap: false }))).toBe(date);
  });

  it('follows the UTC+7 meridian where Vietnam and China differ', () => {
    // 1985: the Chinese calendar has a leap 10th month in 1984; Vietnam has none, and a leap 2nd in 1985
    expect(leapMonthOf(1984)).toBeNull();
    expect(leapMonthOf(1985)).toBe(2);
    expect(solarToLunar({ year: 1985, month: 2, day: 20 })).toEqual({
      year: 1985,
      month: 2,
      day: 1,
      leap: false,
    });
    // 1987: the Sun reaches 150° at 23:10 UTC+7 on 23 August (00:10 on the 24th in UTC+8): leap 7, not 6
    expect(leapMonthOf(1987)).toBe(7);
  });

  it('resolves the near-midnight cases (see lunar.ts and the report)', () => {
    // new moon 1967-07-07 ≈ 17:00:06 UT, just after midnight UTC+7 (Meeus's series alone gives 16:59:58)
    expect(solarToLunar({ year: 1967, month: 7, day: 8 })).toEqual({
      year: 1967,
      month: 6,
      day: 1,
      leap: false,
    });
    expect(solarToLunar({ year: 1967, month: 7, day: 7 })).toEqual({
      year: 1967,
      month: 5,
      day: 30,
      leap: false,
    });
    // new moon 1944-06-20 ≈ 16:59:33 UT, half a minute before midnight UTC+7
    expect(solarToLunar({ year: 1944, month: 6, day: 20 })).toEqual({
      year: 1944,
      month: 5,
      day: 1,
      leap: false,
    });
    // autumn equinox 1938-09-23 ≈ 16:59:30 UT (23 Sep in UTC+7, 24 Sep in UTC+8): leap 8 here, 7 in China
    expect(leapMonthOf(1938)).toBe(8);
  });
});

describe('can chi', () => {
  it.each([
    [1900, 'Canh Tý'],
    [1968, 'Mậu Thân'],
    [1984, 'Giáp Tý'],
    [1985, 'Ất Sửu'],
    [2023, 'Quý Mão'],
    [2024, 'Giáp Thìn'],
    [2025, 'Ất Tỵ'],
    [2026, 'Bính Ngọ'],
    [2100, 'Canh Thân'],
  ])('year %i is %s', (year, name) => {
    expect(yearCanChi(year)).toBe(name);
  });

  it('repeats every 60 years and never within them', () => {
    const names = new Set(YEARS.slice(0, 60).map(yearCanChi));
    expect(names.size).toBe(60);
    fc.assert(fc.property(fc.integer({ min: 1, max: 3000 }), (y) => yearCanChi(y) === yearCanChi(y + 60)));
  });

  it('names months and days', () => {
    expect(monthCanChi(2024, 1)).toBe('Bính Dần');
    expect(monthCanChi(2024, 11)).toBe('Bính Tý');
    expect(monthCanChi(2025, 1)).toBe('Mậu Dần');
    expect(dayCanChi({ year: 2000, month: 1, day: 1 })).toBe('Mậu Ngọ');
    expect(dayCanChi({ year: 2024, month: 2, day: 10 })).toBe('Giáp Thìn');
  });
});

describe('structure of every lunar year 1900–2100', () => {
  const tables = YEARS.map((y) => ({ y, months: lunarMonthsOfYear(y) }));

  it('months have 29 or 30 days and follow each other without gaps', () => {
    for (const { y, months } of tables) {
      for (let i = 0; i < months.length; i++) {
        const m = months[i]!;
        expect([29, 30], `${y} ${m.month}`).toContain(m.days);
        const next = months[i + 1]?.start ?? (y < 2100 ? tetOf(y + 1) : null);
        if (next) expect(jdnOf(next) - jdnOf(m.start), `${y} ${m.month}`).toBe(m.days);
      }
    }
  });

  it('years have 12 or 13 months, exactly one leap month in 13, numbered 1..12 in order', () => {
    let leapYears = 0;
    for (const { y, months } of tables) {
      expect([12, 13]).toContain(months.length);
      const leaps = months.filter((m) => m.leap);
      expect(leaps.length, String(y)).toBe(months.length - 12);
      expect(months.filter((m) => !m.leap).map((m) => m.month)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
      ]);
      const leap = months.findIndex((m) => m.leap);
      if (leap >= 0) {
        leapYears++;
        expect(months[leap - 1]!.month).toBe(months[leap]!.month);
        expect(leapMonthOf(y)).toBe(months[leap]!.month);
      } else {
        expect(leapMonthOf(y)).toBeNull();
      }
    }
    expect(leapYears).toBe(74); // 7 leap years in 19 (the Metonic cycle), 201 years
  });

  it('Tết falls between 21 January and 20 February', () => {
    for (const y of YEARS) {
      const t = tetOf(y);
      expect(jdnOf(t), String(y)).toBeGreaterThanOrEqual(julianDayNumber(y, 1, 21));
      expect(jdnOf(t), String(y)).toBeLessThanOrEqual(julianDayNumber(y, 2, 20));
    }
  });

  it('month 11 contains the winter solstice (UTC+7 day)', () => {
    for (const { y, months } of tables) {
      const solstice = Math.floor(jdeToJd(jdeOfSunLongitude(270, julianDayNumber(y, 12, 21))) + 0.5 + 7 / 24);
      const i = months.findIndex((m) => m.month === 11 && !m.leap);
      const start = jdnOf(months[i]!.start);
      expect(solstice, String(y)).toBeGreaterThanOrEqual(start);
      expect(solstice, String(y)).toBeLessThan(start + months[i]!.days);
    }
  });

  it('the leap month is the first month after month 11 without a principal term', () => {
    const sector = (jdn: number) => Math.floor(sunApparentLongitude(jdToJde(jdn - 0.5 - 7 / 24)) / 30);
    const hasTerm = (m: { start: SolarDate; days: number }) =>
      sector(jdnOf(m.start)) !== sector(jdnOf(m.start) + m.days);
    const all = tables.flatMap(({ months }) => months);
    const elevens = all.flatMap((m, i) => (m.month === 11 && !m.leap ? [i] : []));
    let spans13 = 0;
    for (let j = 0; j + 1 < elevens.length; j++) {
      const span = all.slice(elevens[j], elevens[j + 1]);
      const leap = span.findIndex((m) => m.leap);
      const where = iso(span[0]!.start);
      if (span.length === 12) {
        expect(leap, where).toBe(-1);
        continue;
      }
      spans13++;
      expect(span.length, where).toBe(13);
      expect(leap, where).toBeGreaterThan(0);
      expect(hasTerm(span[leap]!), where).toBe(false);
      for (let i = 0; i < leap; i++) expect(hasTerm(span[i]!), `${where} month ${span[i]!.month}`).toBe(true);
    }
    expect(spans13).toBeGreaterThan(70);
  });
});

describe('conversions', () => {
  const solarDay = fc.integer({ min: MIN_JDN, max: MAX_JDN }).map(fromJulianDayNumber);
  const lunarDate = fc
    .tuple(fc.integer({ min: 1900, max: 2100 }), fc.nat(), fc.integer({ min: 1, max: 30 }))
    .map(([year, i, day]): LunarDate => {
      const months = lunarMonthsOfYear(year);
      const m = months[i % months.length]!;
      return { year, month: m.month, leap: m.leap, day: Math.min(day, m.days) };
    })
    .filter(({ year, month }) => !(year === 2100 && month >= 12)); // runs past 2100-12-31

  it('solar → lunar → solar is the identity (random dates 1900-01-31..2100-12-31)', () => {
    fc.assert(
      fc.property(solarDay, (d) => {
        expect(lunarToSolar(solarToLunar(d))).toEqual(d);
      }),
      { numRuns: 5000 },
    );
  });

  it('lunar → solar → lunar is the identity for valid lunar dates', () => {
    fc.assert(
      fc.property(lunarDate, (l) => {
        expect(solarToLunar(lunarToSolar(l))).toEqual(l);
      }),
      { numRuns: 5000 },
    );
  });

  it('consecutive solar days are consecutive lunar days (every day 1900–2100)', () => {
    let prev = solarToLunar(fromJulianDayNumber(MIN_JDN));
    expect(prev).toEqual({ year: 1900, month: 1, day: 1, leap: false });
    let days = 1;
    for (let jdn = MIN_JDN + 1; jdn <= MAX_JDN; jdn++) {
      const d = fromJulianDayNumber(jdn);
      const cur = solarToLunar(d);
      const sameMonth = cur.year === prev.year && cur.month === prev.month && cur.leap === prev.leap;
      const ok =
        cur.day === prev.day + 1
          ? sameMonth
          : cur.day === 1 &&
            (prev.day === 29 || prev.day === 30) &&
            (cur.leap ? cur.month === prev.month : cur.month === (prev.month % 12) + 1) &&
            cur.year === (cur.month === 1 && !cur.leap ? prev.year + 1 : prev.year);
      if (!ok) expect({ date: iso(d), cur }).toEqual({ date: iso(d), cur: 'the day after', prev });
      prev = cur;
      days++;
    }
    expect(days).toBe(MAX_JDN - MIN_JDN + 1);
    expect(prev).toEqual(solarToLunar({ year: 2100, month: 12, day: 31 }));
  });
});

describe('bad input', () => {
  it.each([
    { year: 2025, month: 2, day: 29 },
    { year: 2024, month: 13, day: 1 },
    { year: 2024, month: 4, day: 31 },
    { year: 2024, month: 0, day: 10 },
    { year: 2024.5, month: 1, day: 1 },
    { year: Number.NaN, month: 1, day: 1 },
  ])('rejects the invalid Gregorian date %o', (d) => {
    expectLunarError(() => solarToLunar(d), LunarInvalidDateError);
  });

  it('accepts 29 February in a leap year', () => {
    expect(solarToLunar({ year: 2024, month: 2, day: 29 })).toEqual({
      year: 2024,
      month: 1,
      day: 20,
      leap: false,
    });
  });

  it.each([
    { year: 1899, month: 12, day: 31 },
    { year: 1900, month: 1, day: 30 },
    { year: 2101, month: 1, day: 1 },
  ])('rejects the out-of-range solar date %o', (d) => {
    expectLunarError(() => solarToLunar(d), LunarRangeError);
  });

  it('accepts both ends of the range', () => {
    expect(solarToLunar({ year: 1900, month: 1, day: 31 })).toEqual({
      year: 1900,
      month: 1,
      day: 1,
      leap: false,
    });
    expect(iso(lunarToSolar(solarToLunar({ year: 2100, month: 12, day: 31 })))).toBe('2100-12-31');
  });

  it('rejects lunar dates that do not exist', () => {
    expectLunarError(() => lunarToSolar({ year: 2024, month: 5, day: 1, leap: true }), LunarInvalidDateError);
    expectLunarError(() => lunarToSolar({ year: 2025, month: 5, day: 1, leap: true }), LunarInvalidDateError);
    expectLunarError(
      () => lunarToSolar({ year: 2021, month: 12, day: 30, leap: false }),
      LunarInvalidDateError,
    );
    expectLunarError(
      () => lunarToSolar({ year: 2024, month: 13, day: 1, leap: false }),
      LunarInvalidDateError,
    );
    expectLunarError(
      () => lunarToSolar({ year: 2024, month: 1, day: 0, leap: false }),
      LunarInvalidDateError,
    );
    expectLunarError(
      () => lunarToSolar({ year: 2024, month: 1, day: 1.5, leap: false }),
      LunarInvalidDateError,
    );
    for (const y of [1950, 2000, 2050]) {
      const short = lunarMonthsOfYear(y).find((m) => m.days === 29)!;
      expectLunarError(
        () => lunarToSolar({ year: y, month: short.month, day: 30, leap: short.leap }),
        LunarInvalidDateError,
      );
    }
    expect(iso(lunarToSolar({ year: 2023, month: 12, day: 30, leap: false }))).toBe('2024-02-09');
  });

  it('rejects lunar dates and years out of range', () => {
    expectLunarError(() => lunarToSolar({ year: 1899, month: 12, day: 1, leap: false }), LunarRangeError);
    expectLunarError(() => lunarToSolar({ year: 2101, month: 1, day: 1, leap: false }), LunarRangeError);
    expectLunarError(() => lunarToSolar({ year: 2100, month: 12, day: 2, leap: false }), LunarRangeError);
    expectLunarError(() => tetOf(2101), LunarRangeError);
    expectLunarError(() => leapMonthOf(1899), LunarRangeError);
    expectLunarError(() => lunarMonthsOfYear(2101), LunarRangeError);
  });
});
