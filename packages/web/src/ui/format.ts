/**
 * Dates, numbers and money as Vietnamese readers expect them (vi-VN), always in Vietnam's time
 * zone: a deadline at 17:00 in Hà Nội is 17:00 whatever the browser's zone.
 */
import { solarToLunar, yearCanChi } from '@motcua/core';

const ZONE = 'Asia/Ho_Chi_Minh';
const locale = (lang: string) => (lang.startsWith('en') ? 'en-GB' : 'vi-VN');

export const formatDate = (iso: string | Date, lang = 'vi') =>
  new Intl.DateTimeFormat(locale(lang), {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));

export const formatDateTime = (iso: string | Date, lang = 'vi') =>
  new Intl.DateTimeFormat(locale(lang), {
    timeZone: ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

export const formatNumber = (n: number, lang = 'vi') => new Intl.NumberFormat(locale(lang)).format(n);

export const formatMoney = (vnd: number, lang = 'vi') =>
  new Intl.NumberFormat(locale(lang), {
    style: 'currency',
    currency: 'VND',
    maximumFractionDigits: 0,
  }).format(vnd);

/** The civil date in Vietnam of an instant, as year/month/day. */
export function vietnamDate(iso: string | Date): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** The lunar date beside a solar one, where officials expect it (appointments, holidays). */
export function lunarOf(iso: string | Date) {
  const l = solarToLunar(vietnamDate(iso));
  return { ...l, yearName: yearCanChi(l.year) };
}

export function formatBytes(n: number, lang = 'vi'): string {
  if (n < 1024) return `${formatNumber(n, lang)} B`;
  if (n < 1024 * 1024) return `${formatNumber(Math.round(n / 102.4) / 10, lang)} KB`;
  return `${formatNumber(Math.round(n / (1024 * 102.4)) / 10, lang)} MB`;
}
