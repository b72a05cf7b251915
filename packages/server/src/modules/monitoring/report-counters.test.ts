/**
 * The periodic report summed from the day counters equals the report counted from the facts, for
 * periods that run midnight to midnight, after a fortnight of dossiers at phường Hoàn Kiếm
 * (returned on time and late, open and overdue, waiting for a supplement, stopped, withdrawn,
 * refused, submitted online, apologised for); and the report route says which it used.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import {
  dossierApi,
  finishAtHoanKiem,
  H,
  journey,
  placeOf,
  submitOnlineBirth,
  vn,
} from '../dossiers/test-helpers.js';
import { CountersWorker } from './counters.js';
import { processingReport, type ReportQuery } from './report.js';
import { dayAligned, reportFromCounters } from './report-counters.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const worker = new CountersWorker({ db: t.appDb });
const hoanKiem = await placeOf(t.db, 'motcua.hoankiem');

describe('the periodic report from the day counters', () => {
  let tenantId: number;
  let agencyId: number;

  it('a fortnight of dossiers', async () => {
    const first = await journey(api, 'returned');
    agencyId = first.competentAgencyId as number;
    tenantId = (
      await t.db
        .selectFrom('agencies')
        .select('tenant_id')
        .where('id', '=', agencyId)
        .executeTakeFirstOrThrow()
    ).tenant_id;
    const late = await journey(api, 'appraisal');
    let waiting = await journey(api, 'appraisal');
    waiting = await api.act('chuyenvien.hoankiem', waiting, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' }],
    });
    const w = await journey(api, 'accepted');
    await api.act('motcua.hoankiem', w, 'withdraw', { reason: 'Người nộp xin rút' });
    const r = await journey(api, 'submitted');
    await api.act('motcua.hoankiem', r, 'refuse_intake', { reason: 'Không thuộc thẩm quyền' });
    const o = await api.act('motcua.hoankiem', await submitOnlineBirth(api, hoanKiem), 'accept');
    api.advance(24 * H); // 8 December
    const s = await journey(api, 'appraisal');
    await api.act('lanhdao.hoankiem', s, 'stop', {
      reason: 'Hồ sơ giả mạo',
      legalGround: 'Điều 18 Nghị định 118/2025/NĐ-CP',
    });
    await api.act('motcua.hoankiem', await journey(api, 'appraisal'), 'apologise', {
      reason: 'Lãnh đạo đi công tác',
      newAppointmentAt: '2026-12-11T11:00:00+07:00',
    });
    await finishAtHoanKiem(api, o);
    api.advance(2 * 24 * H); // 10 December: the open ones have run late
    await finishAtHoanKiem(api, late);
    waiting = await api.act('motcua.hoankiem', waiting, 'supplement_received', {
      provided: ['GIAY_CHUNG_SINH'],
    });
    await journey(api, 'signing');
    api.advance(5 * 24 * H); // 15 December
    await finishAtHoanKiem(api, waiting);
    await api.act('motcua.hoankiem', await submitOnlineBirth(api, hoanKiem), 'accept');
    api.advance(19 * 24 * H); // 3 January 2027
    await journey(api, 'accepted');
    expect(await worker.runUntilIdle()).toBeGreaterThan(0);
  });

  const periods: ReportQuery[] = [
    { period: '2026-12' },
    { period: '2026-12', groupBy: 'field' },
    { period: '2026-12', stopped: 'resolved' },
    { period: '2026-Q4', cutoff: 'government' },
    { from: '2026-12-07', to: '2026-12-07' },
    { from: '2026-12-08', to: '2026-12-08' },
    { from: '2026-12-08', to: '2026-12-09' },
    { from: '2026-12-10', to: '2026-12-10' },
    { from: '2026-12-10', to: '2026-12-15' },
    { from: '2026-12-15', to: '2026-12-15' },
    { from: '2026-12-10', to: '2026-12-31' },
    { from: '2026-12-01', to: '2026-12-14' },
    { from: '2026-12-16', to: '2027-01-02' },
  ];

  it.each(periods)('equals the report from the facts for %o', async (q) => {
    const now = api.clock.now();
    const fromFacts = await processingReport(t.db, tenantId, agencyId, q, now);
    const fromCounters = await reportFromCounters(t.db, tenantId, agencyId, q, now);
    expect(fromCounters).toEqual(fromFacts);
    expect(fromFacts.total.received.total).toBeGreaterThan(0);
  });

  it('the month counts what happened in it', async () => {
    const r = (await reportFromCounters(t.db, tenantId, agencyId, { period: '2026-12' }, api.clock.now()))!;
    expect(r.total.received).toMatchObject({ newOnline: 2 });
    expect(r.total.resolved.late).toBeGreaterThan(0);
    expect(r.total.suspended.stopped).toBe(1);
    expect(r.total.withdrawn).toBe(1);
    expect(r.total.apologies).toBe(1);
  });

  it('is not made for a period still running: it ends now, not at a midnight', async () => {
    const now = api.clock.now();
    expect(await reportFromCounters(t.db, tenantId, agencyId, { period: '2027-01' }, now)).toBeNull();
    expect(dayAligned({ from: vn(2026, 12, 1), to: vn(2027, 1, 1) })).not.toBeNull();
    expect(dayAligned({ from: vn(2026, 12, 1), to: vn(2027, 1, 1, 9) })).toBeNull();
  });

  it('the route uses the counters when fresh and day-aligned, the facts otherwise, and says so', async () => {
    const get = async (query: string) => {
      const res = await api.get('lanhdao.hoankiem', `/api/v1/agencies/${agencyId}/report?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const past = await get('period=2026-12');
    expect(past).toMatchObject({ source: 'counters', countersLagSeconds: 0 });
    const expected = await processingReport(t.db, tenantId, agencyId, { period: '2026-12' }, api.clock.now());
    expect(past.total).toEqual(expected.total);
    expect((await get('period=2027-01')).source).toBe('facts');
    // a change the counters have not taken for a minute: they are not fresh
    await sql`update dossier_facts set counted_version = null, changed_at = now() - interval '1 minute'
      where dossier_id = (select min(dossier_id) from dossier_facts where tenant_id = ${tenantId})`.execute(
      t.db,
    );
    const stale = await get('period=2026-12');
    expect(stale.source).toBe('facts');
    expect(stale.countersLagSeconds).toBeGreaterThanOrEqual(60);
    expect(stale.total).toEqual(past.total);
    await worker.runUntilIdle();
    expect((await get('period=2026-12')).source).toBe('counters');
  });
});
