import { type CsvRow, isIsoDate, parseCsv, rejectDuplicates } from '../csv.js';
import type { ImportCounts, Importer } from '../types.js';

const COLUMNS = [
  'old_code',
  'old_level',
  'new_code',
  'new_level',
  'effective',
  'kind',
  'confidence',
  'note',
] as const;
type Row = CsvRow<(typeof COLUMNS)[number]> & { oldId?: number; newId?: number };

const dayBefore = (iso: string) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export const successionsImporter: Importer<Row> = {
  kind: 'unit-successions',
  description: 'Old → new administrative units of a reorganisation (data/admin-units/succession-2025.csv)',

  parse: (text, ctx) => parseCsv(text, COLUMNS, ctx),

  async validate(rows, ctx) {
    const units = await ctx.trx
      .selectFrom('admin_units')
      .select(['id', 'code', 'level', 'valid_from', 'valid_to'])
      .execute();
    const byCode = new Map<string, typeof units>();
    for (const u of units) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
    // The old unit is the one in force the day before the change, the new one on the day itself.
    const find = (code: string, level: string, date: string) =>
      (byCode.get(code) ?? []).find(
        (u) =>
          u.level === level && (u.valid_from ?? '0000-01-01') <= date && date <= (u.valid_to ?? '9999-12-31'),
      );
    const ok: Row[] = [];
    for (const r of rows) {
      if (!isIsoDate(r.effective)) {
        ctx.reject(r.line, 'effective', 'expected a date YYYY-MM-DD', 'cần ngày dạng YYYY-MM-DD');
        continue;
      }
      if (r.confidence !== 'high' && r.confidence !== 'review') {
        ctx.reject(
          r.line,
          'confidence',
          'confidence must be high or review',
          'độ tin cậy phải là high hoặc review',
        );
        continue;
      }
      if (!r.kind) {
        ctx.reject(r.line, 'kind', 'must not be empty', 'không được để trống');
        continue;
      }
      const old = find(r.old_code, r.old_level, dayBefore(r.effective));
      if (!old) {
        ctx.reject(
          r.line,
          'old_code',
          `no ${r.old_level} ${r.old_code} in force on ${dayBefore(r.effective)}`,
          `không có đơn vị ${r.old_code} có hiệu lực ngày ${dayBefore(r.effective)}`,
        );
        continue;
      }
      const next = find(r.new_code, r.new_level, r.effective);
      if (!next) {
        ctx.reject(
          r.line,
          'new_code',
          `no ${r.new_level} ${r.new_code} in force on ${r.effective}`,
          `không có đơn vị ${r.new_code} có hiệu lực ngày ${r.effective}`,
        );
        continue;
      }
      ok.push({ ...r, oldId: old.id, newId: next.id });
    }
    return rejectDuplicates(ok, (r) => `${r.old_code}→${r.new_code}`, 'pair', ctx);
  },

  async apply(rows, ctx) {
    const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const existing = new Map(
      (await ctx.trx.selectFrom('admin_unit_successions').selectAll().execute()).map((s) => [
        `${s.old_unit_id}:${s.new_unit_id}`,
        s,
      ]),
    );
    const inserts = [];
    for (const r of rows) {
      const values = {
        old_unit_id: r.oldId!,
        new_unit_id: r.newId!,
        effective: r.effective,
        kind: r.kind,
        confidence: r.confidence as 'high' | 'review',
        note: r.note || null,
      };
      const old = existing.get(`${values.old_unit_id}:${values.new_unit_id}`);
      if (!old) inserts.push(values);
      else if (
        old.effective === values.effective &&
        old.kind === values.kind &&
        old.confidence === values.confidence &&
        old.note === values.note
      )
        counts.unchanged++;
      else {
        await ctx.trx
          .updateTable('admin_unit_successions')
          .set(values)
          .where('old_unit_id', '=', values.old_unit_id)
          .where('new_unit_id', '=', values.new_unit_id)
          .execute();
        counts.updated++;
      }
    }
    for (let i = 0; i < inserts.length; i += 2000) {
      await ctx.trx
        .insertInto('admin_unit_successions')
        .values(inserts.slice(i, i + 2000))
        .execute();
      counts.inserted += Math.min(2000, inserts.length - i);
      ctx.options.onProgress?.(counts.inserted + counts.updated + counts.unchanged, rows.length);
    }
    return counts;
  },
};
