import { createHash } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { sql } from 'kysely';
import type { ImportCounts, Importer } from '../types.js';

const Str = Type.Union([Type.String(), Type.Null()]);
const TimeUnit = Type.Union([
  Type.Literal('working_days'),
  Type.Literal('calendar_days'),
  Type.Literal('working_hours'),
  Type.Literal('months'),
  Type.Null(),
]);

/** The record format of data/procedures/procedures.jsonl.gz (see data/README.md). */
export const ProcedureRecord = Type.Object({
  code: Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' }),
  name: Type.String({ minLength: 1 }),
  field: Str,
  ministry: Str,
  decisionNo: Str,
  levels: Type.Array(Type.String()),
  procedureType: Str,
  applicantTypes: Type.Array(Type.String()),
  competentAgency: Str,
  implementingAgency: Str,
  coordinatingAgency: Str,
  delegatedAgency: Str,
  receivingAddress: Str,
  channels: Type.Array(
    Type.Object({
      channel: Type.Union([Type.Literal('direct'), Type.Literal('online'), Type.Literal('postal')]),
      timeLimit: Type.Object({
        value: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
        unit: TimeUnit,
        raw: Str,
      }),
      fees: Type.Unknown(),
      rawText: Str,
    }),
  ),
  documents: Type.Array(
    Type.Object({
      group: Str,
      name: Type.String({ minLength: 1 }),
      templateFile: Str,
      originals: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
      certifiedCopies: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
      copies: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
      quantityRaw: Str,
    }),
  ),
  documentsPreamble: Str,
  legalBasis: Type.Array(Type.Object({ number: Str, title: Str })),
  conditions: Str,
  result: Type.Union([Type.Object({ text: Str, codes: Type.Array(Type.String()) }), Type.Null()]),
  stepsText: Str,
  sourceUrl: Str,
  reviewFlags: Type.Array(Type.String()),
});
type ProcedureRecord = Static<typeof ProcedureRecord>;
type Row = { line: number; record: ProcedureRecord; hash: string };

const SOURCE = 'national_catalogue';

export const proceduresImporter: Importer<Row> = {
  kind: 'procedures',
  description: 'National procedure catalogue, one JSON record per line (data/procedures/procedures.jsonl.gz)',

  parse(text, ctx) {
    const rows: Row[] = [];
    text.split('\n').forEach((raw, i) => {
      const line = i + 1;
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        ctx.reject(
          line,
          null,
          `not valid JSON: ${(e as Error).message}`,
          `không phải JSON hợp lệ: ${(e as Error).message}`,
        );
        return;
      }
      const first = Value.Errors(ProcedureRecord, value).First();
      if (first) {
        const field = first.path.replace(/^\//, '') || null;
        ctx.reject(line, field, first.message, `giá trị không hợp lệ: ${first.message}`);
        return;
      }
      const record = value as ProcedureRecord;
      rows.push({ line, record, hash: createHash('sha256').update(raw.trim()).digest('hex') });
    });
    return rows;
  },

  async validate(rows, ctx) {
    const first = new Map<string, number>();
    return rows.filter((r) => {
      const seen = first.get(r.record.code);
      if (seen !== undefined) {
        ctx.reject(
          r.line,
          'code',
          `duplicate code ${r.record.code} (first at line ${seen})`,
          `trùng mã thủ tục ${r.record.code} (đã có ở dòng ${seen})`,
        );
        return false;
      }
      first.set(r.record.code, r.line);
      return true;
    });
  },

  async apply(rows, ctx) {
    const { trx } = ctx;
    const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 };
    // fields (lĩnh vực) by name: the 2026 snapshot carries names only
    const names = [...new Set(rows.map((r) => r.record.field).filter((f): f is string => !!f))];
    if (names.length)
      await trx
        .insertInto('fields')
        .values(names.map((name) => ({ name })))
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    const fieldIds = new Map(
      (await trx.selectFrom('fields').select(['id', 'name']).execute()).map((f) => [f.name, f.id]),
    );
    const current = new Map(
      (
        await trx
          .selectFrom('procedures as p')
          .leftJoin('procedure_versions as v', 'v.id', 'p.current_version_id')
          .select([
            'p.id',
            'p.code',
            'v.content_hash',
            sql<number>`(select max(version_no) from procedure_versions x where x.procedure_id = p.id)`.as(
              'maxVersion',
            ),
          ])
          .execute()
      ).map((p) => [p.code, p]),
    );
    const versionValues = (
      r: ProcedureRecord,
      procedureId: number,
      versionNo: number,
      hash: string,
      opts: { effectiveFrom: string | null; status: 'published' | 'draft'; flags?: string[] },
    ) => ({
      procedure_id: procedureId,
      version_no: versionNo,
      status: opts.status,
      name: r.name,
      decision_no: r.decisionNo,
      field_name: r.field,
      effective_from: opts.effectiveFrom,
      // the national record says an online channel exists, not whether the service is full
      online_level: r.channels.some((c) => c.channel === 'online') ? ('partial' as const) : ('none' as const),
      results: JSON.stringify(
        r.result
          ? [
              {
                code: r.result.codes[0] ?? null,
                name: r.result.text || 'Kết quả giải quyết thủ tục hành chính',
                paper: true,
                electronic: false,
              },
            ]
          : [],
      ),
      levels: r.levels,
      procedure_type: r.procedureType,
      applicant_types: r.applicantTypes,
      competent_agency: r.competentAgency,
      implementing_agency: r.implementingAgency,
      coordinating_agency: r.coordinatingAgency,
      delegated_agency: r.delegatedAgency,
      receiving_address: r.receivingAddress,
      channels: JSON.stringify(r.channels),
      documents: JSON.stringify(r.documents),
      documents_preamble: r.documentsPreamble,
      legal_basis: JSON.stringify(r.legalBasis),
      conditions: r.conditions,
      result: r.result === null ? null : JSON.stringify(r.result),
      steps_text: r.stepsText,
      source: SOURCE,
      source_url: r.sourceUrl,
      review_flags: [...r.reviewFlags, ...(opts.flags ?? [])],
      content_hash: hash,
      published_at: opts.status === 'published' ? new Date() : null,
    });

    let done = 0;
    const fresh = rows.filter((r) => !current.has(r.record.code));
    for (let i = 0; i < fresh.length; i += 250) {
      const chunk = fresh.slice(i, i + 250);
      const ids = await trx
        .insertInto('procedures')
        .values(
          chunk.map(({ record: r }) => ({
            code: r.code,
            name: r.name,
            field_id: r.field ? (fieldIds.get(r.field) ?? null) : null,
            ministry: r.ministry,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      const idOf = new Map(ids.map((p) => [p.code, p.id]));
      await trx
        .insertInto('procedure_versions')
        .values(
          chunk.map((r) =>
            versionValues(r.record, idOf.get(r.record.code)!, 1, r.hash, {
              effectiveFrom: null,
              status: 'published',
            }),
          ),
        )
        .execute();
      counts.inserted += chunk.length;
      done += chunk.length;
      ctx.options.onProgress?.(done, rows.length);
    }
    // A changed record becomes a new version in force from the import date; earlier versions stay
    // as they were because dossiers received under them stay bound to them. When a version already
    // takes effect that day (a second change on one day), the change waits as a draft for an
    // administrator: two versions cannot take effect on the same date.
    const importDate =
      ctx.options.today ?? new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    for (const r of rows) {
      const cur = current.get(r.record.code);
      if (!cur) continue;
      if (cur.content_hash === r.hash) counts.unchanged++;
      else {
        const sameDay = await trx
          .selectFrom('procedure_versions')
          .select('id')
          .where('procedure_id', '=', cur.id)
          .where('status', '<>', 'draft')
          .where('effective_from', '=', importDate)
          .executeTakeFirst();
        if (sameDay) {
          // replace an earlier imported draft, never a published version
          await trx
            .deleteFrom('procedure_versions')
            .where('procedure_id', '=', cur.id)
            .where('status', '=', 'draft')
            .execute();
          await trx
            .insertInto('procedure_versions')
            .values(
              versionValues(r.record, cur.id, (cur.maxVersion ?? 0) + 1, r.hash, {
                effectiveFrom: null,
                status: 'draft',
                flags: ['changed_twice_same_day'],
              }),
            )
            .execute();
          counts.updated++;
          done++;
          continue;
        }
        const v = await trx
          .insertInto('procedure_versions')
          .values(
            versionValues(r.record, cur.id, (cur.maxVersion ?? 0) + 1, r.hash, {
              effectiveFrom: importDate,
              status: 'published',
            }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('procedures')
          .set({
            name: r.record.name,
            field_id: r.record.field ? (fieldIds.get(r.record.field) ?? null) : null,
            ministry: r.record.ministry,
            current_version_id: v.id,
            updated_at: sql`now()`,
          })
          .where('id', '=', cur.id)
          .execute();
        counts.updated++;
      }
      done++;
      if (done % 250 === 0) ctx.options.onProgress?.(done, rows.length);
    }
    await sql`
      update procedures p set current_version_id = v.id
      from procedure_versions v
      where v.procedure_id = p.id and v.version_no = 1 and p.current_version_id is null`.execute(trx);
    await sql`analyze procedures`.execute(trx);
    await sql`analyze procedure_versions`.execute(trx);
    return counts;
  },
};
