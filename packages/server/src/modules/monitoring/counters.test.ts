/**
 * The day counters (migration 0019) kept by their worker, against a rebuild from the facts: after
 * dossiers of every kind went through the API (returned, open and overdue, waiting for a
 * supplement, apologised for, withdrawn, refused, submitted online), the live counters equal the
 * rebuild row for row; a later action moves a dossier's deltas instead of adding them; the lag is
 * 0 when idle and positive while rows wait; rows another transaction holds are skipped, and an
 * action on a row the worker holds waits for it and is counted next.
 */
import { dayDeltas, vnDayNumber } from '@motcua/core';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import {
  type Dossier,
  dossierApi,
  H,
  journey,
  placeOf,
  STAGES,
  submitOnlineBirth,
  vn,
} from '../dossiers/test-helpers.js';
import { CountersWorker, compareCounters, rebuildCounters } from './counters.js';
import { countersLag, tenantCounters, uncountedCount } from './counters-repository.js';
import { rebuildFacts } from './facts.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const hoanKiem = await placeOf(t.db, 'motcua.hoankiem');
// the worker logs in as the application role, as in `npm start`
const worker = new CountersWorker({ db: t.appDb, batchSize: 7 });
afterAll(() => worker.stop());

async function tenantId(): Promise<number> {
  const r = await t.db
    .selectFrom('tenants')
    .select('id')
    .where('code', '=', hoanKiem.tenant)
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The live counters of every tenant against what a rebuild from the facts gives, without writing. */
const liveAndRebuilt = () => rebuildCounters(t.db, { check: true });

/** Σ of a dossier class's counters up to a day far ahead: how many dossiers stand in the report view then. */
async function standingLater(tenant: number, day: number) {
  const r = await sql<{ n: string }>`select coalesce(sum(value), 0) as n from monitoring_counters
    where tenant_id = ${tenant} and day <= ${day} and class not like 'p:%' and class <> 'apology'`.execute(
    t.db,
  );
  return Number(r.rows[0]?.n);
}

describe('the day counters', () => {
  const dossiers: Dossier[] = [];
  let appraisal: Dossier;

  it('are kept by the worker equal to a rebuild, row for row', async () => {
    for (const stage of STAGES) dossiers.push(await journey(api, stage));
    let s = await journey(api, 'appraisal');
    s = await api.act('chuyenvien.hoankiem', s, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' }],
    });
    // counted while waiting for the supplement, then moved when it arrives
    await worker.runUntilIdle();
    api.advance(2 * H);
    s = await api.act('motcua.hoankiem', s, 'supplement_received', { provided: ['GIAY_CHUNG_SINH'] });
    s = await api.act('motcua.hoankiem', s, 'apologise', {
      reason: 'Lãnh đạo đi công tác',
      newAppointmentAt: '2026-12-09T11:00:00+07:00',
    });
    dossiers.push(s);
    const w = await journey(api, 'accepted');
    dossiers.push(await api.act('motcua.hoankiem', w, 'withdraw', { reason: 'Người nộp xin rút' }));
    const r = await journey(api, 'submitted');
    dossiers.push(await api.act('motcua.hoankiem', r, 'refuse_intake', { reason: 'Không thuộc thẩm quyền' }));
    const online = await api.act('motcua.hoankiem', await submitOnlineBirth(api, hoanKiem), 'accept');
    dossiers.push(online);
    appraisal = dossiers[STAGES.indexOf('appraisal')]!;
    // two days on, the open ones have run late
    api.advance(2 * 24 * H);
    dossiers.push(
      await api.act('chuyenvien.hoankiem', await journey(api, 'appraisal'), 'forward', {
        outcome: 'positive',
      }),
    );

    expect(await worker.runUntilIdle()).toBeGreaterThan(0);
    expect(await uncountedCount(t.db)).toBe(0);
    const tenant = await tenantId();
    const live = await tenantCounters(t.db, tenant);
    // the figures mean something: one apology, one withdrawal, one online dossier received
    const sum = (pred: (c: (typeof live)[number]) => boolean) =>
      live.filter(pred).reduce((n, c) => n + c.value, 0);
    expect(sum((c) => c.class === 'apology')).toBe(1);
    expect(sum((c) => c.class === 'withdrawn')).toBe(1);
    const reportView = (c: (typeof live)[number]) => !c.class.startsWith('p:') && c.class !== 'apology';
    expect(sum((c) => c.channel === 'online' && reportView(c))).toBe(1);
    expect(live.every((c) => c.value !== 0)).toBe(true);
    // every received dossier stands in exactly one report class once received (refused: none)
    const received = await sql<{ n: number }>`select count(*)::int as n from dossier_facts
      where tenant_id = ${tenant} and received_at is not null`.execute(t.db);
    expect(received.rows[0]?.n).toBeGreaterThan(10);
    expect(await standingLater(tenant, vnDayNumber(vn(2027, 6, 1)))).toBe(received.rows[0]?.n);

    const check = await liveAndRebuilt();
    expect(check.differing).toEqual([]);
    expect(check.uncounted).toBe(0);
    // and the rebuild, written, is the very same rows
    await rebuildCounters(t.db);
    expect(await tenantCounters(t.db, tenant)).toEqual(live);
  });

  it('move a dossier’s deltas on a later action, not add them', async () => {
    const tenant = await tenantId();
    const before = await tenantCounters(t.db, tenant);
    const later = vnDayNumber(vn(2027, 6, 1));
    const standing = await standingLater(tenant, later);
    const fact = await t.db
      .selectFrom('dossier_facts')
      .select(['version', 'counted_version', 'counted_deltas'])
      .where('dossier_id', '=', appraisal.id)
      .executeTakeFirstOrThrow();
    expect(fact.counted_version).toBe(fact.version);
    let d = await api.act('chuyenvien.hoankiem', appraisal, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) d = await api.act('lanhdao.hoankiem', d, a);
    d = await api.act('vanthu.hoankiem', d, 'issue_result');
    expect(await uncountedCount(t.db)).toBe(1);
    expect(await worker.runUntilIdle()).toBe(1);
    const after = await tenantCounters(t.db, tenant);
    expect(after).not.toEqual(before);
    // still one dossier, now resolved late (it was overdue), no longer overdue
    expect(await standingLater(tenant, later)).toBe(standing);
    const counted = await t.db
      .selectFrom('dossier_facts')
      .select(['version', 'counted_version', 'counted_deltas', 'facts', 'due_history'])
      .where('dossier_id', '=', appraisal.id)
      .executeTakeFirstOrThrow();
    expect(counted.counted_version).toBe(d.version);
    expect(counted.counted_deltas?.deltas).toEqual(
      dayDeltas({ ...counted.facts, dueHistory: counted.due_history }).map((x) => [x.day, x.cls, x.delta]),
    );
    expect(counted.counted_deltas?.deltas.some(([, cls]) => cls === 'result:late')).toBe(true);
    expect((await liveAndRebuilt()).differing).toEqual([]);
  });

  it('lag: 0 when idle, positive while a change waits', async () => {
    expect(await countersLag(t.appDb)).toBe(0);
    const d = await journey(api, 'accepted');
    await new Promise((r) => setTimeout(r, 50));
    const lag = await countersLag(t.appDb, await tenantId());
    expect(lag).toBeGreaterThan(0.04);
    expect(lag).toBeLessThan(60);
    const differing = (await liveAndRebuilt()).differing;
    expect(differing.length).toBeGreaterThan(0);
    // the dashboard shows it: a change left waiting for half a minute
    await sql`update dossier_facts set changed_at = now() - interval '30 seconds' where dossier_id = ${d.id}`.execute(
      t.db,
    );
    const board = async () => {
      const res = await api.get('lanhdao.hoankiem', '/api/v1/dashboard');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().countersLagSeconds as number;
    };
    expect(await board()).toBeGreaterThanOrEqual(30);
    expect(await board()).toBeLessThan(90);
    await worker.runUntilIdle();
    expect(await countersLag(t.appDb)).toBe(0);
    expect(await board()).toBe(0);
    dossiers.push(d);
  });

  it('skip the rows another transaction holds, and count them once released', async () => {
    const a = await journey(api, 'accepted');
    const b = await journey(api, 'accepted');
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const holder = t.db.transaction().execute(async (trx) => {
      await sql`select 1 from dossier_facts where dossier_id = ${a.id} for update`.execute(trx);
      locked();
      await held;
    });
    await isLocked;
    // returns at once with the other row counted, instead of waiting for the lock
    expect(await worker.runOnce()).toBe(1);
    expect(await uncountedCount(t.db)).toBe(1);
    release();
    await holder;
    expect(await worker.runUntilIdle()).toBe(1);
    expect((await liveAndRebuilt()).differing).toEqual([]);
    dossiers.push(a, b);
  });

  it('survive an action on a row the worker holds: it waits, and is counted next', async () => {
    const d = await journey(api, 'appraisal');
    let action: Promise<Dossier> | null = null;
    const holding = new CountersWorker({
      db: t.appDb,
      beforeApply: async (ids) => {
        if (action || !ids.includes(d.id)) return;
        action = api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
        // the action's statement waits for the facts row the worker holds
        for (let i = 0; i < 100; i++) {
          const w = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
          if (w.rows[0]?.n) return;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error('the action did not wait for the worker');
      },
    });
    expect(await holding.runOnce()).toBe(1);
    const moved = await action!;
    expect(moved.version).toBe(d.version + 1);
    // counted at the version it read; the action's change waits in the queue
    expect(await uncountedCount(t.db)).toBe(1);
    expect(await holding.runUntilIdle()).toBe(1);
    expect((await liveAndRebuilt()).differing).toEqual([]);
  });

  it('count what was there before the migration: rows never counted, no counters', async () => {
    const tenant = await tenantId();
    const live = await tenantCounters(t.db, tenant);
    // what 0019 leaves on a database with dossiers: NULL counted columns, an empty table
    await sql`update dossier_facts set counted_version = null, counted_deltas = null`.execute(t.db);
    await sql`delete from monitoring_counters`.execute(t.db);
    expect(await countersLag(t.db)).toBeGreaterThan(0);
    await worker.runUntilIdle();
    expect(await tenantCounters(t.db, tenant)).toEqual(live);
  });

  it('run by themselves once started, within the poll interval', async () => {
    const running = new CountersWorker({ db: t.appDb, pollIntervalMs: 250 });
    running.start();
    try {
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        await journey(api, 'accepted');
        const started = Date.now();
        while ((await uncountedCount(t.db)) > 0) {
          if (Date.now() - started > 5000) throw new Error('not counted within 5 s');
          await new Promise((r) => setTimeout(r, 10));
        }
        waits.push(Date.now() - started);
      }
      // the poll interval, plus a batch
      expect(Math.max(...waits)).toBeLessThan(1500);
      console.log(`counters: counted ${waits.join(', ')} ms after the action's response`);
    } finally {
      await running.stop();
    }
    expect(running.running).toBe(false);
    expect((await liveAndRebuilt()).differing).toEqual([]);
  });

  it('take a fact that rebuild-facts corrects from the log back into the queue', async () => {
    const tenant = await tenantId();
    const live = await tenantCounters(t.db, tenant);
    // a fact written behind MotCua's back, counted as it stands
    await sql`update dossier_facts set due_history = '[]', counted_version = null
      where dossier_id = ${appraisal.id}`.execute(t.db);
    await worker.runUntilIdle();
    expect(await tenantCounters(t.db, tenant)).not.toEqual(live);
    await rebuildFacts(t.db);
    // only the corrected row waits; the others' facts were rewritten unchanged
    expect(await uncountedCount(t.db)).toBe(1);
    expect(await worker.runUntilIdle()).toBe(1);
    expect(await tenantCounters(t.db, tenant)).toEqual(live);
  });

  it('a check finds a counter that does not follow from the facts; the rebuild from the log mends it', async () => {
    const tenant = await tenantId();
    const live = await tenantCounters(t.db, tenant);
    const c = live[0]!;
    await sql`update monitoring_counters set value = value + 1 where tenant_id = ${c.tenant_id}
      and agency_id = ${c.agency_id} and procedure_id = ${c.procedure_id} and channel = ${c.channel}
      and class = ${c.class} and day = ${c.day}`.execute(t.db);
    const check = await rebuildCounters(t.db, { check: true });
    const { value, ...key } = c;
    expect(check.differing).toEqual([{ key, live: value + 1, rebuilt: value }]);
    const r = await rebuildCounters(t.db, { fromLog: true });
    expect(r.factsWritten).toBeGreaterThan(0);
    expect(await tenantCounters(t.db, tenant)).toEqual(live);
    expect(compareCounters(await tenantCounters(t.db, tenant), live)).toEqual([]);
    expect(await uncountedCount(t.db)).toBe(0);
  });
});
