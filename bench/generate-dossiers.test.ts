/**
 * The dossier generator on a small scale (2,000 dossiers in the demo): what it writes is what the
 * core lifecycle says (replay of each log = stored state and derived columns), its references are
 * real, and the proportions are roughly the intended ones.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { replayCheck } from '../packages/server/src/modules/dossiers/log.js';
import { testDatabase } from '../packages/server/src/test/db.js';
import { CHANNEL_WEIGHTS, pathsOf, type Shape } from './dossier-templates.js';
import { type GenerateResult, generateDossiers } from './generate-dossiers.js';

const t = await testDatabase('demo');
const db = t.db;
const NOW = Date.parse('2026-11-20T03:00:00Z');
const COUNT = 2000;
let r: GenerateResult;

beforeAll(async () => {
  r = await generateDossiers(db, { count: COUNT, now: NOW, seed: 7, batchSize: 700 });
}, 120_000);

describe('generateDossiers', () => {
  it('writes the dossiers and their logs in batches', async () => {
    expect(r.dossiers).toBe(COUNT);
    expect(r.lastId - r.firstId + 1).toBe(COUNT);
    const n = await db
      .selectFrom('dossier_actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(r.actions);
    // a typical life is a dozen actions: submission, acceptance, each step, the result
    expect(r.actions / COUNT).toBeGreaterThan(6);
    expect(r.actions / COUNT).toBeLessThan(16);
  });

  it('stores exactly what the core replay of each log gives (a sample of 200)', async () => {
    const ids = await db
      .selectFrom('dossiers')
      .select('id')
      .where('id', '>=', r.firstId)
      .orderBy('id')
      .execute();
    const sample = ids.filter((_, i) => i % 10 === 0);
    expect(sample).toHaveLength(200);
    for (const { id } of sample) expect(await replayCheck(db, id), `dossier ${id}`).toEqual([]);
  });

  it('spreads channels and states as intended', () => {
    const share = (m: Record<string, number>, k: string) => (m[k] ?? 0) / COUNT;
    for (const [channel, w] of Object.entries(CHANNEL_WEIGHTS))
      expect(Math.abs(share(r.byChannel, channel) - w), channel).toBeLessThan(0.05);
    // a year of intake: most dossiers are returned, a few refused, stopped or withdrawn
    expect(share(r.byStatus, 'returned')).toBeGreaterThan(0.8);
    expect(share(r.byStatus, 'returned')).toBeLessThan(0.96);
    for (const s of ['refused', 'stopped', 'withdrawn']) {
      expect(share(r.byStatus, s), s).toBeGreaterThan(0.002);
      expect(share(r.byStatus, s), s).toBeLessThan(0.06);
    }
    const live = [
      'submitted',
      'accepted',
      'processing',
      'supplement_requested',
      'awaiting_payment',
      'result_ready',
    ];
    const liveShare = live.reduce((n, s) => n + share(r.byStatus, s), 0);
    expect(liveShare).toBeGreaterThan(0.005);
    expect(liveShare).toBeLessThan(0.08);
    expect(r.byStatus.draft).toBeUndefined();
  });

  it('spreads dossiers over procedures, agencies and the year, in intake order', async () => {
    const procedures = await sql<{ code: string; n: number }>`
      select p.code, count(*)::int as n from dossiers d join procedures p on p.id = d.procedure_id
      group by 1 order by 2 desc`.execute(db);
    expect(procedures.rows.length).toBeGreaterThanOrEqual(10);
    // certification of copies is the commonest procedure at the one-stop units
    expect(procedures.rows[0]!.code).toBe('2.000815');
    const agencies = await sql<{
      n: number;
    }>`select count(distinct competent_agency_id)::int as n from dossiers`.execute(db);
    expect(agencies.rows[0]!.n).toBeGreaterThan(100);
    const span = await sql<{ first: Date; last: Date; ordered: boolean }>`
      select min(created_at) as first, max(created_at) as last,
             bool_and(created_at >= prev) as ordered
      from (select created_at, lag(created_at, 1, '-infinity') over (order by id) as prev from dossiers) x`.execute(
      db,
    );
    const s = span.rows[0]!;
    expect(NOW - s.first.getTime()).toBeGreaterThan(360 * 86_400_000);
    expect(s.last.getTime()).toBeLessThanOrEqual(NOW);
    // ids follow the submission order (within a batch's jitter of one slot)
    expect(s.ordered).toBe(true);
  });

  it('gives codes from the agency-day counters, and raises the counters past them', async () => {
    const codes = await sql<{ n: number; bad: number; over: number }>`
      select count(*)::int as n,
             count(*) filter (where code !~ '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.H26-[0-9]{6}-[0-9]{4}$')::int as bad,
             count(*) filter (where not exists (
               select 1 from dossier_code_sequences s
               where s.agency_id = d.receiving_agency_id and s.scheme = d.code_scheme
                 and s.scope_date = to_date(substr(d.code, 15, 6), 'YYMMDD')
                 and s.last_value >= substr(d.code, 22)::int)) ::int as over
      from dossiers d where d.code is not null`.execute(db);
    expect(codes.rows[0]!.n).toBeGreaterThan(COUNT * 0.9);
    expect(codes.rows[0]!.bad).toBe(0);
    expect(codes.rows[0]!.over).toBe(0);
  });

  it('names real officers and citizens as actors, assignees and performers', async () => {
    const orphans = await sql<{ actors: number; assignees: number; citizens: number }>`
      select
        (select count(*)::int from dossier_actions a
          where a.actor ->> 'kind' = 'officer'
            and not exists (select 1 from staff s where s.id = (a.actor ->> 'staffId')::int)) as actors,
        (select count(*)::int from dossier_actions a
          where a.actor ->> 'kind' = 'applicant' and not exists (
            select 1 from dossiers d where d.id = a.dossier_id and d.citizen_id = (a.actor ->> 'citizenId')::bigint)) as citizens,
        (select count(*)::int from dossiers d where d.assignee_id is not null
          and not exists (select 1 from staff_positions p where p.staff_id = d.assignee_id
                            and p.role = 'specialist' and p.agency_id = d.step_agency_id)) as assignees`.execute(
      db,
    );
    expect(orphans.rows[0]).toEqual({ actors: 0, assignees: 0, citizens: 0 });
    const online = await sql<{ without: number }>`
      select count(*)::int as without from dossiers where channel = 'online' and citizen_id is null`.execute(
      db,
    );
    expect(online.rows[0]!.without).toBe(0);
  });

  it('builds every path of every demo workflow with core apply, in time order', async () => {
    const rows = await db.selectFrom('workflows').select(['definition', 'limit_hours']).execute();
    for (const w of rows) {
      const shape: Shape = {
        id: 0,
        definition: w.definition as Shape['definition'],
        limitHours: Number(w.limit_hours ?? 40),
        payment: true,
      };
      const start = shape.definition.steps.find((s) => s.code === shape.definition.start);
      if (start?.kind !== 'task' || start.role !== 'receiving_officer') continue;
      const paths = pathsOf(shape, 1);
      expect(paths.reduce((n, p) => n + p.weight, 0)).toBeCloseTo(1, 9);
      for (const p of paths) {
        expect(p.actionTimes.every((x, i) => i === 0 || x > p.actionTimes[i - 1]!)).toBe(true);
        expect(p.templates).toHaveLength(p.actions.length);
        expect(['returned', 'refused', 'withdrawn', 'stopped']).toContain(p.final.status);
        expect(p.templates.at(-1)!.status).toBe(p.final.status);
        expect(p.final.version).toBe(p.actions.length);
      }
    }
  });
});
