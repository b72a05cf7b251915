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

/** A civil date in Vietnam as YYYY-MM-DD, which compares as text. */
export function vietnamDay(iso: string | Date): string {
  const { year, month, day } = vietnamDate(iso);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The set of one-stop forms a dossier's papers use: that of its receipt date (Circular 01/2018
 * until 30/6/2025, Circular 03/2025 from 1/7/2025, as the server's documents/form-sets.ts
 * decides), today's set before a receipt.
 */
export const formSetOf = (receivedAt: string | null | undefined): '2018' | '2025' =>
  vietnamDay(receivedAt ?? new Date()) <= '2025-06-30' ? '2018' : '2025';

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
