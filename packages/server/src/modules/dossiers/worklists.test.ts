/**
 * Officer worklists over HTTP on a real PostgreSQL: a dozen dossiers in known states, written
 * through appendAction as the service writes them (the performer of each step carried by the
 * action that enters it), then each list as each demo officer sees it.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, DossierAction, Role, StepPerformer } from '@motcua/core';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';
import { appendAction, replayCheck } from './log.js';
import { worklistPage } from './worklists.js';

const t = await testDatabase('demo');
const db = t.db;
const H = 3_600_000;
/** Local (UTC+7) wall time as epoch ms. */
const vn = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h - 7);
const NOW = vn(2026, 11, 20, 10);
const app = await testApp(db, {}, { clock: () => NOW });

interface Place {
  agencyId: number;
  identifier: string;
  departments: Record<string, number>;
}
const places: Record<string, Place> = {};
const staff: Record<string, number> = {};
const procedures: Record<string, number> = {};
let tenantId = 0;

beforeAll(async () => {
  const rows = await db
    .selectFrom('agencies as a')
    .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
    .innerJoin('tenants as t', 't.id', 'a.tenant_id')
    .select(['a.id', 'a.identifier', 'a.tenant_id', 'u.code', 'a.kind'])
    .where('t.code', '=', 'ha-noi')
    .execute();
  const pick = (key: string, f: (r: (typeof rows)[number]) => boolean) => {
    const r = rows.find(f)!;
    places[key] = { agencyId: r.id, identifier: r.identifier, departments: {} };
    tenantId = r.tenant_id;
  };
  pick('hoankiem', (r) => r.code === '00070' && r.kind === 'people_committee');
  pick('caugiay', (r) => r.code === '00166' && r.kind === 'people_committee');
  pick('ttpvhcc', (r) => r.identifier === '000.00.02.H26');
  pick('stp', (r) => r.identifier === '000.00.10.H26');
  const deps = await db.selectFrom('departments').select(['id', 'agency_id', 'code']).execute();
  for (const p of Object.values(places))
    for (const d of deps) if (d.agency_id === p.agencyId) p.departments[d.code] = d.id;
  for (const s of await db.selectFrom('staff').select(['id', 'username']).execute()) staff[s.username] = s.id;
  for (const p of await db
    .selectFrom('procedures')
    .select(['id', 'code'])
    .where('code', 'in', ['1.001193', '1.001612', '2.000635'])
    .execute())
    procedures[p.code] = p.id;
});

const officer = (username: string, role: Role, agency: string): Actor => ({
  kind: 'officer',
  staffId: staff[username]!,
  role,
  agency: places[agency]!.identifier,
});

interface Step {
  code: string;
  role: Role;
  /** the performing agency (default: the dossier's) and department code */
  agency?: string;
  department?: string;
  assignee?: string;
}

interface Make {
  agency: string;
  /** one-stop unit receiving for a provincial agency */
  receiving?: string;
  procedure?: string;
  channel?: 'direct' | 'online' | 'postal';
  applicant?: string;
  /** hours before NOW: submission */
  submitted: number;
  /** hours before NOW: acceptance; absent = still submitted */
  accepted?: number;
  /** hours from acceptance to the due instant */
  limit?: number;
  steps?: Step[];
  end?: 'supplement' | 'result_ready' | 'returned' | 'payment_paused' | 'payment_running';
}

let codeNo = 0;
const made: Record<string, { id: number; code: string | null }> = {};

/** Records a dossier's log through appendAction, action by action, as the service would. */
async function make(name: string, m: Make) {
  const receiving = m.receiving ?? m.agency;
  const desk = officer(
    receiving === 'ttpvhcc' ? 'motcua.tinh' : `motcua.${receiving}`,
    'receiving_officer',
    receiving,
  );
  const performer = (s: Step, at: number): StepPerformer => {
    const agency = s.role === 'receiving_officer' ? receiving : (s.agency ?? m.agency);
    return {
      role: s.role,
      agencyId: places[agency]!.agencyId,
      departmentId: s.department ? places[agency]!.departments[s.department]! : null,
      dueAt: at + 8 * H,
    };
  };
  let id: number | null = null;
  let version = 0;
  const append = async (a: DossierAction) => {
    const r = await appendAction(db, {
      tenantId,
      dossierId: id,
      expectedVersion: version,
      action: a,
      idempotency: { key: randomUUID(), requestHash: 'f'.repeat(64) },
      extra:
        id === null
          ? {
              procedureId: procedures[m.procedure ?? '1.001193']!,
              receivingAgencyId: places[receiving]!.agencyId,
              competentAgencyId: places[m.agency]!.agencyId,
              applicant: { name: m.applicant ?? 'Trần Văn Bình' },
            }
          : undefined,
    });
    id = r.body.dossier.id;
    version = r.body.dossier.version;
  };
  const channel = m.channel ?? 'direct';
  let at = NOW - m.submitted * H;
  await append(
    channel === 'online'
      ? { type: 'submit', channel, at, actor: { kind: 'applicant', citizenId: 1 } }
      : { type: 'register', channel, at, actor: desk },
  );
  let code: string | null = null;
  if (m.accepted !== undefined) {
    at = NOW - m.accepted * H;
    code = `${places[receiving]!.identifier}-261120-${String(++codeNo).padStart(4, '0')}`;
    const first: Step = { code: 'TIEP_NHAN', role: 'receiving_officer' };
    await append({
      type: 'accept',
      code,
      dueAt: at + (m.limit ?? 40) * H,
      step: first.code,
      performer: performer(first, at),
      at,
      actor: desk,
    });
    for (const s of m.steps ?? []) {
      at += 60_000;
      await append({
        type: 'forward',
        toStep: s.code,
        outcome: 'positive',
        performer: performer(s, at),
        at,
        actor: desk,
      });
      if (s.assignee) {
        at += 60_000;
        await append({ type: 'assign', step: s.code, assigneeId: staff[s.assignee]!, at, actor: desk });
      }
    }
    at += 60_000;
    if (m.end === 'supplement')
      await append({ type: 'request_supplement', items: [{ name: 'CCCD', reason: 'mờ' }], at, actor: desk });
    if (m.end === 'payment_paused' || m.end === 'payment_running')
      await append({
        type: 'request_payment',
        amountVnd: 100_000,
        pausesClock: m.end === 'payment_paused',
        at,
        actor: desk,
      });
    if (m.end === 'result_ready' || m.end === 'returned') {
      await append({ type: 'sign', at, actor: desk });
      await append({ type: 'issue_result', resultCode: 'KQ', at: at + 60_000, actor: desk });
      if (m.end === 'returned')
        await append({ type: 'return_result', delivery: 'counter', at: at + 120_000, actor: desk });
    }
  }
  made[name] = { id: id!, code };
}

const sessions = new Map<string, Session>();
async function get(username: string, url: string) {
  let s = sessions.get(username);
  if (!s) {
    s = await signIn(app, username);
    sessions.set(username, s);
  }
  return app.inject({ method: 'GET', url, headers: s.headers });
}

async function list(username: string, name: string, query = ''): Promise<string[]> {
  const r = await get(username, `/api/v1/worklists/${name}?limit=100${query}`);
  expect(r.statusCode, r.body).toBe(200);
  const byId = new Map(Object.entries(made).map(([k, v]) => [v.id, k]));
  return (r.json().items as { id: number }[]).map((i) => byId.get(i.id) ?? `#${i.id}`).sort();
}

const KY: Step = { code: 'KY', role: 'agency_leader' };
const THAM_TRA: Step = { code: 'THAM_TRA', role: 'specialist', department: 'VHXH' };

beforeAll(async () => {
  await make('hk_online', {
    agency: 'hoankiem',
    channel: 'online',
    submitted: 30,
    applicant: 'Nguyễn Thị Hoa',
  });
  await make('hk_counter', { agency: 'hoankiem', submitted: 2 });
  await make('hk_desk', { agency: 'hoankiem', submitted: 5, accepted: 4 });
  await make('hk_pool', { agency: 'hoankiem', submitted: 20, accepted: 19, steps: [THAM_TRA], limit: 60 });
  await make('hk_mine', {
    agency: 'hoankiem',
    submitted: 10,
    accepted: 9,
    steps: [{ ...THAM_TRA, assignee: 'chuyenvien.hoankiem' }],
    applicant: 'Lê Văn Nguyên',
  });
  // overdue at the leader's signature: due 30 h after an acceptance 50 h ago
  await make('hk_sign', {
    agency: 'hoankiem',
    submitted: 51,
    accepted: 50,
    limit: 30,
    steps: [THAM_TRA, KY],
  });
  await make('hk_issue', {
    agency: 'hoankiem',
    channel: 'postal',
    submitted: 8,
    accepted: 7,
    steps: [THAM_TRA, KY, { code: 'BAN_HANH', role: 'clerk' }],
  });
  await make('hk_ready', {
    agency: 'hoankiem',
    submitted: 40,
    accepted: 39,
    steps: [THAM_TRA],
    end: 'result_ready',
  });
  await make('hk_done', {
    agency: 'hoankiem',
    submitted: 60,
    accepted: 59,
    steps: [THAM_TRA],
    end: 'returned',
  });
  // the clock is stopped: past its due instant, yet not overdue
  await make('hk_supplement', {
    agency: 'hoankiem',
    submitted: 90,
    accepted: 89,
    limit: 40,
    steps: [{ ...THAM_TRA, assignee: 'chuyenvien.hoankiem' }],
    end: 'supplement',
  });
  await make('hk_paid_paused', {
    agency: 'hoankiem',
    submitted: 80,
    accepted: 79,
    limit: 20,
    steps: [THAM_TRA],
    end: 'payment_paused',
  });
  await make('hk_paid_running', {
    agency: 'hoankiem',
    submitted: 81,
    accepted: 80,
    limit: 20,
    steps: [THAM_TRA],
    end: 'payment_running',
  });
  // due within the next 24 hours
  await make('hk_soon', {
    agency: 'hoankiem',
    procedure: '1.001612',
    submitted: 30,
    accepted: 28,
    limit: 40,
    steps: [{ code: 'THAM_DINH', role: 'specialist', department: 'KT' }],
  });
  await make('hk_approve', {
    agency: 'hoankiem',
    procedure: '1.001612',
    submitted: 12,
    accepted: 11,
    limit: 200,
    steps: [
      { code: 'THAM_DINH', role: 'specialist', department: 'KT' },
      { code: 'KY', role: 'department_head', department: 'KT' },
    ],
  });
  await make('cg_sign', { agency: 'caugiay', submitted: 50, accepted: 49, limit: 30, steps: [THAM_TRA, KY] });
  await make('cg_counter', { agency: 'caugiay', submitted: 3 });
  await make('stp_online', {
    agency: 'stp',
    receiving: 'ttpvhcc',
    procedure: '2.000635',
    channel: 'online',
    submitted: 6,
  });
  await make('stp_desk', {
    agency: 'stp',
    receiving: 'ttpvhcc',
    procedure: '2.000635',
    submitted: 9,
    accepted: 8,
    limit: 100,
  });
  await make('stp_pool', {
    agency: 'stp',
    receiving: 'ttpvhcc',
    procedure: '2.000635',
    submitted: 9,
    accepted: 8,
    limit: 100,
    steps: [{ code: 'THAM_TRA', role: 'specialist', department: 'HCTP' }],
  });
});

describe('worklists: who sees what', () => {
  it('keeps every fixture replayable (the step columns come from the log)', async () => {
    for (const { id } of Object.values(made)) expect(await replayCheck(db, id)).toEqual([]);
  });

  it('to_receive: a receiving officer sees what waits at their own agency only', async () => {
    expect(await list('motcua.hoankiem', 'to_receive')).toEqual(['hk_counter', 'hk_online']);
    expect(await list('motcua.caugiay', 'to_receive')).toEqual(['cg_counter']);
    expect(await list('motcua.tinh', 'to_receive')).toEqual(['stp_online']);
    // oldest submission first, the only order a dossier without a code has
    const r = await get('motcua.hoankiem', '/api/v1/worklists/to_receive');
    expect(r.json().items.map((i: { id: number }) => i.id)).toEqual([
      made.hk_online!.id,
      made.hk_counter!.id,
    ]);
    // not a receiving officer: the list is empty, not an error
    expect(await list('chuyenvien.hoankiem', 'to_receive')).toEqual([]);
  });

  it('to_process: mine, and the pool of my role where my position reaches', async () => {
    // the specialist of Văn hóa - Xã hội: the department's pool and what is assigned to them
    expect(await list('chuyenvien.hoankiem', 'to_process')).toEqual(['hk_mine', 'hk_pool']);
    // the specialist of Phòng Kinh tế sees the economic ones, never the other department's
    expect(await list('chuyenvien.kt.hoankiem', 'to_process')).toEqual(['hk_soon']);
    // a specialist of another commune sees nothing of Hoàn Kiếm
    expect(await list('chuyenvien.caugiay', 'to_process')).toEqual([]);
    // the receiving officer: accepted dossiers still at the one-stop step
    expect(await list('motcua.hoankiem', 'to_process')).toEqual(['hk_desk']);
    expect(await list('motcua.tinh', 'to_process')).toEqual(['stp_desk']);
    expect(await list('chuyenvien.stp', 'to_process')).toEqual(['stp_pool']);
    // an inspector performs no step
    expect(await list('thanhtra', 'to_process')).toEqual([]);
  });

  it('to_sign, to_issue, to_approve: the step of my role in my agency', async () => {
    expect(await list('lanhdao.hoankiem', 'to_sign')).toEqual(['hk_sign']);
    expect(await list('lanhdao.caugiay', 'to_sign')).toEqual(['cg_sign']);
    expect(await list('vanthu.hoankiem', 'to_issue')).toEqual(['hk_issue']);
    expect(await list('truongphong.kt.hoankiem', 'to_approve')).toEqual(['hk_approve']);
    expect(await list('truongphong.hoankiem', 'to_approve')).toEqual([]);
    expect(await list('lanhdao.stp', 'to_sign')).toEqual([]);
  });

  it('to_assign: unassigned work in the departments a head leads', async () => {
    expect(await list('truongphong.hoankiem', 'to_assign')).toEqual(['hk_pool']);
    expect(await list('truongphong.kt.hoankiem', 'to_assign')).toEqual(['hk_approve', 'hk_soon']);
    expect(await list('truongphong.caugiay', 'to_assign')).toEqual([]);
  });

  it('to_return: results waiting at the receiving agency', async () => {
    expect(await list('motcua.hoankiem', 'to_return')).toEqual(['hk_ready']);
    expect(await list('motcua.caugiay', 'to_return')).toEqual([]);
  });

  it('overdue, due_soon, supplement_waiting: the clock as the law counts it', async () => {
    // stopped clocks (a supplement, a payment that stops it) are never overdue
    expect(await list('lanhdao.hoankiem', 'overdue')).toEqual(['hk_paid_running', 'hk_sign']);
    expect(await list('lanhdao.hoankiem', 'due_soon')).toEqual(['hk_soon']);
    expect(await list('lanhdao.hoankiem', 'due_soon', '&withinHours=200')).toEqual([
      'hk_approve',
      'hk_desk',
      'hk_issue',
      'hk_mine',
      'hk_pool',
      'hk_soon',
    ]);
    expect(await list('lanhdao.hoankiem', 'supplement_waiting')).toEqual(['hk_supplement']);
    // the inspector of the city sees every agency's
    expect(await list('thanhtra', 'overdue')).toEqual(['cg_sign', 'hk_paid_running', 'hk_sign']);
    // a department position watches its department's steps and the ones open to the whole agency
    expect(await list('chuyenvien.kt.hoankiem', 'overdue')).toEqual(['hk_sign']);
    expect(await list('lanhdao.caugiay', 'overdue')).toEqual(['cg_sign']);
    // the one-stop centre watches what it received for the departments
    expect(await list('motcua.tinh', 'overdue')).toEqual([]);
    expect(await list('motcua.tinh', 'due_soon', '&withinHours=200')).toEqual(['stp_desk', 'stp_pool']);
  });

  it('describes each item: procedure, applicant, assignee, timeliness', async () => {
    const r = await get('chuyenvien.hoankiem', '/api/v1/worklists/to_process');
    const body = r.json();
    expect(body).toMatchObject({ list: 'to_process', total: 2, totalExact: true, nextCursor: null });
    const mine = body.items.find((i: { id: number }) => i.id === made.hk_mine!.id);
    expect(mine).toMatchObject({
      code: made.hk_mine!.code,
      procedure: { code: '1.001193' },
      applicantName: 'Lê Văn Nguyên',
      status: 'processing',
      nationalStatus: 4,
      channel: 'direct',
      currentStep: 'THAM_TRA',
      stepRole: 'specialist',
      assignee: { id: staff['chuyenvien.hoankiem'], fullName: expect.stringContaining('Nguyễn Văn Thụ') },
      timeliness: 'in_time',
    });
    expect(mine.procedure.name).toMatch(/khai sinh/);
    expect(Date.parse(mine.dueAt)).toBe(NOW - 9 * H + 40 * H);
    const overdue = await get('lanhdao.hoankiem', '/api/v1/worklists/to_sign');
    expect(overdue.json().items[0]).toMatchObject({ timeliness: 'overdue', assignee: null });
    const paused = await get('lanhdao.hoankiem', '/api/v1/worklists/supplement_waiting');
    expect(paused.json().items[0]).toMatchObject({ status: 'supplement_requested', timeliness: 'paused' });
    const ready = await get('motcua.hoankiem', '/api/v1/worklists/to_return');
    expect(ready.json().items[0]).toMatchObject({
      status: 'result_ready',
      nationalStatus: 9,
      timeliness: 'in_time',
    });
    const waiting = await get('motcua.hoankiem', '/api/v1/worklists/to_receive');
    expect(waiting.json().items[0]).toMatchObject({
      code: null,
      dueAt: null,
      timeliness: null,
      channel: 'online',
    });
  });
});

describe('worklists: sorting, paging, filters', () => {
  const ids = (r: { json(): { items: { id: number }[] } }) => r.json().items.map((i) => i.id);

  it('sorts by due instant (default), receipt, appointment or code, either way', async () => {
    const byDue = await get('thanhtra', '/api/v1/worklists/overdue');
    const due = byDue.json().items.map((i: { dueAt: string }) => Date.parse(i.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const desc = await get('thanhtra', '/api/v1/worklists/overdue?order=desc');
    expect(ids(desc)).toEqual([...ids(byDue)].reverse());
    const byCode = await get('lanhdao.hoankiem', '/api/v1/worklists/due_soon?withinHours=200&sort=code');
    const codes = byCode.json().items.map((i: { code: string }) => i.code);
    expect(codes).toEqual([...codes].sort());
    const byReceipt = await get(
      'lanhdao.hoankiem',
      '/api/v1/worklists/due_soon?withinHours=200&sort=receivedAt&order=desc',
    );
    const received = byReceipt.json().items.map((i: { receivedAt: string }) => Date.parse(i.receivedAt));
    expect(received).toEqual([...received].sort((a, b) => b - a));
    const byAppointment = await get(
      'lanhdao.hoankiem',
      '/api/v1/worklists/due_soon?withinHours=200&sort=appointmentAt',
    );
    expect(byAppointment.statusCode).toBe(200);
  });

  it('pages by cursor: every dossier once, in order, whatever the page size', async () => {
    const all = ids(await get('lanhdao.hoankiem', '/api/v1/worklists/due_soon?withinHours=200&sort=code'));
    expect(all).toHaveLength(6);
    for (const limit of [1, 2, 3]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = await get(
          'lanhdao.hoankiem',
          `/api/v1/worklists/due_soon?withinHours=200&sort=code&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(r.statusCode, r.body).toBe(200);
        const body = r.json();
        // the count comes with the first page only
        expect(body.total).toBe(pages === 0 ? 6 : null);
        seen.push(...ids(r));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.ceil(6 / limit));
    }
  });

  it('pages by cursor on instants too: due (default), receipt, submission', async () => {
    for (const [who, url, n] of [
      ['lanhdao.hoankiem', '/api/v1/worklists/due_soon?withinHours=200&order=desc', 6],
      ['lanhdao.hoankiem', '/api/v1/worklists/due_soon?withinHours=200&sort=receivedAt', 6],
      ['motcua.hoankiem', '/api/v1/worklists/to_receive?order=asc', 2],
    ] as const) {
      const all = ids(await get(who, url));
      expect(all).toHaveLength(n);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const r = await get(who, `${url}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.statusCode, r.body).toBe(200);
        seen.push(...ids(r));
        cursor = r.json().nextCursor;
      } while (cursor && seen.length <= n);
      expect(seen).toEqual(all);
    }
  });

  it('filters by procedure, agency, state, channel, receipt date and text', async () => {
    const q = (s: string) => list('thanhtra', 'overdue', s);
    expect(await q('&procedure=1.001193')).toEqual(['cg_sign', 'hk_paid_running', 'hk_sign']);
    expect(await q('&procedure=1.001612')).toEqual([]);
    expect(await q(`&agencyId=${places.caugiay!.agencyId}`)).toEqual(['cg_sign']);
    expect(await list('lanhdao.hoankiem', 'due_soon', '&withinHours=200&status=accepted')).toEqual([
      'hk_desk',
    ]);
    expect(
      await list('lanhdao.hoankiem', 'due_soon', '&withinHours=200&status=accepted&status=processing'),
    ).toHaveLength(6);
    // a state the list never holds filters everything out
    expect(await list('lanhdao.hoankiem', 'due_soon', '&status=returned')).toEqual([]);
    expect(await list('lanhdao.hoankiem', 'due_soon', '&withinHours=200&channel=postal')).toEqual([
      'hk_issue',
    ]);
    // receipt dates are local days: accepted 50 hours before 10:00 on 20/11 is 18/11
    expect(await q('&receivedFrom=2026-11-18&receivedTo=2026-11-18')).toEqual(['cg_sign', 'hk_sign']);
    expect(await q('&receivedFrom=2026-11-19')).toEqual([]);
    expect(await list('motcua.hoankiem', 'to_receive', '&receivedFrom=2026-11-20')).toEqual(['hk_counter']);
    // the applicant's name without diacritics, or part of the code
    expect(await list('chuyenvien.hoankiem', 'to_process', '&q=nguyen')).toEqual(['hk_mine']);
    expect(await list('chuyenvien.hoankiem', 'to_process', `&q=${encodeURIComponent('Lê Văn')}`)).toEqual([
      'hk_mine',
    ]);
    expect(await list('chuyenvien.hoankiem', 'to_process', `&q=${made.hk_pool!.code!.slice(-8)}`)).toEqual([
      'hk_pool',
    ]);
    // LIKE wildcards are text, not patterns
    expect(await list('chuyenvien.hoankiem', 'to_process', '&q=%25')).toEqual([]);
  });

  it('counts every list of my roles in one call (badges)', async () => {
    const r = await get('lanhdao.hoankiem', '/api/v1/worklists');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      withinHours: 24,
      lists: [
        { list: 'to_process', count: 1, exact: true },
        { list: 'to_sign', count: 1, exact: true },
        { list: 'overdue', count: 2, exact: true },
        { list: 'due_soon', count: 1, exact: true },
        { list: 'supplement_waiting', count: 1, exact: true },
      ],
    });
    const desk = await get('motcua.hoankiem', '/api/v1/worklists?withinHours=200');
    expect(desk.json().lists.map((l: { list: string }) => l.list)).toEqual([
      'to_receive',
      'to_process',
      'to_return',
      'overdue',
      'due_soon',
      'supplement_waiting',
    ]);
    expect(desk.json().lists[0]).toEqual({ list: 'to_receive', count: 2, exact: true });
    const admin = await get('admin', '/api/v1/worklists');
    expect(admin.json().lists).toEqual([]);
  });
});

describe('worklists: prepared statements', () => {
  it('parses a statement once per connection and re-binds it, with the same answers', async () => {
    const auth = {
      sessionId: 'x',
      csrfToken: 'x',
      staffId: staff['lanhdao.hoankiem']!,
      username: 'lanhdao.hoankiem',
      fullName: 'x',
      tenantId,
      positions: [
        {
          role: 'agency_leader' as const,
          scope: 'agency' as const,
          tenantId,
          agencyId: places.hoankiem!.agencyId,
          departmentId: null,
          agencyUnitId: 0,
        },
      ],
    };
    // one connection, so that its prepared statements are the ones pg_prepared_statements shows
    await db.connection().execute(async (one) => {
      const runs = async () =>
        (
          await sql<{ name: string; runs: number }>`
            select name, (generic_plans + custom_plans)::int as runs from pg_prepared_statements
            where name like 'motcua\\_wl\\_%'`.execute(one)
        ).rows;
      const before = new Map((await runs()).map((r) => [r.name, r.runs]));
      const pages = [];
      for (let i = 0; i < 7; i++) pages.push(await worklistPage(one, auth, 'overdue', { limit: 1 }, NOW));
      expect(pages[0]!.total).toBe(2);
      for (const p of pages) expect(p).toEqual(pages[0]);
      const grown = (await runs()).filter((r) => r.runs - (before.get(r.name) ?? 0) === 7);
      // the first page is one statement (its count included), run seven times; after five custom
      // plans PostgreSQL may keep a generic one
      expect(grown).toHaveLength(1);
    });
  });
});

describe('worklists: a wide reach', () => {
  it('folds many agencies into one arm per column and finds the same dossiers', async () => {
    // an inspector with an agency position in each of 14 communes (more arms than MAX_ARMS)
    const communes = await db
      .selectFrom('agencies')
      .select(['id', 'admin_unit_id'])
      .where('tenant_id', '=', tenantId)
      .where('level', '=', 'commune')
      .where('id', 'not in', [places.caugiay!.agencyId, places.hoankiem!.agencyId])
      .orderBy('id')
      .limit(13)
      .execute();
    const agencies = [...communes.map((c) => c.id), places.hoankiem!.agencyId];
    const auth = {
      sessionId: 'x',
      csrfToken: 'x',
      staffId: staff.thanhtra!,
      username: 'thanhtra',
      fullName: 'x',
      tenantId,
      positions: agencies.map((agencyId) => ({
        role: 'inspector' as const,
        scope: 'agency' as const,
        tenantId,
        agencyId,
        departmentId: null,
        agencyUnitId: 0,
      })),
    };
    const wide = await worklistPage(db, auth, 'overdue', { limit: 100 }, NOW);
    const all = await worklistPage(db, { ...auth, positions: [] }, 'overdue', { limit: 100 }, NOW);
    expect(all.items).toEqual([]);
    const city = (await get('thanhtra', '/api/v1/worklists/overdue?limit=100')).json().items as {
      id: number;
    }[];
    const inside = await db
      .selectFrom('dossiers')
      .select('id')
      .where(
        'id',
        'in',
        city.map((i) => i.id),
      )
      .where('competent_agency_id', 'in', agencies)
      .execute();
    expect(wide.items.map((i) => i.id).sort()).toEqual(inside.map((i) => i.id).sort());
    expect(wide.items.map((i) => i.id)).toContain(made.hk_sign!.id);
    expect(wide.items.map((i) => i.id)).not.toContain(made.cg_sign!.id);
  });
});

describe('worklists: refusals', () => {
  const error = async (url: string, status: number, code: string, who = 'lanhdao.hoankiem') => {
    const r = await get(who, url);
    expect(r.statusCode, r.body).toBe(status);
    const e = r.json().error;
    expect(e.code).toBe(code);
    expect(e.messageVi).toBeTruthy();
    expect(e.message).toBeTruthy();
    return e;
  };

  it('refuses an unknown list, reversed or impossible dates, a limit above 100, a bad cursor', async () => {
    const unknown = await error('/api/v1/worklists/to_do', 404, 'WORKLIST_UNKNOWN');
    expect(unknown.details.lists).toContain('to_process');
    await error(
      '/api/v1/worklists/overdue?receivedFrom=2026-11-20&receivedTo=2026-11-01',
      400,
      'DATE_RANGE_REVERSED',
    );
    await error('/api/v1/worklists/overdue?receivedFrom=2026-02-30', 400, 'DATE_INVALID');
    await error('/api/v1/worklists/overdue?receivedFrom=20-11-2026', 400, 'VALIDATION_FAILED');
    await error('/api/v1/worklists/overdue?limit=101', 400, 'VALIDATION_FAILED');
    await error('/api/v1/worklists/overdue?limit=0', 400, 'VALIDATION_FAILED');
    await error('/api/v1/worklists/overdue?sort=priority', 400, 'VALIDATION_FAILED');
    await error('/api/v1/worklists/overdue?cursor=bm90LWpzb24', 400, 'CURSOR_INVALID');
    await error('/api/v1/worklists/to_receive?sort=dueAt', 400, 'SORT_NOT_AVAILABLE', 'motcua.hoankiem');
    // a cursor made for another order
    const first = await get('thanhtra', '/api/v1/worklists/overdue?limit=1');
    const cursor = first.json().nextCursor;
    expect(cursor).toBeTruthy();
    await error(
      `/api/v1/worklists/overdue?limit=1&order=desc&cursor=${cursor}`,
      400,
      'CURSOR_INVALID',
      'thanhtra',
    );
  });

  it('needs a signed-in officer', async () => {
    for (const url of ['/api/v1/worklists', '/api/v1/worklists/to_process']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('describes the lists in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/worklists/{list}'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['list', 'procedure', 'status', 'receivedFrom', 'q', 'sort', 'cursor', 'limit']),
    );
    expect(doc.paths['/api/v1/worklists'].get).toBeDefined();
  });
});
