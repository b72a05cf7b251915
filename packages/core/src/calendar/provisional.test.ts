import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveProvisionalHolidays } from './provisional.js';
import { officialExceptions } from './test-calendar.js';
import { buildCalendar, DEFAULT_WEEKLY } from './work-calendar.js';

const cal = buildCalendar({ weekly: DEFAULT_WEEKLY, exceptions: [] });
const official = officialExceptions();

describe('provisional schedule from the Labour Code 2019 Art. 112', () => {
  it('finds the fixed holidays, Giỗ Tổ and Quốc khánh of the official years 2021–2026', () => {
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026]) {
      const derived = deriveProvisionalHolidays(cal, year);
      const statutory = new Set(derived.filter((d) => d.kind === 'statutory').map((d) => d.date));
      const officialDates = official
        .filter((o) => o.date.startsWith(`${year}-`) && o.kind === 'statutory')
        .map((o) => o.date);
      // outside Tết (whose five days the Prime Minister places each year) every official
      // statutory day is derived
      const nonTet = official
        .filter(
          (o) => o.date.startsWith(`${year}-`) && o.kind === 'statutory' && !o.name.includes('Nguyên đán'),
        )
        .map((o) => o.date);
      for (const d of nonTet) expect(statutory, `${year}: ${d}`).toContain(d);
      expect(officialDates.length).toBeGreaterThan(0);
    }
  });

  it('gives a compensatory day when a holiday falls on a weekly rest day (Giỗ Tổ on Sunday 26/4/2026)', () => {
    const d = deriveProvisionalHolidays(cal, 2026);
    expect(d).toContainEqual(
      expect.objectContaining({ date: '2026-04-26', kind: 'statutory', name: 'Giỗ Tổ Hùng Vương' }),
    );
    expect(d).toContainEqual(expect.objectContaining({ date: '2026-04-27', kind: 'compensatory' }));
  });

  it('places Tết with the lunar calendar and a configurable pattern (2027: Tết on 6/2)', () => {
    const d = deriveProvisionalHolidays(cal, 2027);
    const tet = d.filter((x) => x.name === 'Tết Nguyên đán').map((x) => x.date);
    expect(tet).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']);
    const wider = deriveProvisionalHolidays(cal, 2027, { tetOffsets: [-2, -1, 0, 1, 2] });
    expect(wider.filter((x) => x.name === 'Tết Nguyên đán').map((x) => x.date)[0]).toBe('2027-02-04');
    expect(d.every((x) => x.status === 'provisional')).toBe(true);
  });

  it('takes extra holidays as data (24/11 once enacted)', () => {
    const d = deriveProvisionalHolidays(cal, 2027, {
      extraRules: [
        {
          name: 'Ngày Văn hóa Việt Nam',
          calendar: 'solar',
          month: 11,
          day: 24,
          legalBasis: 'Nghị quyết 80-NQ/TW',
        },
      ],
    });
    expect(d).toContainEqual(expect.objectContaining({ date: '2027-11-24', name: 'Ngày Văn hóa Việt Nam' }));
  });

  it('never places a compensatory day on a holiday or a rest day, for any year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2099 }), (year) => {
        const d = deriveProvisionalHolidays(cal, year);
        const dates = d.map((x) => x.date);
        expect(new Set(dates).size).toBe(dates.length);
        for (const c of d.filter((x) => x.kind === 'compensatory')) {
          const wd = new Date(`${c.date}T00:00:00Z`).getUTCDay();
          expect(wd === 0 || wd === 6).toBe(false);
        }
        expect(d.filter((x) => x.kind === 'statutory').length).toBeGreaterThanOrEqual(11 - 1);
      }),
      { numRuns: 60 },
    );
  });
});
