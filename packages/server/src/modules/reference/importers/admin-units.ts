import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import { type CsvRow, isIsoDate, parseCsv } from '../csv.js';
import type { ImportContext, ImportCounts, Importer } from '../types.js';

const COLUMNS = [
  'code',
  'level',
  'parent_code',
  'unit_type',
  'name',
  'full_name',
  'name_en',
  'valid_from',
  'valid_to',
] as const;
type Row = CsvRow<(typeof COLUMNS)[number]>;
type Level = 'province' | 'district' | 'commune';

const CODE_WIDTH: Record<Level, number> = { province: 2, district: 3, commune: 5 };
const PARENT_LEVELS: Record<Level, Level[]> = {
  province: [],
  district: ['province'],
  commune: ['district', 'province'],
};
const LEVEL_ORDER: Record<Level, number> = { province: 0, district: 1, commune: 2 };

const START = '0000-01-01';
const END = '9999-12-31';
const key = (code: string, validFrom: string | null) => `${code}|${validFrom ?? ''}`;

interface Known {
  id: number | null;
  code: string;
  level: Level;
  from: string;
  to: string;
  line?: number;
}

/** The unit with this code in force on `date` (null when none or the code names no unit of those levels). */
function unitOn(byCode: Map<string, Known[]>, code: string, date: string, levels: Level[]): Known | null {
  for (const u of byCode.get(code) ?? [])
    if (levels.includes(u.level) && u.from <= date && date <= u.to) return u;
  return null;
}

async function loadKnown(trx: Db) {
  const rows = await trx
    .selectFrom('admin_units')
    .select([
      'id',
      'code',
      'level',
      'unit_type',
      'name',
      'full_name',
      'name_en',
      'parent_id',
      'valid_from',
      'valid_to',
    ])
    .execute();
  return rows;
}

export const adminUnitsImporter: Importer<Row> = {
  kind: 'admin-units',
  description: 'Administrative units, effective-dated (data/admin-units/units.csv)',

  parse: (text, ctx) => parseCsv(text, COLUMNS, ctx),

  async validate(rows, ctx) {
    const ok: Row[] = [];
    for (const r of rows) {
      const bad = (field: string, en: string, vi: string) => ctx.reject(r.line, field, en, vi);
      const level = r.level as Level;
      if (!(level in CODE_WIDTH)) {
        bad(
          'level',
          `level must be province, district or commune, got "${r.level}"`,
          `cấp phải là province, district hoặc commune, nhận "${r.level}"`,
        );
        continue;
      }
      if (!new RegExp(`^\\d{${CODE_WIDTH[level]}}$`).test(r.code)) {
        bad(
          'code',
          `a ${level} code has ${CODE_WIDTH[level]} digits, got "${r.code}"`,
          `mã ${level} gồm ${CODE_WIDTH[level]} chữ số, nhận "${r.code}"`,
        );
        continue;
      }
      if (!r.name || !r.full_name || !r.unit_type) {
        bad(
          !r.name ? 'name' : !r.full_name ? 'full_name' : 'unit_type',
          'must not be empty',
          'không được để trống',
        );
        continue;
      }
      if ((r.valid_from && !isIsoDate(r.valid_from)) || (r.valid_to && !isIsoDate(r.valid_to))) {
        bad(
          r.valid_from && !isIsoDate(r.valid_from) ? 'valid_from' : 'valid_to',
          'expected a date YYYY-MM-DD',
          'cần ngày dạng YYYY-MM-DD',
        );
        continue;
      }
      if (r.valid_from && r.valid_to && r.valid_from > r.valid_to) {
        bad('valid_to', 'valid_to is before valid_from', 'ngày hết hiệu lực trước ngày có hiệu lực');
        continue;
      }
      if (level === 'province' ? r.parent_code !== '' : r.parent_code === '') {
        bad(
          'parent_code',
          level === 'province' ? 'a province has no parent' : 'parent_code is required',
          level === 'province' ? 'cấp tỉnh không có đơn vị cấp trên' : 'thiếu mã đơn vị cấp trên',
        );
        continue;
      }
      ok.push(r);
    }
    // Periods of one code must not overlap (the same code may be reused in another period), and
    // every parent must exist in force on the child's start date, in the file or the database.
    const byCode = new Map<string, Known[]>();
    const add = (u: Known) => byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
    for (const u of await loadKnown(ctx.trx))
      add({ id: u.id, code: u.code, level: u.level, from: u.valid_from ?? START, to: u.valid_to ?? END });
    const valid: Row[] = [];
    const sorted = [...ok].sort(
      (a, b) => LEVEL_ORDER[a.level as Level] - LEVEL_ORDER[b.level as Level] || a.line - b.line,
    );
    const fileKeys = new Map<string, number>();
    for (const r of sorted) {
      const level = r.level as Level;
      const from = r.valid_from || START;
      const to = r.valid_to || END;
      const k = key(r.code, r.valid_from || null);
      const dupLine = fileKeys.get(k);
      if (dupLine !== undefined) {
        ctx.reject(
          r.line,
          'code',
          `duplicate code ${r.code} for the same period (first at line ${dupLine})`,
          `trùng mã ${r.code} trong cùng thời kỳ (đã có ở dòng ${dupLine})`,
        );
        continue;
      }
      const clash = (byCode.get(r.code) ?? []).find(
        (u) => u.from <= to && from <= u.to && !(u.id !== null && u.from === from),
      );
      if (clash) {
        ctx.reject(
          r.line,
          'valid_from',
          `code ${r.code} already names a unit from ${clash.from} to ${clash.to}${clash.line ? ` (line ${clash.line})` : ''}`,
          `mã ${r.code} đã được dùng cho đơn vị khác trong thời kỳ ${clash.from} – ${clash.to}`,
        );
        continue;
      }
      if (level !== 'province' && !unitOn(byCode, r.parent_code, from, PARENT_LEVELS[level])) {
        ctx.reject(
          r.line,
          'parent_code',
          `no ${PARENT_LEVELS[level].join(' or ')} ${r.parent_code} in force on ${r.valid_from || 'the start'}`,
          `không có đơn vị cấp trên ${r.parent_code} có hiệu lực vào ${r.valid_from || 'thời điểm đầu'}`,
        );
        continue;
      }
      fileKeys.set(k, r.line);
      const existing = (byCode.get(r.code) ?? []).find((u) => u.id !== null && u.from === from);
      if (existing) existing.to = to;
      else add({ id: null, code: r.code, level, from, to, line: r.line });
      valid.push(r);
    }
    return valid;
  },

  async apply(rows, ctx) {
    const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const existing = new Map((await loadKnown(ctx.trx)).map((u) => [key(u.code, u.valid_from), u]));
    const byCode = new Map<string, Known[]>();
    for (const u of existing.values())
      byCode.set(u.code, [
        ...(byCode.get(u.code) ?? []),
        { id: u.id, code: u.code, level: u.level, from: u.valid_from ?? START, to: u.valid_to ?? END },
      ]);
    const sorted = [...rows].sort(
      (a, b) => LEVEL_ORDER[a.level as Level] - LEVEL_ORDER[b.level as Level] || a.line - b.line,
    );
    let done = 0;
    for (const level of ['province', 'district', 'commune'] as Level[]) {
      const batch = sorted.filter((r) => r.level === level);
      const inserts = [];
      for (const r of batch) {
        const parent =
          level === 'province'
            ? null
            : unitOn(byCode, r.parent_code, r.valid_from || START, PARENT_LEVELS[level]);
        const values = {
          code: r.code,
          level,
          unit_type: r.unit_type,
          name: r.name,
          full_name: r.full_name,
          name_en: r.name_en || null,
          parent_id: parent?.id ?? null,
          valid_from: r.valid_from || null,
          valid_to: r.valid_to || null,
        };
        const old = existing.get(key(r.code, values.valid_from));
        if (!old) {
          inserts.push(values);
          continue;
        }
        const same = (Object.keys(values) as (keyof typeof values)[]).every((f) => old[f] === values[f]);
        if (same) counts.unchanged++;
        else {
          await ctx.trx.updateTable('admin_units').set(values).where('id', '=', old.id).execute();
          counts.updated++;
        }
      }
      for (let i = 0; i < inserts.length; i += 1000) {
        const chunk = inserts.slice(i, i + 1000);
        const ids = await ctx.trx
          .insertInto('admin_units')
          .values(chunk)
          .returning(['id', 'code', 'valid_from', 'valid_to'])
          .execute();
        for (const u of ids)
          byCode.set(u.code, [
            ...(byCode.get(u.code) ?? []),
            { id: u.id, code: u.code, level, from: u.valid_from ?? START, to: u.valid_to ?? END },
          ]);
        counts.inserted += chunk.length;
        done += chunk.length;
        ctx.options.onProgress?.(done + counts.updated + counts.unchanged, rows.length);
      }
    }
    // keep the planner's statistics fresh after a bulk load
    await sql`analyze admin_units`.execute(ctx.trx);
    return counts;
  },
};

export type { ImportContext };
