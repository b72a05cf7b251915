/** Test fixture: the official public-sector calendar 2020–2026 from the project's dataset. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildCalendar,
  type CalendarException,
  type CalendarInput,
  DEFAULT_WEEKLY,
  type WorkCalendar,
} from './work-calendar.js';

export function officialExceptions(): CalendarException[] {
  const file = fileURLToPath(
    new URL('../../../../data/holidays/vn-public-sector-2020-2026.csv', import.meta.url),
  );
  const [, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  return lines.map((line) => {
    // date,kind,name,legal_basis,status,confidence — names and bases may be quoted
    const cells =
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)
        ?.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replaceAll('""', '"')) ?? [];
    return {
      date: cells[0] as string,
      kind: cells[1] as CalendarException['kind'],
      name: cells[2] as string,
      legalBasis: cells[3] || null,
      status: cells[4] as 'official',
    };
  });
}

export function officialCalendar(overrides: Partial<CalendarInput> = {}): WorkCalendar {
  return buildCalendar({ weekly: DEFAULT_WEEKLY, exceptions: officialExceptions(), ...overrides });
}

/** "2026-02-13T10:00" local time (UTC+7) → epoch ms */
export const at = (local: string) => Date.parse(`${local}:00+07:00`);
/** epoch ms → "2026-02-13T10:00" local time */
export const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
