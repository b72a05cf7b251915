/**
 * Can chi (sexagenary) names in Vietnamese: 10 heavenly stems (can) and 12 earthly branches (chi),
 * for lunar years, lunar months and solar days.
 */
import { gregorianJdn, isInt, LunarInvalidDateError } from './lunar-errors.js';

export const HEAVENLY_STEMS = [
  'Giáp',
  'Ất',
  'Bính',
  'Đinh',
  'Mậu',
  'Kỷ',
  'Canh',
  'Tân',
  'Nhâm',
  'Quý',
] as const;
export const EARTHLY_BRANCHES = [
  'Tý',
  'Sửu',
  'Dần',
  'Mão',
  'Thìn',
  'Tỵ',
  'Ngọ',
  'Mùi',
  'Thân',
  'Dậu',
  'Tuất',
  'Hợi',
] as const;

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** Can chi of a lunar year, e.g. 2024 → 'Giáp Thìn' (1984 was Giáp Tý). */
export function yearCanChi(lunarYear: number): string {
  if (!isInt(lunarYear)) {
    throw new LunarInvalidDateError(
      `lunar year ${lunarYear} is not an integer`,
      `năm âm lịch ${lunarYear} không hợp lệ`,
    );
  }
  return `${HEAVENLY_STEMS[mod(lunarYear - 4, 10)]} ${EARTHLY_BRANCHES[mod(lunarYear - 4, 12)]}`;
}

/**
 * Can chi of a lunar month: month 1 is a Dần month, and its stem follows the year's stem
 * (Giáp/Kỷ years start with Bính Dần). A leap month is given the can chi of the month it repeats.
 */
export function monthCanChi(lunarYear: number, lunarMonth: number): string {
  if (!isInt(lunarYear) || !isInt(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new LunarInvalidDateError(
      `no lunar month ${lunarMonth} in year ${lunarYear}`,
      `không có tháng âm lịch ${lunarMonth} năm ${lunarYear}`,
    );
  }
  const stem = mod(mod(lunarYear - 4, 10) * 2 + 2 + lunarMonth - 1, 10);
  return `${HEAVENLY_STEMS[stem]} ${EARTHLY_BRANCHES[mod(lunarMonth + 1, 12)]}`;
}

/** Can chi of a solar day (the 60-day cycle runs continuously; 2000-01-01 was Mậu Ngọ). */
export function dayCanChi(d: { year: number; month: number; day: number }): string {
  const jdn = gregorianJdn(d);
  return `${HEAVENLY_STEMS[mod(jdn + 9, 10)]} ${EARTHLY_BRANCHES[mod(jdn + 1, 12)]}`;
}
