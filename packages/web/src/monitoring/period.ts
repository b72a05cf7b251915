/** The period a monitoring screen shows: ?period=YYYY-MM, by default this month in Vietnam. */
import { useSearchParams } from 'react-router';

export function thisMonth(now = Date.now()): string {
  const d = new Date(now + 7 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function usePeriod(): [string, (p: string) => void] {
  const [params, setParams] = useSearchParams();
  const p = params.get('period');
  const period = p && /^\d{4}-\d{2}$/.test(p) ? p : thisMonth();
  return [period, (next) => setParams({ period: next })];
}

/** "6,67" style percent, or null for no data. */
export const percent = (p: number | null, lang: string) =>
  p === null ? null : `${new Intl.NumberFormat(lang.startsWith('en') ? 'en-GB' : 'vi-VN').format(p)} %`;
