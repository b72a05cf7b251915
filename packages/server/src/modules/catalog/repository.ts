import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { unaccentLike } from '../org/repository.js';

/**
 * Accent- and case-insensitive search over procedure names and codes ("giay phep xay dung" finds
 * "Giấy phép xây dựng"): every word must appear in the folded name (trigram index on the stored
 * name_search column), or, for a word of digits and dots, start the code; ranked by similarity.
 */
export async function searchProcedures(
  db: Db,
  f: { q?: string; fieldId?: number; level?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', 'v.id', 'p.current_version_id')
    .leftJoin('fields as f', 'f.id', 'p.field_id');
  const words = (f.q ?? '').normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 12);
  for (const w of words) {
    const inName = sql<boolean>`p.name_search like ('%' || lower(f_unaccent(${unaccentLike(w)})) || '%')`;
    // only a code-like word may match a code prefix: an OR on every word would defeat the index
    q = /^[0-9.]+$/.test(w)
      ? q.where((eb) => eb.or([inName, eb('p.code', 'like', `${unaccentLike(w)}%`)]))
      : q.where(inName);
  }
  if (f.fieldId) q = q.where('p.field_id', '=', f.fieldId);
  if (f.level) q = q.where(sql<boolean>`${f.level} = any(v.levels)`);
  const text = words.join(' ');
  const rows = await q
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.ministry',
      'f.id as field_id',
      'f.name as field_name',
      'v.levels',
      'v.version_no',
      'v.review_flags',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .$if(text.length > 0, (qb) =>
      qb.orderBy(sql`similarity(p.name_search, lower(f_unaccent(${text})))`, 'desc'),
    )
    .orderBy('p.code')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  // the window count rides on the page; a page past the end still needs the total
  const total =
    rows[0]?.total ??
    (f.offset > 0
      ? Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      : 0);
  return { items: rows.map(({ total: _total, ...item }) => item), total: Number(total) };
}

export async function getProcedureByCode(db: Db, code: string) {
  return db
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', 'v.id', 'p.current_version_id')
    .leftJoin('fields as f', 'f.id', 'p.field_id')
    .select([
      'p.id',
      'p.code',
      'p.ministry',
      'f.name as field_name',
      'v.version_no',
      'v.name',
      'v.decision_no',
      'v.levels',
      'v.procedure_type',
      'v.applicant_types',
      'v.competent_agency',
      'v.implementing_agency',
      'v.coordinating_agency',
      'v.channels',
      'v.documents',
      'v.legal_basis',
      'v.conditions',
      'v.result',
      'v.steps_text',
      'v.source_url',
      'v.review_flags',
    ])
    .where('p.code', '=', code)
    .executeTakeFirst();
}

export async function listFields(db: Db) {
  return db
    .selectFrom('fields as f')
    .leftJoin('procedures as p', 'p.field_id', 'f.id')
    .select(['f.id', 'f.code', 'f.name', (eb) => eb.fn.count<number>('p.id').as('procedures')])
    .groupBy('f.id')
    .orderBy('f.name')
    .execute();
}
