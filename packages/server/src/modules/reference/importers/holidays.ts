import { queueRecalculation } from '../../calendar/changes.js';
import { bumpRevision } from '../../calendar/repository.js';
import { type CsvRow, isIsoDate, parseCsv, rejectDuplicates } from '../csv.js';
import type { ImportCounts, Importer } from '../types.js';

const COLUMNS = ['date', 'kind', 'name', 'legal_basis', 'status', 'confidence'] as const;
type Row = CsvRow<(typeof COLUMNS)[number]>;
const KINDS = ['statutory', 'compensatory', 'swapped_day_off', 'makeup_working_day'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Non-working days and make-up working days of a calendar (default: the national public-sector
 * calendar). Dates not in the file are left as they are: a notice adds days, it never silently
 * deletes what an administrator entered.
 */
export const holidaysImporter: Importer<Row> = {
  kind: 'holidays',
  description: 'Holidays, compensatory days, swapped days off and make-up working days (data/holidays/*.csv)',

  parse: (text, ctx) => parseCsv(text, COLUMNS, ctx),

  async validate(rows, ctx) {
    const code = ctx.options.params?.calendar ?? 'vn-public-sector';
    const calendar = await ctx.trx
      .selectFrom('calendars')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!calendar) {
      ctx.reject(0, 'calendar', `no calendar ${code}`, `không có lịch ${code}`);
      return [];
    }
    const ok = rows.filter((r) => {
      if (!isIsoDate(r.date))
        ctx.reject(
          r.line,
          'date',
          `expected a date YYYY-MM-DD, got "${r.date}"`,
          `cần ngày dạng YYYY-MM-DD, nhận "${r.date}"`,
        );
      else if (!KINDS.includes(r.kind as Kind))
        ctx.reject(
          r.line,
          'kind',
          `kind must be one of ${KINDS.join(', ')}`,
          `loại ngày phải là một trong ${KINDS.join(', ')}`,
        );
      else if (!r.name) ctx.reject(r.line, 'name', 'must not be empty', 'không được để trống');
      else if (r.status !== 'official' && r.status !== 'provisional')
        ctx.reject(
          r.line,
          'status',
          'status must be official or provisional',
          'trạng thái phải là official hoặc provisional',
        );
      else if (
        r.kind === 'makeup_working_day' &&
        ![0, 6].includes(new Date(`${r.date}T00:00:00Z`).getUTCDay())
      )
        ctx.reject(
          r.line,
          'kind',
          `${r.date} is a weekday; a make-up working day is a weekend day`,
          `${r.date} không phải ngày nghỉ cuối tuần nên không thể là ngày làm bù`,
        );
      else return true;
      return false;
    });
    return rejectDuplicates(ok, (r) => r.date, 'date', ctx);
  },

  async apply(rows, ctx) {
    const code = ctx.options.params?.calendar ?? 'vn-public-sector';
    const { id: calendarId } = await ctx.trx
      .selectFrom('calendars')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const existing = new Map(
      (
        await ctx.trx
          .selectFrom('calendar_exceptions')
          .selectAll()
          .where('calendar_id', '=', calendarId)
          .execute()
      ).map((e) => [e.date, e]),
    );
    const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const r of rows) {
      const values = {
        calendar_id: calendarId,
        date: r.date,
        kind: r.kind as Kind,
        name: r.name,
        legal_basis: r.legal_basis || null,
        status: r.status as 'official' | 'provisional',
        confidence: r.confidence || null,
      };
      const old = existing.get(r.date);
      if (!old) {
        await ctx.trx.insertInto('calendar_exceptions').values(values).execute();
        counts.inserted++;
      } else if (
        old.kind === values.kind &&
        old.name === values.name &&
        old.legal_basis === values.legal_basis &&
        old.status === values.status &&
        old.confidence === values.confidence
      )
        counts.unchanged++;
      else {
        await ctx.trx.updateTable('calendar_exceptions').set(values).where('id', '=', old.id).execute();
        counts.updated++;
      }
    }
    // a changed schedule is a new revision: running servers rebuild the calendar, and the open
    // dossiers' due instants are recomputed (modules/calendar/changes.ts)
    if (counts.inserted + counts.updated > 0) {
      await bumpRevision(ctx.trx, calendarId);
      await queueRecalculation(ctx.trx, calendarId);
    }
    return counts;
  },
};
