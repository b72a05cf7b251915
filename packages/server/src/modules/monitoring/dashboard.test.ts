/**
 * The dashboards over the API: phường Hoàn Kiếm's 7 and 8 December 2026 with online dossiers
 * rated satisfied and dissatisfied, a counter dossier left to run late and one resolved late. Every
 * figure is checked against a plain SQL count over the action log (not the facts read model), and
 * the public page against personal data.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import {
  APPLICANT,
  type Api,
  type Dossier,
  dossierApi,
  finishAtHoanKiem,
  H,
  journey,
  placeOf,
  submitOnlineBirth,
  vn,
} from '../dossiers/test-helpers.js';
import { fellOverdue, monthsEndingAt, todayWindow } from './dashboard.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const LAN = 'citizen:001194012345';
const hoanKiem = await placeOf(t.db, 'motcua.hoankiem');

async function onlineReturned(a: Api, score: number): Promise<Dossier> {
  const d = await a.act('motcua.hoankiem', await submitOnlineBirth(a, hoanKiem), 'accept');
  return a.act(LAN, await finishAtHoanKiem(a, d, 'online'), 'rate', { score });
}

/** Counts over the action log alone, for [from, to) and the instant `now`. */
async function logCounts(from: number, to: number, now: number) {
  const r = await sql<Record<string, string>>`
    with acc as (
      select dossier_id, at, to_timestamp((payload->>'dueAt')::bigint / 1000.0) as due
      from dossier_actions where type in ('accept', 'receive_joint')),
    res as (select dossier_id, min(at) as at from dossier_actions where type = 'issue_result' group by 1),
    gone as (select distinct dossier_id from dossier_actions where type in ('stop', 'withdraw')),
    ch as (select dossier_id, payload->>'channel' as channel from dossier_actions where type in ('register', 'submit')),
    rate as (select dossier_id, (payload->>'score')::int as score from dossier_actions where type = 'rate')
    select
      (select count(*) from acc where at >= ${new Date(from)} and at < ${new Date(to)}) as received,
      (select count(*) from res where at >= ${new Date(from)} and at < ${new Date(to)}) as resolved,
      (select count(*) from res join acc using (dossier_id)
        where res.at >= ${new Date(from)} and res.at < ${new Date(to)} and res.at > acc.due) as resolved_late,
      (select count(*) from acc left join res using (dossier_id)
        where acc.due >= ${new Date(from)} and acc.due < ${new Date(to)} and (res.at is null or res.at > acc.due)
          and acc.dossier_id not in (select dossier_id from gone)) as fell_overdue,
      (select count(*) from acc left join res using (dossier_id)
        where res.at is null and acc.dossier_id not in (select dossier_id from gone)) as open,
      (select count(*) from acc left join res using (dossier_id)
        where res.at is null and acc.due < ${new Date(now)}
          and acc.dossier_id not in (select dossier_id from gone)) as open_overdue,
      (select count(*) from acc join ch using (dossier_id)
        where acc.at >= ${new Date(from)} and acc.at < ${new Date(to)} and ch.channel = 'online') as online,
      (select count(*) from acc join ch using (dossier_id)
        where acc.at >= ${new Date(from)} and acc.at < ${new Date(to)} and ch.channel = 'direct') as direct,
      (select count(*) from rate join res using (dossier_id)
        where res.at >= ${new Date(from)} and res.at < ${new Date(to)}) as rated,
      (select count(*) from rate join res using (dossier_id)
        where res.at >= ${new Date(from)} and res.at < ${new Date(to)} and rate.score >= 3) as satisfied
  `.execute(t.db);
  return Object.fromEntries(Object.entries(r.rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/** The dossiers overdue now, from the log, most late first. */
async function logOverdueCodes(now: number) {
  const r = await sql<{ code: string }>`
    select d.code from dossier_actions a join dossiers d on d.id = a.dossier_id
    where a.type = 'accept' and to_timestamp((a.payload->>'dueAt')::bigint / 1000.0) < ${new Date(now)}
      and not exists (select 1 from dossier_actions x where x.dossier_id = a.dossier_id
        and x.type in ('issue_result', 'stop', 'withdraw'))
    order by (a.payload->>'dueAt')::bigint, d.id`.execute(t.db);
  return r.rows.map((x) => x.code);
}

let open: Dossier;

describe('the province dashboard', () => {
  it('counts today, the month, the channels and the overdue from the log', async () => {
    await onlineReturned(api, 5);
    await onlineReturned(api, 1);
    open = await journey(api, 'appraisal');
    let late = await journey(api, 'appraisal');
    api.advance(26 * H);
    late = await api.act('chuyenvien.hoankiem', late, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) late = await api.act('lanhdao.hoankiem', late, a);
    await api.act('vanthu.hoankiem', late, 'issue_result');
    await journey(api, 'accepted');

    const now = api.clock.t;
    const r = await api.get('thanhtra', '/api/v1/dashboard?period=2026-12');
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.asOf).toBe(new Date(now).toISOString());
    expect(b.lagSeconds).toBe(0);

    const today = todayWindow(now);
    expect(today.from).toBe(vn(2026, 12, 8));
    const day = await logCounts(today.from, today.to, now);
    const month = await logCounts(vn(2026, 12, 1), now + 1, now);
    expect(b.today).toMatchObject({
      received: day.received,
      resolved: day.resolved,
      resolvedLate: day.resolved_late,
      overdue: day.fell_overdue,
    });
    expect(b.month).toEqual({
      received: month.received,
      resolved: month.resolved,
      resolvedLate: month.resolved_late,
      overdue: month.fell_overdue,
    });
    // the scenario itself, so the SQL cannot agree with the API by both being empty
    expect(b.today.received).toBe(1);
    expect(b.month).toMatchObject({ received: 5, resolved: 3, resolvedLate: 1, overdue: 2 });
    expect(b.open).toMatchObject({ total: month.open, overdue: month.open_overdue });
    expect(b.open.inTime + b.open.overdue + b.open.paused + b.open.noDueDate).toBe(b.open.total);
    expect(b.channels.total).toBe(month.received);
    expect(b.channels.online).toMatchObject({ numerator: month.online, denominator: month.received });
    expect(b.channels.direct).toMatchObject({ numerator: month.direct, denominator: month.received });
    expect(b.channels.online.percent).toBe(40);
    expect(b.digitisation.status).toBe('not_measured');

    // the overdue list, ordered and limited in SQL, with who holds each dossier
    const codes = await logOverdueCodes(now);
    expect(codes).toContain(open.code);
    expect(b.overdue.total).toBe(codes.length);
    expect(b.overdue.dossiers.map((d: { code: string }) => d.code)).toEqual(codes.slice(0, b.overdue.limit));
    const row = b.overdue.dossiers.find((d: { code: string }) => d.code === open.code);
    expect(row.agency.id).toBe(open.competentAgencyId);
    expect(row.step.name).toBeTruthy();
    expect(row.holder.role ?? row.holder.assignee).toBeTruthy();
    expect(row.lateMinutes).toBe(Math.floor((now - Date.parse(row.dueAt)) / 60_000));
    const one = (await api.get('thanhtra', '/api/v1/dashboard?period=2026-12&overdueLimit=1')).json();
    expect(one.overdue).toMatchObject({ limit: 1, total: codes.length });
    expect(one.overdue.dossiers).toHaveLength(1);
  });

  it('takes the score and its six-month trend from the indicators', async () => {
    const b = (await api.get('lanhdao.hoankiem', '/api/v1/dashboard?period=2026-12')).json();
    const ind = (await api.get('lanhdao.hoankiem', '/api/v1/indicators?period=2026-12')).json();
    expect(b.trend.map((x: { period: string }) => x.period)).toEqual(monthsEndingAt('2026-12', 6));
    expect(b.score.total).toBe(ind.deployment.total);
    expect(b.score.measuredMax).toBe(ind.deployment.measuredMax);
    expect(b.trend.at(-1).total).toBe(ind.deployment.total);
    // every month of the trend is the indicators' own figure (a month with nothing measured is null)
    const july = (await api.get('lanhdao.hoankiem', '/api/v1/indicators?period=2026-07')).json();
    expect(b.trend[0]).toMatchObject({
      period: '2026-07',
      total: july.deployment.measuredMax === 0 ? null : july.deployment.total,
      measuredMax: july.deployment.measuredMax,
    });
  });

  it('changes after an action, with no lag', async () => {
    const before = (await api.get('thanhtra', '/api/v1/dashboard')).json();
    let d = open;
    d = await api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) d = await api.act('lanhdao.hoankiem', d, a);
    await api.act('vanthu.hoankiem', d, 'issue_result');
    const after = (await api.get('thanhtra', '/api/v1/dashboard')).json();
    expect(after.today.resolved).toBe(before.today.resolved + 1);
    expect(after.open.overdue).toBe(before.open.overdue - 1);
    expect(after.overdue.dossiers.map((x: { code: string }) => x.code)).not.toContain(open.code);
  });

  it('refuses who may not see it and a period that is not a month', async () => {
    expect((await api.get('chuyenvien.hoankiem', '/api/v1/dashboard')).statusCode).toBe(403);
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/dashboard' })).statusCode).toBe(401);
    expect((await api.get('thanhtra', '/api/v1/dashboard?period=2026-Q4')).statusCode).toBe(400);
    expect((await api.get('thanhtra', '/api/v1/dashboard?period=2027-03')).json().error.code).toBe(
      'PERIOD_IN_FUTURE',
    );
  });
});

describe('the public transparency figures', () => {
  it('gives each agency 2.1, satisfaction and the projected score without sign-in or personal data', async () => {
    const now = api.clock.t;
    const r = await api.app.inject({
      method: 'GET',
      url: `/api/v1/public/transparency?period=2026-12&tenant=${hoanKiem.tenant}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    const unit = b.agencies.find((a: { agency: { id: number } }) => a.agency.id === open.competentAgencyId);
    const ind = (await api.get('thanhtra', '/api/v1/indicators?period=2026-12')).json();
    const ranked = ind.rankings
      .flatMap((x: { agencies: unknown[] }) => x.agencies)
      .find((a: { agency: { id: number } }) => a.agency.id === open.competentAgencyId);
    const m21 = ranked.groups
      .flatMap((g: { metrics: unknown[] }) => g.metrics)
      .find((m: { code: string }) => m.code === 'DOSSIER_ON_TIME');
    expect(unit.onTime).toEqual(m21.ratio);
    expect(unit.score).toEqual({ total: ranked.total, measuredMax: ranked.measuredMax });
    const month = await logCounts(vn(2026, 12, 1), now + 1, now);
    expect(unit.satisfaction).toEqual({
      numerator: month.satisfied,
      denominator: month.rated,
      percent: 50,
    });
    // no personal data: no dossier code, no applicant, no officer
    const text = r.body;
    const people = await t.db.selectFrom('staff').select('full_name').execute();
    for (const s of [APPLICANT.name, APPLICANT.identityNumber, APPLICANT.phone, open.code as string])
      expect(text).not.toContain(s);
    for (const p of people) expect(text).not.toContain(p.full_name);
    // without a tenant: the installation's first; without ratings: null, not 0
    const empty = (
      await api.app.inject({ method: 'GET', url: '/api/v1/public/transparency?period=2026-11' })
    ).json();
    expect(empty.deployment.satisfaction).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(empty.deployment.onTime).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(
      (await api.app.inject({ method: 'GET', url: '/api/v1/public/transparency?tenant=khong-co' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('fellOverdue', () => {
  const base = {
    channel: 'direct' as const,
    receivedAt: vn(2026, 12, 1, 9),
    refusedAt: null,
    dueHistory: [{ from: vn(2026, 12, 1, 9), dueAt: vn(2026, 12, 3, 17) }],
    end: null,
    withdrawnAt: null,
    pauses: [],
    supplementRequests: 0,
    apologiesAt: [],
  };
  it('counts the window in which the due instant passed, once', () => {
    expect(fellOverdue(base, { from: vn(2026, 12, 3), to: vn(2026, 12, 4) })).toBe(true);
    expect(fellOverdue(base, { from: vn(2026, 12, 4), to: vn(2026, 12, 5) })).toBe(false);
    expect(fellOverdue(base, { from: vn(2026, 12, 2), to: vn(2026, 12, 3) })).toBe(false);
    const onTime = { ...base, end: { kind: 'result' as const, at: vn(2026, 12, 3, 10) } };
    expect(fellOverdue(onTime, { from: vn(2026, 12, 3), to: vn(2026, 12, 4) })).toBe(false);
  });
});
