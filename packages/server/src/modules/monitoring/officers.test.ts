/**
 * Per-officer statistics over the API, from the action log: phường Hoàn Kiếm's officers on
 * 7 December 2026 (one birth registration returned, one assigned to the specialist and left past
 * its step's budget, one waiting for a supplement, one received at the city's centre and handled
 * by the commune), checked against plain SQL counts over dossier_actions and the dossiers' state;
 * then the same figures as Excel and PDF, parsed back; then the refusals.
 */
import type { HandlingKind, KindCount } from '@motcua/core';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { readPdf } from '../../test/pdf-text.js';
import { BIRTH_AT_COUNTER, type Dossier, dossierApi, H, journey, vn } from '../dossiers/test-helpers.js';
import { OFFICERS_GROUPS, OFFICERS_HEADER_ROW, OFFICERS_SHEET, OFFICERS_TITLE } from './officers-export.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

interface Row {
  staff: { id: number; fullName: string; username: string };
  roles: string[];
  handled: Record<HandlingKind, KindCount>;
  holding: { total: number; inTime: number; overdue: number; noBudget: number };
  supplementRequests: number;
  apologies: number;
  onTimeRate: { numerator: number; denominator: number; percent: number | null };
}

describe('per-officer statistics', () => {
  let agencyId: number;
  let identifier: string;
  let assigned: Dossier;
  const stats = (query: string, user = 'lanhdao.hoankiem') =>
    api.get(user, `/api/v1/agencies/${agencyId}/officer-statistics?${query}`);
  const byUser = (rows: Row[], username: string) => rows.find((r) => r.staff.username === username)!;

  it('counts what each officer of the commune did, on time against their own step', async () => {
    const returned = await journey(api, 'returned');
    agencyId = returned.competentAgencyId as number;
    identifier = (
      await t.db
        .selectFrom('agencies')
        .select('identifier')
        .where('id', '=', agencyId)
        .executeTakeFirstOrThrow()
    ).identifier;
    assigned = await journey(api, 'appraisal');
    assigned = await api.act('truongphong.hoankiem', assigned, 'assign', {});
    const waiting = await journey(api, 'appraisal');
    await api.act('chuyenvien.hoankiem', waiting, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' }],
    });
    // received at the city's centre, handled by the commune: the centre's desk is not the commune's
    let c = await api.register('motcua.tinh', { ...BIRTH_AT_COUNTER, competentAgency: identifier });
    c = await api.act('motcua.tinh', c, 'accept');
    c = await api.act('motcua.tinh', c, 'forward');
    c = await api.act('chuyenvien.hoankiem', c, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) c = await api.act('lanhdao.hoankiem', c, a);
    await api.act('vanthu.hoankiem', c, 'issue_result');
    // 15:00: the specialist's step of the assigned dossier (due 13:30) is overdue
    api.advance(6 * H);

    const res = await stats('period=2026-12');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.agency.id).toBe(agencyId);
    const rows = body.officers as Row[];
    expect(rows.some((r) => r.staff.username === 'motcua.tinh')).toBe(false);
    const desk = byUser(rows, 'motcua.hoankiem');
    expect(desk.handled.received).toEqual({ total: 3, onTime: 3, late: 0, open: 0, unjudged: 0 });
    expect(desk.handled.returned).toEqual({ total: 1, onTime: 0, late: 0, open: 0, unjudged: 1 });
    const spec = byUser(rows, 'chuyenvien.hoankiem');
    expect(spec.handled.processed).toEqual({ total: 2, onTime: 2, late: 0, open: 0, unjudged: 0 });
    expect(spec.holding).toEqual({ total: 1, inTime: 0, overdue: 1, noBudget: 0 });
    expect(spec.supplementRequests).toBe(1);
    const lead = byUser(rows, 'lanhdao.hoankiem');
    expect(lead.handled.approved.total).toBe(2);
    expect(lead.handled.signed).toEqual({ total: 2, onTime: 2, late: 0, open: 0, unjudged: 0 });
    expect(byUser(rows, 'vanthu.hoankiem').handled.issued.total).toBe(2);
    // a department head who only assigned is listed, with real zeros and no rate
    const head = byUser(rows, 'truongphong.hoankiem');
    expect(head.handled.processed.total).toBe(0);
    expect(head.onTimeRate).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(body.total.handled.received.total).toBe(3);
  });

  it('turns a step left past its budget late, and counts the apology', async () => {
    assigned = await api.act('chuyenvien.hoankiem', assigned, 'forward', { outcome: 'positive' });
    await api.act('lanhdao.hoankiem', assigned, 'apologise', {
      reason: 'Chậm thẩm tra hồ sơ',
      newAppointmentAt: new Date(vn(2026, 12, 8, 17, 0)).toISOString(),
    });
    const rows = (await stats('period=2026-12')).json().officers as Row[];
    const spec = byUser(rows, 'chuyenvien.hoankiem');
    expect(spec.handled.processed).toEqual({ total: 3, onTime: 2, late: 1, open: 0, unjudged: 0 });
    expect(spec.onTimeRate).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(spec.holding.total).toBe(0);
    expect(byUser(rows, 'lanhdao.hoankiem').apologies).toBe(1);
  });

  it('agrees with plain SQL over the action log and the dossiers', async () => {
    const from = new Date(vn(2026, 12, 1));
    const to = new Date(vn(2027, 1, 1));
    const rows = (await stats('period=2026-12')).json().officers as Row[];
    // handlings: distinct dossiers per officer and kind
    const { rows: counts } = await sql<{ staff: number; kind: HandlingKind; n: number }>`
      select (actor ->> 'staffId')::int as staff,
             case when type = 'accept' then 'received' when type = 'approve' then 'approved'
                  when type = 'sign' then 'signed' when type = 'issue_result' then 'issued'
                  when type = 'return_result' then 'returned' else 'processed' end as kind,
             count(distinct dossier_id)::int as n
        from dossier_actions
       where actor ->> 'kind' = 'officer' and actor ->> 'agency' = ${identifier} and at >= ${from} and at < ${to}
         and (type in ('accept', 'approve', 'sign', 'issue_result', 'return_result')
              or (type in ('forward', 'return_step', 'stop') and actor ->> 'role' in ('specialist', 'department_head')))
       group by 1, 2`.execute(t.db);
    expect(counts.length).toBeGreaterThan(5);
    for (const c of counts) expect(rows.find((r) => r.staff.id === c.staff)?.handled[c.kind].total).toBe(c.n);
    const apiTotal = rows.reduce((n, r) => n + Object.values(r.handled).reduce((m, k) => m + k.total, 0), 0);
    expect(apiTotal).toBe(counts.reduce((n, c) => n + c.n, 0));
    // a specialist's forward is late when it comes after the due instant of the step it leaves
    const { rows: late } = await sql<{ staff: number; late: number; on_time: number }>`
      select (a.actor ->> 'staffId')::int as staff,
             count(*) filter (where extract(epoch from a.at) * 1000 > (e.payload -> 'performer' ->> 'dueAt')::bigint)::int as late,
             count(*) filter (where extract(epoch from a.at) * 1000 <= (e.payload -> 'performer' ->> 'dueAt')::bigint)::int as on_time
        from dossier_actions a
        join lateral (select payload from dossier_actions e
                       where e.dossier_id = a.dossier_id and e.seq < a.seq
                         and e.type in ('accept', 'forward', 'return_step', 'receive_joint')
                       order by e.seq desc limit 1) e on true
       where a.type in ('forward', 'return_step') and a.actor ->> 'role' = 'specialist'
         and a.actor ->> 'agency' = ${identifier} and a.at >= ${from} and a.at < ${to}
       group by 1`.execute(t.db);
    expect(late).toHaveLength(1);
    const spec = rows.find((r) => r.staff.id === late[0]!.staff)!;
    expect([spec.handled.processed.late, spec.handled.processed.onTime]).toEqual([
      late[0]!.late,
      late[0]!.on_time,
    ]);
    // holding now: assigned, in a step with the clock running
    const { rows: held } = await sql<{ assignee_id: number; overdue: number }>`
      select assignee_id, count(*) filter (where (state ->> 'stepDueAt')::bigint < ${api.clock.t})::int as overdue
        from dossiers where competent_agency_id = ${agencyId} and assignee_id is not null
         and status in ('accepted', 'processing') group by 1`.execute(t.db);
    for (const h of held)
      expect(rows.find((r) => r.staff.id === h.assignee_id)?.holding.overdue).toBe(h.overdue);
  });

  it('exports the same figures as an Excel workbook with merged column groups', async () => {
    const json = (await stats('period=2026-12')).json();
    const res = await stats('period=2026-12&format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const cd = String(res.headers['content-disposition']);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe(
      `Thống kê theo cán bộ ${json.agency.name} Tháng 12-2026.xlsx`.normalize('NFC'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(OFFICERS_SHEET)!;
    expect(ws.getCell(1, 4).value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell(3, 1).value).toBe(OFFICERS_TITLE);
    expect(ws.getCell(OFFICERS_HEADER_ROW, 4).value).toBe('Tiếp nhận');
    expect(ws.getCell(OFFICERS_HEADER_ROW, 6).master.address).toBe(
      ws.getCell(OFFICERS_HEADER_ROW, 4).address,
    );
    expect(ws.getCell(OFFICERS_HEADER_ROW, 7).value).toBe('Thụ lý, thẩm định');
    const columns = OFFICERS_GROUPS.flatMap((g) => g.columns);
    const lines = [...json.officers, json.total];
    lines.forEach((line, i) => {
      const r = OFFICERS_HEADER_ROW + 2 + i;
      if (i < json.officers.length) expect(ws.getCell(r, 2).value).toBe(line.staff.fullName);
      columns.forEach((c, j) => {
        expect(ws.getCell(r, 4 + j).value ?? '').toBe(c.value(line));
      });
    });
    expect(ws.getCell(OFFICERS_HEADER_ROW + 2 + json.officers.length, 2).value).toBe('Tổng cộng');
  });

  it('exports an A4 landscape PDF with the national header and Vietnamese names intact', async () => {
    const json = (await stats('period=2026-12')).json();
    const res = await stats('period=2026-12&format=pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { text, pages } = await readPdf(res.rawPayload);
    expect(pages[0]!.width).toBeGreaterThan(pages[0]!.height);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      OFFICERS_TITLE,
      'Kỳ báo cáo: Tháng 12/2026',
      'Thụ lý, thẩm định',
      'Đang giữ cuối kỳ',
      byUser(json.officers, 'chuyenvien.hoankiem').staff.fullName,
    ])
      expect(text).toContain(s.normalize('NFC'));
    const figures = OFFICERS_GROUPS.flatMap((g) => g.columns).map((c) => String(c.value(json.total)));
    expect(text).toContain(`Tổng cộng ${figures.join(' ')}`);
  });

  it('lists the staff of a period without handlings with zeros, and refuses bad input', async () => {
    const nov = (await stats('period=2026-11')).json();
    const listed = (nov.officers as Row[]).map((r) => r.staff.username);
    expect(listed).toEqual(
      expect.arrayContaining(['motcua.hoankiem', 'chuyenvien.hoankiem', 'vanthu.hoankiem']),
    );
    // an administrator handles no dossier: not listed as an officer with zeros
    expect(listed).not.toContain('quantri.hoankiem');
    expect(nov.total.handled.received.total).toBe(0);
    expect(nov.total.onTimeRate.percent).toBeNull();
    // the periodic report's answers: an unknown agency is 404 NOT_FOUND
    const unknown = await api.get(
      'lanhdao.hoankiem',
      '/api/v1/agencies/999999/officer-statistics?period=2026-12',
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const report = await api.get('lanhdao.hoankiem', '/api/v1/agencies/999999/report?period=2026-12');
    expect([report.statusCode, report.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const reversed = await stats('from=2026-12-31&to=2026-12-01&format=xlsx');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('PERIOD_RANGE_REVERSED');
    expect((await stats('from=2026-01-01&to=2027-06-30')).json().error.code).toBe('PERIOD_TOO_LONG');
    expect((await stats('period=2026-13')).json().error.code).toBe('PERIOD_INVALID');
    expect((await stats('period=2026-12&format=doc')).statusCode).toBe(400);
    expect((await stats('period=2026-12&agency=1')).statusCode).toBe(400);
    expect((await stats('')).json().error.code).toBe('PERIOD_INVALID');
    expect((await stats('period=2099-01')).json().error.code).toBe('PERIOD_IN_FUTURE');
    expect((await stats('period=2026-12', 'chuyenvien.hoankiem')).statusCode).toBe(403);
    expect((await stats('period=2026-12', 'lanhdao.sxd')).statusCode).toBe(403);
    expect((await stats('period=2026-12', 'thanhtra')).statusCode).toBe(200);
  });

  it('lists an officer only for the periods their position was valid in, unless they acted in it', async () => {
    const clerk = await t.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'vanthu.hoankiem')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('staff_positions')
      .set({ valid_to: '2026-10-31' })
      .where('staff_id', '=', clerk.id)
      .where('agency_id', '=', agencyId)
      .execute();
    const names = async (q: string) =>
      ((await stats(q)).json().officers as Row[]).map((r) => r.staff.username);
    expect(await names('period=2026-10')).toContain('vanthu.hoankiem');
    expect(await names('period=2026-11')).not.toContain('vanthu.hoankiem');
    // December: the log shows the clerk issuing results for the agency, so the figures are theirs
    expect(await names('period=2026-12')).toContain('vanthu.hoankiem');
  });
});
