/**
 * The Decision 766 dossier metrics (2.1, 3.3) of every agency summed from the day counters equal
 * the ones folded from the facts, agency by agency, numerators and denominators, for periods that
 * run midnight to midnight, after two months of dossiers at phường Hoàn Kiếm (on time, late, open
 * and overdue, waiting for a supplement, stopped, withdrawn, refused, submitted online,
 * apologised for) and phường Cầu Giấy (one withdrawn: a 2.1 of 0 ÷ 0; one left open into
 * January); and the indicators route says which source it used.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import {
  BIRTH_AT_COUNTER,
  type Dossier,
  dossierApi,
  finishAtHoanKiem,
  H,
  journey,
  placeOf,
  submitOnlineBirth,
  vn,
} from '../dossiers/test-helpers.js';
import { CountersWorker } from './counters.js';
import { type DossierIndicators, indicatorsFromFacts, scoredIndicators } from './indicators.js';
import { indicatorsFromCounters } from './indicators-counters.js';
import { type ReportQuery, resolvePeriod } from './report.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const worker = new CountersWorker({ db: t.appDb });
const hoanKiem = await placeOf(t.db, 'motcua.hoankiem');

/** A birth registration at Cầu Giấy's counter, accepted. */
async function atCauGiay(): Promise<Dossier> {
  return api.act('motcua.caugiay', await api.register('motcua.caugiay', BIRTH_AT_COUNTER), 'accept');
}

/** Agency by agency in id order: the two sources list agencies in different orders. */
const byAgency = (d: DossierIndicators) => ({
  agencies: [...d.agencies.entries()].sort((a, b) => a[0] - b[0]),
  deployment: d.deployment,
});

describe('the Decision 766 indicators from the day counters', () => {
  let tenantId: number;
  let hoanKiemId: number;
  let cauGiayId: number;

  it('two months of dossiers at two communes', async () => {
    const first = await journey(api, 'returned');
    hoanKiemId = first.competentAgencyId as number;
    tenantId = (
      await t.db
        .selectFrom('agencies')
        .select('tenant_id')
        .where('id', '=', hoanKiemId)
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
    const cg = await atCauGiay();
    cauGiayId = cg.competentAgencyId as number;
    expect(cauGiayId).not.toBe(hoanKiemId);
    api.advance(24 * H); // 8 December
    await api.act('motcua.caugiay', cg, 'withdraw', { reason: 'Người nộp xin rút' });
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
    // left waiting for its only supplement request: 2.1 counts it ended at the request
    await api.act('chuyenvien.hoankiem', await journey(api, 'appraisal'), 'request_supplement', {
      items: [{ name: 'Tờ khai', reason: 'Thiếu chữ ký' }],
    });
    api.advance(19 * 24 * H); // 3 January 2027
    await journey(api, 'accepted');
    await atCauGiay(); // open into February, overdue by then
    await finishAtHoanKiem(
      api,
      await api.act('motcua.hoankiem', await submitOnlineBirth(api, hoanKiem), 'accept'),
    );
    api.advance(30 * 24 * H); // 2 February 2027: January is over
    await journey(api, 'returned');
    expect(await worker.runUntilIdle()).toBeGreaterThan(0);
  });

  const periods: ReportQuery[] = [
    { period: '2026-11' },
    { period: '2026-12' },
    { period: '2027-01' },
    { period: '2026-Q4' },
    { period: '2026-Q4', cutoff: 'government' },
    { period: '2026' },
    { from: '2026-12-08', to: '2026-12-09' },
    { from: '2026-12-10', to: '2026-12-15' },
    { from: '2026-12-16', to: '2027-01-02' },
  ];

  it.each(periods)('equal the indicators from the facts, agency by agency, for %o', async (q) => {
    const range = resolvePeriod(q, api.clock.now());
    const fromFacts = await indicatorsFromFacts(t.db, tenantId, range);
    const fromCounters = await indicatorsFromCounters(t.db, tenantId, range);
    expect(fromCounters).not.toBeNull();
    expect(byAgency(fromCounters!)).toEqual(byAgency(fromFacts));
    // and so the whole answer: scores, totals, rankings in the same order
    expect(await scoredIndicators(t.db, tenantId, range, fromCounters!)).toEqual(
      await scoredIndicators(t.db, tenantId, range, fromFacts),
    );
  });

  it('the figures are the ones the dossiers make', async () => {
    const range = resolvePeriod({ period: '2026-12' }, api.clock.now());
    const d = (await indicatorsFromCounters(t.db, tenantId, range))!;
    expect([...d.agencies.keys()].sort()).toEqual([hoanKiemId, cauGiayId].sort());
    const hk = d.agencies.get(hoanKiemId)!.ratios;
    // 10 received at Hoàn Kiếm's counter or online (the refused one never was), 2 of them online
    expect(hk.ONLINE_CHANNEL_SHARE).toMatchObject({ numerator: 2, denominator: 10 });
    expect(hk.DOSSIER_ON_TIME.denominator).toBeGreaterThan(hk.DOSSIER_ON_TIME.numerator);
    // Cầu Giấy's only December dossier was withdrawn: handled, but 2.1 has no data (not a zero)
    expect(d.agencies.get(cauGiayId)!.ratios).toEqual({
      DOSSIER_ON_TIME: { numerator: 0, denominator: 0, percent: null },
      ONLINE_CHANNEL_SHARE: { numerator: 0, denominator: 1, percent: 0 },
    });
    // November: nobody handled anything
    const nov = (await indicatorsFromCounters(
      t.db,
      tenantId,
      resolvePeriod({ period: '2026-11' }, api.clock.now()),
    ))!;
    expect(nov.agencies.size).toBe(0);
    expect(nov.deployment.DOSSIER_ON_TIME.percent).toBeNull();
  });

  it('are not made for a period still running', async () => {
    const range = resolvePeriod({ period: '2027-02' }, api.clock.now());
    expect(await indicatorsFromCounters(t.db, tenantId, range)).toBeNull();
  });

  it('the route uses the counters when fresh and day-aligned, the facts otherwise, and says so', async () => {
    const get = async (query: string) => {
      const res = await api.get('thanhtra', `/api/v1/indicators?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const past = await get('period=2026-12');
    expect(past).toMatchObject({ source: 'counters', countersLagSeconds: 0 });
    const range = resolvePeriod({ period: '2026-12' }, api.clock.now());
    const expected = await scoredIndicators(
      t.db,
      tenantId,
      range,
      await indicatorsFromFacts(t.db, tenantId, range),
    );
    expect(past.rankings).toEqual(expected.rankings);
    expect(past.deployment).toEqual(expected.deployment);
    expect((await get('period=2027-02')).source).toBe('facts');
    // a change the counters have not taken for a minute: they are not fresh
    await sql`update dossier_facts set counted_version = null, changed_at = now() - interval '1 minute'
      where dossier_id = (select min(dossier_id) from dossier_facts where tenant_id = ${tenantId})`.execute(
      t.db,
    );
    const stale = await get('period=2026-12');
    expect(stale.source).toBe('facts');
    expect(stale.countersLagSeconds).toBeGreaterThanOrEqual(60);
    expect(stale.rankings).toEqual(past.rankings);
    await worker.runUntilIdle();
    expect((await get('period=2026-12')).source).toBe('counters');
  });
});
