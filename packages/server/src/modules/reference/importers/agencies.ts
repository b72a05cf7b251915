import { AGENCY_KINDS, AGENCY_LEVELS, parseAgencyIdentifier } from '@motcua/core';
import { sql } from 'kysely';
import type { AgencyKind, AgencyLevel } from '../../../db/schema.js';
import { type CsvRow, isIsoDate, parseCsv, rejectDuplicates } from '../csv.js';
import type { ImportCounts, Importer } from '../types.js';

const COLUMNS = [
  'tenant',
  'identifier',
  'name',
  'short_name',
  'kind',
  'level',
  'unit_code',
  'parent_identifier',
] as const;
type Row = CsvRow<(typeof COLUMNS)[number] | 'unit_date'> & { tenantId?: number; unitId?: number };

const KINDS: readonly AgencyKind[] = AGENCY_KINDS;
const LEVELS: readonly AgencyLevel[] = AGENCY_LEVELS;

/**
 * Agencies of a deployment with their electronic identifiers (Decision 20/2020/QĐ-TTg). The unit
 * code is resolved on `unit_date` (optional column, default today), so a three-level deployment
 * can name pre-2025 districts.
 */
export const agenciesImporter: Importer<Row> = {
  kind: 'agencies',
  description:
    'Agencies of a deployment: tenant,identifier,name,short_name,kind,level,unit_code,parent_identifier[,unit_date]',

  parse: (text, ctx) =>
    parseCsv(text, COLUMNS, ctx, ['unit_date']).map((r) => ({
      ...r,
      unit_date: (r as Partial<Row>).unit_date ?? '',
    })),

  async validate(rows, ctx) {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    const tenants = new Map(
      (await ctx.trx.selectFrom('tenants').select(['id', 'code']).execute()).map((t) => [t.code, t.id]),
    );
    const ok: Row[] = [];
    for (const r of rows) {
      const tenantId = tenants.get(r.tenant);
      if (tenantId === undefined) {
        ctx.reject(
          r.line,
          'tenant',
          `unknown deployment "${r.tenant}"`,
          `không có hệ thống (tenant) "${r.tenant}"`,
        );
        continue;
      }
      const parsed = parseAgencyIdentifier(r.identifier);
      if (!parsed.ok) {
        ctx.reject(r.line, 'identifier', parsed.problem.message, parsed.problem.messageVi);
        continue;
      }
      if (r.parent_identifier && !parseAgencyIdentifier(r.parent_identifier).ok) {
        ctx.reject(
          r.line,
          'parent_identifier',
          `"${r.parent_identifier}" is not a valid identifier`,
          `"${r.parent_identifier}" không phải mã định danh hợp lệ`,
        );
        continue;
      }
      if (!r.name) {
        ctx.reject(r.line, 'name', 'must not be empty', 'không được để trống');
        continue;
      }
      if (!KINDS.includes(r.kind as AgencyKind)) {
        ctx.reject(
          r.line,
          'kind',
          `kind must be one of ${KINDS.join(', ')}`,
          `loại cơ quan phải là một trong ${KINDS.join(', ')}`,
        );
        continue;
      }
      if (!LEVELS.includes(r.level as AgencyLevel)) {
        ctx.reject(
          r.line,
          'level',
          `level must be one of ${LEVELS.join(', ')}`,
          `cấp phải là một trong ${LEVELS.join(', ')}`,
        );
        continue;
      }
      const date = r.unit_date || today;
      if (!isIsoDate(date)) {
        ctx.reject(r.line, 'unit_date', 'expected a date YYYY-MM-DD', 'cần ngày dạng YYYY-MM-DD');
        continue;
      }
      const unit = await ctx.trx
        .selectFrom('admin_units')
        .select('id')
        .where('code', '=', r.unit_code)
        .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', date)]))
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
        .executeTakeFirst();
      if (!unit) {
        ctx.reject(
          r.line,
          'unit_code',
          `no administrative unit ${r.unit_code} in force on ${date}`,
          `không có đơn vị hành chính ${r.unit_code} có hiệu lực ngày ${date}`,
        );
        continue;
      }
      ok.push({ ...r, identifier: parsed.value, tenantId, unitId: unit.id });
    }
    const unique = rejectDuplicates(ok, (r) => `${r.tenant}/${r.identifier}`, 'identifier', ctx);
    // Parents must exist in the file (valid rows) or already in the deployment.
    const inFile = new Set(unique.map((r) => `${r.tenantId}/${r.identifier}`));
    const inDb = new Set(
      (await ctx.trx.selectFrom('agencies').select(['tenant_id', 'identifier']).execute()).map(
        (a) => `${a.tenant_id}/${a.identifier}`,
      ),
    );
    // a parent rejected above makes its children invalid too: repeat until stable
    let valid = unique;
    for (;;) {
      const keep = new Set(valid.map((r) => `${r.tenantId}/${r.identifier}`));
      const next = valid.filter((r) => {
        if (!r.parent_identifier) return true;
        const k = `${r.tenantId}/${r.parent_identifier.toUpperCase()}`;
        if (keep.has(k) || inDb.has(k)) return true;
        const why = inFile.has(k) ? 'was rejected' : 'does not exist';
        ctx.reject(
          r.line,
          'parent_identifier',
          `parent agency ${r.parent_identifier} ${why}`,
          `cơ quan cấp trên ${r.parent_identifier} ${inFile.has(k) ? 'bị từ chối' : 'không tồn tại'}`,
        );
        return false;
      });
      if (next.length === valid.length) return next;
      valid = next;
    }
  },

  async apply(rows, ctx) {
    const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const ids = new Map(
      (await ctx.trx.selectFrom('agencies').select(['id', 'tenant_id', 'identifier']).execute()).map((a) => [
        `${a.tenant_id}/${a.identifier}`,
        a.id,
      ]),
    );
    // parents first
    const pending = [...rows];
    while (pending.length) {
      const idx = pending.findIndex(
        (r) => !r.parent_identifier || ids.has(`${r.tenantId}/${r.parent_identifier.toUpperCase()}`),
      );
      if (idx < 0) throw new Error('agency hierarchy has a cycle');
      const r = pending.splice(idx, 1)[0]!;
      const values = {
        tenant_id: r.tenantId!,
        identifier: r.identifier,
        name: r.name,
        short_name: r.short_name || null,
        kind: r.kind as AgencyKind,
        level: r.level as AgencyLevel,
        admin_unit_id: r.unitId!,
        parent_id: r.parent_identifier
          ? (ids.get(`${r.tenantId}/${r.parent_identifier.toUpperCase()}`) ?? null)
          : null,
      };
      const res = await ctx.trx
        .insertInto('agencies')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'identifier'])
            .doUpdateSet({ ...values, updated_at: sql`now()` })
            .where(sql<boolean>`(agencies.name, agencies.short_name, agencies.kind, agencies.level, agencies.admin_unit_id, agencies.parent_id)
              is distinct from (excluded.name, excluded.short_name, excluded.kind, excluded.level, excluded.admin_unit_id, excluded.parent_id)`),
        )
        .returning(['id', sql<boolean>`xmax = 0`.as('inserted')])
        .executeTakeFirst();
      if (!res) {
        counts.unchanged++;
        continue;
      }
      ids.set(`${r.tenantId}/${r.identifier}`, res.id);
      if (res.inserted) counts.inserted++;
      else counts.updated++;
    }
    return counts;
  },
};
