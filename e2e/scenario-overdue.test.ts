/**
 * A dossier that runs late, in Chromium: an online birth registration (1.001193, one working day
 * online) accepted on Monday 7 December 2026 at 09:00 is due on Tuesday at 09:00. On Monday it is
 * in the "due soon" list, in amber; on Tuesday at 10:00 it is in the "overdue" list, in red. The
 * ward's leader apologises from the workspace with a new appointment and downloads the letter
 * (a 2026 receipt: the 2025 set's "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"). The
 * citizen's dossier page and the public tracking page show the new appointment; the due instant
 * never moves, so the dossier stays overdue and the citizen is told it still counts as late.
 *
 * The server's clock and the pages' clocks run from Monday 09:00 in Hà Nội and move together.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_FORM_SAMPLES } from '../packages/server/src/modules/demo/procedures.js';
import { pdfText } from '../packages/server/src/test/pdf-text.js';
import { signInOfficer, VIEWPORTS, type Viewport, webSuite } from './harness.js';

const H = 3_600_000;
const vn = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);
const clock = { offset: vn(2026, 12, 7, 9, 0) - Date.now() };
const now = () => Date.now() + clock.offset;
const web = webSuite({ clock: now });

const LAN = '001194012345';
const REASON = 'Chủ tịch Ủy ban nhân dân phường đi công tác đột xuất, chưa ký được Giấy khai sinh';
/** DEADLINE_COLORS of app/theme.ts as the browser computes them */
const AMBER = 'rgb(254, 243, 199)';
const RED = 'rgb(254, 226, 226)';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const stored = (id: number) =>
  web.t.db
    .selectFrom('dossiers')
    .select(['status', 'code', 'due_at', 'appointment_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** A page whose clock reads the server's. */
async function page(viewport: Viewport = VIEWPORTS.desk) {
  const p = await web.open('about:blank', viewport);
  await p.clock.install({ time: now() });
  return p;
}

async function act(p: Page, label: string, fill?: (dialog: Locator) => Promise<void>) {
  await p.getByRole('region', { name: 'Thao tác' }).getByRole('button', { name: label, exact: true }).click();
  const dialog = p.getByRole('dialog', { name: label });
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' }).catch(async (e) => {
    throw new Error(`${label}: ${await dialog.innerText()}`, { cause: e });
  });
}

/** The worklist row of `code` and the background of its deadline tag. */
async function listed(p: Page, list: string, heading: string, code: string, tag: string) {
  await p.goto(`/xu-ly/${list}`);
  await p.getByRole('heading', { level: 1, name: heading }).waitFor();
  const row = p.getByRole('row').filter({ has: p.getByRole('link', { name: code, exact: true }) });
  const label = row.getByText(tag, { exact: true });
  await label.waitFor();
  // the root tsconfig has no DOM types (it also checks the server), hence the narrow shape
  return label.evaluate(
    (el) =>
      (
        globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
      ).getComputedStyle(el).backgroundColor,
  );
}

/** The demo citizen signs in through the API, in the page's browser context; returns the CSRF token. */
async function citizenIn(p: Page): Promise<string> {
  const sent = await p.request.post('/api/v1/citizen/auth/code', {
    data: { identityNumber: LAN, channel: 'sms' },
  });
  expect(sent.status(), await sent.text()).toBe(202);
  const verified = await p.request.post('/api/v1/citizen/auth/verify', {
    data: { identityNumber: LAN, code: await web.lastCitizenCode() },
  });
  expect(verified.status(), await verified.text()).toBe(200);
  return (await verified.json()).csrfToken as string;
}

const shared = { id: 0, code: '', dueAt: 0 };

describe('an overdue dossier with an apology', () => {
  it('is due soon on Monday and overdue on Tuesday, in the worklists and their colours', async () => {
    // Monday 09:00 from now on, not from when the file was loaded (the suite's start takes seconds)
    clock.offset = vn(2026, 12, 7, 9, 0) - Date.now();
    // the citizen's online submission, through the API (the wizard has its own tests)
    const citizen = await page();
    const csrf = await citizenIn(citizen);
    const place = await web.t.db
      .selectFrom('staff as s')
      .innerJoin('staff_positions as p', 'p.staff_id', 's.id')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id')
      .select(['a.identifier', 'tn.code as tenant'])
      .where('s.username', '=', 'motcua.hoankiem')
      .executeTakeFirstOrThrow();
    const submitted = await citizen.request.post('/api/v1/citizen/dossiers', {
      headers: { 'x-csrf-token': csrf, 'idempotency-key': 'scenario-overdue-submit' },
      data: {
        tenant: place.tenant,
        procedureCode: '1.001193',
        competentAgency: place.identifier,
        documents: [
          { code: 'TK_KHAI_SINH', provided: true },
          { code: 'GIAY_CHUNG_SINH', provided: true },
        ],
        formData: DEMO_FORM_SAMPLES['1.001193'],
      },
    });
    expect(submitted.status(), await submitted.text()).toBe(201);
    shared.id = (await submitted.json()).dossier.id;

    // the ward's one-stop unit accepts it at 09:00 and sends it to the specialist
    const desk = await page();
    await signInOfficer(desk, 'motcua.hoankiem');
    await desk.goto('/mot-cua/truc-tuyen');
    await desk.getByRole('link', { name: `Hồ sơ số ${shared.id} (chưa có mã)` }).click();
    await act(desk, 'Tiếp nhận hồ sơ');
    await act(desk, 'Chuyển bước');
    const d = await stored(shared.id);
    shared.code = d.code as string;
    shared.dueAt = (d.due_at as Date).getTime();
    // one working day online, from the receipt
    expect(Math.abs(shared.dueAt - vn(2026, 12, 8, 9, 0))).toBeLessThan(2 * 60_000);

    const leader = await page();
    await signInOfficer(leader, 'lanhdao.hoankiem');
    expect(await listed(leader, 'due_soon', 'Sắp đến hạn', shared.code, 'Sắp đến hạn')).toBe(AMBER);
    await web.expectAccessible(leader, 'scenario overdue: due soon list');

    // Tuesday 10:00, nothing done: an hour past the due instant
    clock.offset += 25 * H;
    await leader.clock.setSystemTime(now());
    expect(await listed(leader, 'overdue', 'Quá hạn', shared.code, 'Quá hạn')).toBe(RED);
    await web.expectAccessible(leader, 'scenario overdue: overdue list');
    await web.shot(leader, 'scenario-overdue-list');
  });

  it('is apologised for with a new appointment and the letter, and stays overdue', async () => {
    const leader = await page();
    await signInOfficer(leader, 'lanhdao.hoankiem');
    await leader.goto('/xu-ly/overdue');
    await leader.getByRole('link', { name: shared.code, exact: true }).click();
    await leader.getByRole('heading', { level: 1, name: new RegExp(`${esc(shared.code)}$`) }).waitFor();
    await leader
      .getByRole('region', { name: 'Thông tin hồ sơ' })
      .getByText('Quá hạn', { exact: true })
      .waitFor();

    await act(leader, 'Xin lỗi và hẹn lại ngày trả', async (dialog) => {
      await dialog.getByText('Ngày hẹn trả hiện tại: 09:00 08/12/2026').waitFor();
      await dialog.getByLabel(/^Ngày, giờ hẹn trả mới/).fill('2026-12-09T15:00');
      await dialog.getByLabel('Lý do chậm trả kết quả').fill(REASON);
      await web.expectAccessible(leader, 'scenario overdue: apology dialog');
      await web.shot(leader, 'scenario-overdue-apology-dialog');
    });
    const done = leader.getByRole('status').filter({ hasText: 'Đã ghi: Xin lỗi và hẹn lại ngày trả.' });
    // a 2026 receipt: the letter of Circular 03/2025, not the 2018 Mẫu 04 "Phiếu xin lỗi"
    const letter = done.getByRole('link', {
      name: /^Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết \(Mẫu 04\)/,
    });
    const pdf = await leader.request.get((await letter.getAttribute('href')) as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = await pdfText(await pdf.body());
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(text).toContain(shared.code);
    expect(text).toContain(REASON);
    expect(text).toContain('thời gian trả kết quả giải quyết hồ sơ là 09 giờ 00 phút, ngày 08/12/2026');
    expect(text).toContain('đề nghị gia hạn thời gian giải quyết hồ sơ đến 15 giờ 00 phút, ngày 09/12/2026');
    await web.expectAccessible(leader, 'scenario overdue: apologised');

    // the appointment moved, the due instant did not: the dossier is still overdue
    const d = await stored(shared.id);
    expect((d.appointment_at as Date).getTime()).toBe(vn(2026, 12, 9, 15, 0));
    expect((d.due_at as Date).getTime()).toBe(shared.dueAt);
    expect(await listed(leader, 'overdue', 'Quá hạn', shared.code, 'Quá hạn')).toBe(RED);
  });

  it('shows the citizen and the public the new appointment, and that it still counts as late', async () => {
    const citizen = await page(VIEWPORTS.phone);
    await citizenIn(citizen);
    await citizen.goto(`/ca-nhan/ho-so/${shared.id}`);
    await citizen.getByRole('heading', { level: 1, name: `Hồ sơ ${shared.code}` }).waitFor();
    const appointment = citizen.getByRole('region', { name: 'Ngày hẹn trả kết quả' });
    await appointment.locator('.appointment-date').getByText('15:00 09/12/2026').waitFor();
    await appointment.getByText('Hạn giải quyết: 09:00 08/12/2026.').waitFor();
    await appointment
      .getByText(/cơ quan đã xin lỗi vì giải quyết chậm và hẹn lại ngày trả: 15:00 09\/12\/2026/)
      .waitFor();
    await appointment.getByText(/^Hồ sơ đã quá hạn giải quyết \(09:00 08\/12\/2026\)/).waitFor();
    // the letter is among the papers the agency issued, named as the 2025 set names it
    const letter = citizen.getByRole('link', {
      name: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
    });
    expect((await citizen.request.get((await letter.getAttribute('href')) as string)).status()).toBe(200);
    await web.expectAccessible(citizen, 'scenario overdue: the citizen’s dossier');
    await web.shot(citizen, 'scenario-overdue-citizen');

    await citizen.goto(`/tra-cuu/${shared.code}`);
    await citizen.getByText(shared.code).first().waitFor();
    await citizen.getByText('15:00 09/12/2026').waitFor();
    await web.expectAccessible(citizen, 'scenario overdue: public tracking');
  });
});
