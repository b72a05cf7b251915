/**
 * The on-the-spot rate over the API, from the action log: at phường Hoàn Kiếm's reception point a
 * birth registration returned within the day, one returned the next day and one waiting for a
 * supplement; at the city's centre one received there but handled by the commune. Checked against
 * a plain SQL count of the same rule over dossier_actions, and against the targets.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { BIRTH_AT_COUNTER, dossierApi, H, journey, vn } from '../dossiers/test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

interface Centre {
  centre: { id: number; code: string; kind: string };
  dossiers: { numerator: number; denominator: number; percent: number | null };
  procedures: { numerator: number; denominator: number; percent: number | null };
  target: { percent: number } | null;
  meetsTarget: boolean | null;
  byProcedure: { code: string; received: number; onTheSpot: number; counts: boolean }[];
  misses: Record<string, number>;
}

describe('the on-the-spot rate per centre', () => {
  const get = (query: string, user = 'thanhtra') => api.get(user, `/api/v1/on-the-spot?${query}`);
  const centre = (body: { centres: Centre[] }, code: string) =>
    body.centres.find((c) => c.centre.code === code)!;
  let commune: string;

  it('counts the dossiers resolved on the spot and the procedures, against each centre’s target', async () => {
    const same = await journey(api, 'returned');
    const identifier = (
      await t.db
        .selectFrom('agencies')
        .select('identifier')
        .where('id', '=', same.competentAgencyId as number)
        .executeTakeFirstOrThrow()
    ).identifier;
    const point = await t.db
      .selectFrom('dossiers as d')
      .innerJoin('reception_points as p', 'p.id', 'd.reception_point_id')
      .select(['p.code'])
      .where('d.id', '=', same.id)
      .executeTakeFirstOrThrow();
    commune = point.code;
    const nextDay = await journey(api, 'result_ready');
    const waiting = await journey(api, 'appraisal');
    await api.act('chuyenvien.hoankiem', waiting, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' }],
    });
    let c = await api.register('motcua.tinh', { ...BIRTH_AT_COUNTER, competentAgency: identifier });
    c = await api.act('motcua.tinh', c, 'accept');
    c = await api.act('motcua.tinh', c, 'forward');
    c = await api.act('chuyenvien.hoankiem', c, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) c = await api.act('lanhdao.hoankiem', c, a);
    c = await api.act('vanthu.hoankiem', c, 'issue_result');
    await api.act('motcua.tinh', c, 'return_result', { delivery: 'counter' });
    api.advance(24 * H);
    await api.act('motcua.hoankiem', nextDay, 'return_result', { delivery: 'counter' });

    const res = await get('period=2026-12');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.rule).toBe('MOTCUA_SAME_DAY_AT_CENTRE');
    // the province's centre first, then its branches, then the communes
    const kinds = (body.centres as Centre[]).map((x) => x.centre.kind);
    expect(kinds[0]).toBe('provincial_center');
    expect(kinds.lastIndexOf('branch')).toBeLessThan(kinds.indexOf('commune_center'));
    const xa = centre(body, commune);
    expect(xa.centre.kind).toBe('commune_center');
    expect(xa.dossiers).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
    expect(xa.misses).toEqual({ not_same_day: 1, clock_stopped: 1 });
    // 1 of 3 birth registrations: under half, so the procedure does not count
    expect(xa.byProcedure).toEqual([
      expect.objectContaining({ code: '1.001193', received: 3, onTheSpot: 1, counts: false }),
    ]);
    expect(xa.procedures).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    expect(xa.target?.percent).toBe(50);
    expect(xa.meetsTarget).toBe(false);
    const city = centre(body, 'TTPVHCC');
    expect(city.centre.kind).toBe('provincial_center');
    expect(city.dossiers).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    expect(city.misses).toEqual({ other_agency: 1 });
    expect(city.target?.percent).toBe(20);
    expect(city.meetsTarget).toBe(false);
    // a centre that received nothing has no rate and no verdict, not 0 %
    const idle = body.centres.find((x: Centre) => x.dossiers.denominator === 0);
    expect(idle.dossiers.percent).toBeNull();
    expect(idle.meetsTarget).toBeNull();
  });

  it('lets the procedure share be chosen, and one centre be asked for', async () => {
    const all = (await get('period=2026-12&procedureShare=0.3')).json();
    const xa = centre(all, commune);
    expect(xa.procedures).toEqual({ numerator: 1, denominator: 1, percent: 100 });
    expect(xa.meetsTarget).toBe(true);
    const one = (await get(`period=2026-12&centre=${xa.centre.id}`)).json();
    expect(one.centres).toHaveLength(1);
    expect(one.centres[0].dossiers).toEqual(xa.dossiers);
  });

  it('agrees with the rule written as plain SQL over the action log', async () => {
    const from = new Date(vn(2026, 12, 1));
    const to = new Date(vn(2027, 1, 1));
    const { rows } = await sql<{ code: string; received: number; spot: number }>`
      select p.code, count(*)::int as received,
             count(*) filter (where
               exists (select 1 from dossier_actions i where i.dossier_id = d.id and i.type = 'issue_result'
                        and (i.at at time zone 'UTC' + interval '7 hours')::date = (acc.at at time zone 'UTC' + interval '7 hours')::date)
               and exists (select 1 from dossier_actions r where r.dossier_id = d.id and r.type = 'return_result'
                        and (r.at at time zone 'UTC' + interval '7 hours')::date = (acc.at at time zone 'UTC' + interval '7 hours')::date)
               and not exists (select 1 from dossier_actions x where x.dossier_id = d.id and x.seq >= acc.seq
                        and x.actor ->> 'kind' = 'officer' and x.actor ->> 'agency' <> ag.identifier)
               and not exists (select 1 from dossier_actions x where x.dossier_id = d.id
                        and (x.type in ('request_supplement', 'joint_send')
                             or (x.type = 'request_payment' and (x.payload ->> 'pausesClock')::boolean)))
             )::int as spot
        from dossiers d
        join dossier_actions acc on acc.dossier_id = d.id and acc.type = 'accept'
        join reception_points p on p.id = d.reception_point_id
        join agencies ag on ag.id = p.agency_id
       where acc.at >= ${from} and acc.at < ${to}
       group by p.code`.execute(t.db);
    const body = (await get('period=2026-12')).json();
    expect(rows.length).toBe(2);
    for (const r of rows)
      expect(centre(body, r.code).dossiers).toMatchObject({ numerator: r.spot, denominator: r.received });
  });

  it('refuses bad input with the module’s codes, and readers without the role', async () => {
    const unknown = await get('period=2026-12&centre=999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    expect((await get('from=2026-12-31&to=2026-12-01')).json().error.code).toBe('PERIOD_RANGE_REVERSED');
    expect((await get('from=2026-01-01&to=2027-06-30')).json().error.code).toBe('PERIOD_TOO_LONG');
    expect((await get('period=2026-12&procedureShare=0')).statusCode).toBe(400);
    expect((await get('period=2026-12&procedureShare=1.5')).statusCode).toBe(400);
    expect((await get('period=2026-12', 'chuyenvien.hoankiem')).statusCode).toBe(403);
    expect((await get('period=2026-12', 'lanhdao.hoankiem')).statusCode).toBe(200);
  });
});
