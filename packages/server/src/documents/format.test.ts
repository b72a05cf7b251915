import { describe, expect, it } from 'vitest';
import { DocumentInputError } from './errors.js';
import {
  deepNfc,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatTimeOfDay,
  placeAndDate,
  vietnamDate,
} from './format.js';

describe('Vietnamese dates and times', () => {
  it('prints instants in Vietnam time whatever offset they carry', () => {
    expect(formatTimeOfDay('2026-02-13T03:30:00Z', 'x')).toBe('10 giờ 30 phút, ngày 13/02/2026');
    expect(formatTimeOfDay('2026-02-13T10:30:00+07:00', 'x')).toBe('10 giờ 30 phút, ngày 13/02/2026');
    expect(formatTimeOfDay('2026-02-13T08:05:00+07:00', 'x')).toBe('08 giờ 05 phút, ngày 13/02/2026');
    expect(formatDate('2025-06-30T17:30:00Z', 'x')).toBe('01/07/2025');
    expect(vietnamDate('2025-06-30T17:30:00Z', 'x')).toBe('2025-07-01');
    expect(formatDateTime('2026-12-31T16:59:00Z', 'x')).toBe('31/12/2026 23:59');
  });

  it('writes the document date with a leading zero on days below 10 and on months 1 and 2 only', () => {
    expect(placeAndDate('Hà Nội', '2026-11-22T09:00:00+07:00', 'x')).toBe(
      'Hà Nội, ngày 22 tháng 11 năm 2026',
    );
    expect(formatLongDate('2026-02-05T09:00:00+07:00', 'x')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatLongDate('2026-01-15T09:00:00+07:00', 'x')).toBe('ngày 15 tháng 01 năm 2026');
    expect(formatLongDate('2025-06-30T09:00:00+07:00', 'x')).toBe('ngày 30 tháng 6 năm 2025');
    expect(formatLongDate('2025-07-01T09:00:00+07:00', 'x')).toBe('ngày 01 tháng 7 năm 2025');
  });

  it('refuses instants without an offset or that are not dates', () => {
    expect(() => formatDate('2026-02-13T10:30', 'receivedAt')).toThrow(DocumentInputError);
    expect(() => formatDate('13/02/2026', 'receivedAt')).toThrow(/receivedAt/);
  });
});

describe('deepNfc', () => {
  it('composes every string of a nested plain object and keeps other values', () => {
    const nfd = 'Nguyễn Thị Hường'.normalize('NFD');
    const out = deepNfc({ a: nfd, b: [nfd, 3, null], c: { d: nfd, e: true }, f: undefined });
    expect(out).toEqual({
      a: 'Nguyễn Thị Hường',
      b: ['Nguyễn Thị Hường', 3, null],
      c: { d: 'Nguyễn Thị Hường', e: true },
      f: undefined,
    });
    expect(out.a).not.toBe(nfd);
  });
});
