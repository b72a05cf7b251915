/**
 * The periodic report of an agency over the API, from the live facts: Hoàn Kiếm's December 2026
 * with dossiers returned, still open (one overdue), waiting for a supplement, withdrawn and
 * refused; checked against the report's invariants and against a count made with plain SQL over
 * the action log.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { type Dossier, dossierApi, H, journey, vn } from '../dossiers/test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

describe('the periodic processing report', () => {
  let agencyId: number;
  const report = async (query: string, user = 'lanhdao.hoankiem') =>
    api.get(user, `/api/v1/agencies/${agencyId}/report?${query}`);

  it('counts December at phường Hoàn Kiếm', async () => {
    const returned = await journey(api, 'returned');
    agencyId = returned.competentAgencyId as number;
    await journey(api, 'appraisal'); // open, in time until 17:00
    const late = await journey(api, 'appraisal');
    let waiting = await journey(api, 'appraisal');
    waiting = await api.act('chuyenvien.hoankiem', waiting, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' }],
    });
    const w = await journey(api, 'accepted');
    await api.act('motcua.hoankiem', w, 'withdraw', { reason: 'Người nộp xin rút' });
    const r = await journey(api, 'submitted');
    await api.act('motcua.hoankiem', r, 'refuse_intake', { reason: 'Không thuộc thẩm quyền' });
    // a day later the open ones are overdue at the end of the month; one is finished late
    api.advance(26 * H);
    let d: Dossier = late;
    d = await api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) d = await api.act('lanhdao.hoankiem', d, a);
    await api.act('vanthu.hoankiem', d, 'issue_result');

    const res = await report('period=2026-12');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.period.label).toBe('Tháng 12/2026');
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh' });
    const total = body.total;
    expect(total.received).toEqual({ total: 5, carriedOver: 0, newOnline: 0, newDirectOrPostal: 5 });
    expect(total.resolved).toEqual({ total: 2, early: 0, onTime: 1, late: 1 });
    expect(total.pending).toEqual({ total: 1, inTime: 0, overdue: 1 });
    expect(total.suspended).toEqual({ total: 1, supplement: 1, payment: 0, stopped: 0 });
    expect(total.withdrawn).toBe(1);
    expect(total.onTimeRate).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    // received = resolved + pending + suspended + withdrawn
    expect(total.received.total).toBe(
      total.resolved.total + total.pending.total + total.suspended.total + total.withdrawn,
    );
  });

  it('agrees with a plain count over the action log', async () => {
    const from = new Date(vn(2026, 12, 1, 0, 0));
    const to = new Date(vn(2027, 1, 1, 0, 0));
    const { rows } = await sql<{ received: number; resolved: number; late: number; withdrawn: number }>`
      with accepted as (
        select a.dossier_id, (a.payload ->> 'dueAt')::bigint as due_ms
          from dossier_actions a join dossiers d on d.id = a.dossier_id
         where a.type = 'accept' and d.competent_agency_id = ${agencyId} and a.at >= ${from} and a.at < ${to}
      ), issued as (
        select a.dossier_id, a.at from dossier_actions a where a.type = 'issue_result' and a.at < ${to}
      )
      select (select count(*) from accepted)::int as received,
             (select count(*) from issued i join accepted c using (dossier_id))::int as resolved,
             (select count(*) from issued i join accepted c using (dossier_id)
               where extract(epoch from i.at) * 1000 > c.due_ms)::int as late,
             (select count(*) from dossier_actions a join accepted c using (dossier_id)
               where a.type = 'withdraw')::int as withdrawn`.execute(t.db);
    const total = (await report('period=2026-12')).json().total;
    expect(rows[0]).toEqual({
      received: total.received.total,
      resolved: total.resolved.total,
      late: total.resolved.late,
      withdrawn: total.withdrawn,
    });
  });

  it('carries the open dossiers over into January, and leaves out what ended in December', async () => {
    expect((await report('period=2027-01')).json().error.code).toBe('PERIOD_IN_FUTURE');
    api.advance(26 * 24 * H); // 3 January 2027
    const jan = (await report('period=2027-01')).json().total;
    expect(jan.received).toMatchObject({ total: 2, carriedOver: 2 });
    expect(jan.resolved.total).toBe(0);
    const byField = (await report('period=2026-Q4&groupBy=field&cutoff=government')).json();
    expect(byField.groupBy).toBe('field');
    expect(byField.period.label).toBe('Quý IV/2026');
  });

  it('refuses a bad period with its code, and anyone outside the agency', async () => {
    const bad = await report('from=2026-12-31&to=2026-12-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'PERIOD_RANGE_REVERSED' });
    expect((await report('from=2026-01-01&to=2027-06-30')).json().error.code).toBe('PERIOD_TOO_LONG');
    expect((await report('period=2026-13')).json().error.code).toBe('PERIOD_INVALID');
    expect((await report('')).statusCode).toBe(400);
    expect((await report('period=2026-12', 'chuyenvien.hoankiem')).statusCode).toBe(403);
    expect((await report('period=2026-12', 'lanhdao.sxd')).statusCode).toBe(403);
  });
});
