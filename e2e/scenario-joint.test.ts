/**
 * A liên thông dossier across two agencies and two levels, in Chromium, each officer at their own
 * screen: a first land registration (1.013978) received at the Hoàn Kiếm ward's counter,
 * appraised, signed and sent on by the commune; the clerk's hand-over opens a child dossier at
 * the Sở Nông nghiệp và Môi trường (province), whose officers process it from their own lists
 * two days late; the lead dossier shows the child's progress and, once the child's result is back,
 * its late part, and the control slip (Mẫu 06) judges every agency's segment (early, on time,
 * late). The one-stop unit hands the result over.
 *
 * The server's clock and the pages' clocks run from Monday 7 December 2026, 08:00 in Hà Nội, and
 * are moved forward together, so deadlines are the same to the server and to the screens.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../packages/server/src/test/pdf-text.js';
import { signInOfficer, VIEWPORTS, webSuite } from './harness.js';

const H = 3_600_000;
const vn = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);
const clock = { offset: vn(2026, 12, 7, 8, 0) - Date.now() };
const now = () => Date.now() + clock.offset;
const web = webSuite({ clock: now });

const COMMUNE = 'Ủy ban nhân dân Phường Hoàn Kiếm';
const CASE = 'Trường hợp hộ gia đình, cá nhân, cộng đồng dân cư đăng ký, cấp Giấy chứng nhận lần đầu';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the two agencies share between the tests of this file. */
const shared = { parentId: 0, code: '', childId: 0, childCode: '', sở: '' };

const stored = (id: number) =>
  web.t.db
    .selectFrom('dossiers')
    .select(['status', 'current_step', 'due_at', 'finished_at', 'parent_id', 'code'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** A page whose clock reads the server's, signed in as `username`. */
async function officer(username: string) {
  const page = await web.open('about:blank', VIEWPORTS.desk);
  await page.clock.install({ time: now() });
  await signInOfficer(page, username);
  return page;
}

/** `username` opens `code` from their worklist `list`. */
async function fromList(username: string, list: string, code: string) {
  const page = await officer(username);
  await page.goto(`/xu-ly/${list}`);
  await page.getByRole('link', { name: code, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`${esc(code)}$`) }).waitFor();
  return page;
}

async function act(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>) {
  await page
    .getByRole('region', { name: 'Thao tác' })
    .getByRole('button', { name: label, exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' }).catch(async (e) => {
    throw new Error(`${label}: ${await dialog.innerText()}`, { cause: e });
  });
}

const positive = (dialog: Locator) => dialog.getByRole('radio', { name: 'Đủ điều kiện giải quyết' }).check();

/** The liên thông section's row of the child dossier. */
const childRow = (page: Page) =>
  page
    .getByRole('region', { name: 'Hồ sơ liên thông' })
    .getByRole('row')
    .filter({ hasText: shared.childCode });

describe('liên thông: a commune and a provincial department share one dossier', () => {
  it('is received and decided at the commune, whose clerk hands it to the Sở', async () => {
    // Monday 08:00 from now on, not from when the file was loaded (the suite's start takes seconds)
    clock.offset = vn(2026, 12, 7, 8, 0) - Date.now();
    const desk = await officer('motcua.hoankiem');
    await desk.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
    const find = desk.getByRole('combobox', { name: 'Tìm thủ tục' });
    await find.fill('dang ky dat dai lan dau ho gia dinh');
    await desk.getByRole('option', { name: /^1\.013978 — / }).waitFor({ state: 'attached' });
    await find.press('Enter');
    await desk.getByText(COMMUNE, { exact: true }).waitFor();
    await desk.getByRole('checkbox', { name: CASE }).check();
    const identity = desk.getByLabel('Số định danh cá nhân / mã số tổ chức');
    await identity.fill('001194012345');
    await identity.press('Enter');
    await desk.getByText('Đã điền thông tin công dân').waitFor();
    await desk
      .getByRole('checkbox', { name: /^Đã nộp: Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu/ })
      .check();
    await desk.getByRole('button', { name: 'Tiếp nhận và in Giấy tiếp nhận (Mẫu 01)' }).click();
    const accepted = desk.getByText(/^Đã tiếp nhận hồ sơ (\S+)\.$/);
    await accepted.waitFor();
    shared.code = /hồ sơ (\S+)\.$/.exec(await accepted.innerText())?.[1] ?? '';
    expect(shared.code).toMatch(/^000\.04\.99\.H26-261207-\d{4}$/);
    const row = await web.t.db
      .selectFrom('dossiers')
      .select('id')
      .where('code', '=', shared.code)
      .executeTakeFirstOrThrow();
    shared.parentId = row.id;
    await desk.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await desk.getByRole('heading', { level: 1, name: `Hồ sơ: ${shared.code}` }).waitFor();
    await act(desk, 'Chuyển bước');

    // Phòng Kinh tế appraises and posts the result publicly, the head and the chairman decide
    const specialist = await fromList('chuyenvien.kt.hoankiem', 'to_process', shared.code);
    await act(specialist, 'Chuyển bước', positive);
    await expect.poll(async () => (await stored(shared.parentId)).current_step).toBe('NIEM_YET');
    await act(specialist, 'Chuyển bước', positive);
    const head = await fromList('truongphong.kt.hoankiem', 'to_approve', shared.code);
    await act(head, 'Chuyển bước');
    const leader = await fromList('lanhdao.hoankiem', 'to_sign', shared.code);
    for (const a of ['Phê duyệt', 'Ký duyệt', 'Chuyển bước']) await act(leader, a);

    // the clerk's hand-over enters the liên thông step: the child is opened at the Sở
    const clerk = await fromList('vanthu.hoankiem', 'to_issue', shared.code);
    await act(clerk, 'Chuyển bước');
    await expect.poll(async () => (await stored(shared.parentId)).current_step).toBe('LIEN_THONG');
    const child = await web.t.db
      .selectFrom('dossiers as d')
      .innerJoin('agencies as a', 'a.id', 'd.competent_agency_id')
      .select(['d.id', 'd.code', 'a.name'])
      .where('d.parent_id', '=', shared.parentId)
      .executeTakeFirstOrThrow();
    shared.childId = child.id;
    shared.childCode = child.code as string;
    shared.sở = child.name;
    expect(shared.sở).toBe('Sở Nông nghiệp và Môi trường');
    expect(shared.childCode).toMatch(/^000\.00\.12\.H26-261207-\d{4}$/);

    // the lead dossier waits, and shows the child's progress at the Sở
    await clerk
      .getByRole('region', { name: 'Thao tác' })
      .getByText('Hồ sơ đang chờ cơ quan phối hợp giải quyết phần việc liên thông')
      .waitFor();
    const r = childRow(clerk);
    await r.getByText(shared.sở).waitFor();
    await r.getByText('PHAN_CONG', { exact: true }).waitFor();
    await r.getByText('Đang giải quyết', { exact: true }).waitFor();
    await web.expectAccessible(clerk, 'scenario joint: the lead dossier waiting for the Sở');
    await web.shot(clerk, 'scenario-joint-children-open');
  });

  it('is processed at the Sở two days later, from its own lists, as a part of the lead dossier', async () => {
    // Wednesday 9 December, 09:00: the Sở's share (12 working hours) ran out on Tuesday
    clock.offset += 2 * 24 * H + H;
    const head = await fromList('truongphong.snnmt', 'to_process', shared.childCode);
    await head
      .getByText(`Hồ sơ liên thông: phần việc của hồ sơ ${shared.code} do cơ quan chủ trì chuyển đến.`)
      .waitFor();
    await head.getByRole('link', { name: `Mở hồ sơ chính ${shared.code}` }).waitFor();
    // its own deadline has passed: the screen says so in words, not colour alone
    await head
      .getByRole('region', { name: 'Thông tin hồ sơ' })
      .getByText('Quá hạn', { exact: true })
      .waitFor();
    await web.expectAccessible(head, 'scenario joint: the child at the Sở');
    await web.shot(head, 'scenario-joint-child');
    await act(head, 'Chuyển bước');
    const specialist = await fromList('chuyenvien.snnmt', 'to_process', shared.childCode);
    await act(specialist, 'Chuyển bước', positive);
    // back at the head's page, which the specialist's step has left behind
    await head.reload();
    await act(head, 'Chuyển bước');
    await expect.poll(async () => (await stored(shared.childId)).current_step).toBe('KY');
    const leader = await fromList('lanhdao.snnmt', 'to_sign', shared.childCode);
    for (const a of ['Phê duyệt', 'Ký duyệt', 'Chuyển bước']) await act(leader, a);
    const clerk = await fromList('vanthu.snnmt', 'to_issue', shared.childCode);
    await act(clerk, 'Ban hành kết quả');
    // the child's result goes back to the commune by itself, and the lead dossier moves on
    await expect.poll(async () => (await stored(shared.childId)).status).toBe('returned');
    expect((await stored(shared.parentId)).status).toBe('result_ready');
  });

  it('shows the late part at the commune, in the control slip too, and is handed over', async () => {
    const desk = await fromList('motcua.hoankiem', 'to_return', shared.code);
    const r = childRow(desk);
    await r.getByText('Đã trả kết quả').waitFor();
    await r.getByText('Quá hạn', { exact: true }).waitFor();
    const child = await stored(shared.childId);
    expect((child.finished_at as Date).getTime()).toBeGreaterThan((child.due_at as Date).getTime());
    await web.expectAccessible(desk, 'scenario joint: the lead dossier with its part done');
    await web.shot(desk, 'scenario-joint-children-done');

    // the control slip of a 2026 receipt is the 2025 set's Mẫu 06: one segment per hand-over,
    // the Sở's late (it answered on Wednesday), the commune's early or on time
    const slip = desk.getByRole('link', { name: /^Phiếu kiểm soát quá trình giải quyết hồ sơ \(Mẫu 06\)/ });
    const pdf = await desk.request.get((await slip.getAttribute('href')) as string);
    expect(pdf.status()).toBe(200);
    const text = await pdfText(await pdf.body());
    expect(text).toContain(shared.code);
    expect(text).toContain(COMMUNE);
    expect(text).toContain(shared.sở);
    // one row per segment: "n Giao: <agency> Nhận: <agency> <instant> … <judgement> <note>"
    const rows = text.split(/ (?=\d+ Giao: )/).slice(1);
    const judged = (from: string, to: string) =>
      rows
        .filter((r) => r.includes(`Giao: ${from} Nhận: ${to} `))
        .map((r) => /(Trước hạn|Đúng hạn|Quá hạn)/.exec(r)?.[1]);
    expect(rows).toHaveLength(8);
    // the Sở kept its part from Monday to Wednesday 09:00, past its 12 working hours
    expect(judged(shared.sở, COMMUNE)).toEqual(['Quá hạn']);
    expect(judged(COMMUNE, shared.sở)).toEqual(['Đúng hạn']);
    expect(judged(COMMUNE, COMMUNE)).toEqual([
      'Đúng hạn',
      'Trước hạn',
      'Trước hạn',
      'Đúng hạn',
      'Đúng hạn',
      'Đúng hạn',
    ]);

    await act(desk, 'Trả kết quả', async (dialog) => {
      await dialog.getByRole('checkbox', { name: /^Đã kiểm tra giấy tờ tùy thân/ }).check();
    });
    await expect.poll(async () => (await stored(shared.parentId)).status).toBe('returned');
    const log = await web.t.db
      .selectFrom('dossier_actions')
      .select(['type'])
      .where('dossier_id', '=', shared.parentId)
      .orderBy('seq')
      .execute();
    expect(log.map((a) => a.type).slice(-5)).toEqual([
      'joint_send',
      'joint_done',
      'forward',
      'issue_result',
      'return_result',
    ]);
  });
});
