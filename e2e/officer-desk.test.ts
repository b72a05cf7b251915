/**
 * The officers' side in a real browser, at the desk's screen (1366 px): a birth registration handed
 * in at the Hoàn Kiếm counter, registered and accepted with its receipt (Mẫu 01), then carried by
 * each officer through their own worklist and workspace (appraisal, approval and signature, issue)
 * and handed back at the desk with the identity checked. Each step is checked in the database too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInOfficer, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();

/** The dossier's status and step as stored (what the page shows must come from here). */
const stored = (code: string) =>
  web.t.db
    .selectFrom('dossiers')
    .select(['id', 'status', 'version', 'assignee_id'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

/** Presses an action of the workspace, fills its dialog, and waits for the dialog to close. */
async function act(
  page: Page,
  label: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page
    .getByRole('region', { name: 'Thao tác' })
    .getByRole('button', { name: label, exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Signs `username` in, opens `list` and the dossier `code` from it. */
async function openFromList(username: string, list: string, code: string) {
  const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
  await signInOfficer(page, username);
  await page.goto(list);
  await page.getByRole('link', { name: code }).click();
  await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${code}` }).waitFor();
  return page;
}

describe('the desk and the workspace', () => {
  it('receives a birth registration at the counter and carries it to the hand-over', async () => {
    const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
    await signInOfficer(page, 'motcua.hoankiem');
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
    await web.expectAccessible(page, 'reception, empty');

    // the procedure by its name typed without accents, chosen with the keyboard
    const find = page.getByRole('combobox', { name: 'Tìm thủ tục' });
    await find.fill('dang ky khai sinh');
    await page
      .getByRole('option', { name: /^1\.001193 — Thủ tục đăng ký khai sinh$/ })
      .waitFor({ state: 'attached' });
    await find.press('Enter');
    await page.getByText('Ủy ban nhân dân Phường Hoàn Kiếm', { exact: true }).waitFor();

    // the applicant filled in from the citizen record by identity number
    const identity = page.getByLabel('Số định danh cá nhân / mã số tổ chức');
    await identity.fill('001194012345');
    await identity.press('Enter');
    await page.getByText('Đã điền thông tin công dân').waitFor();
    expect(await page.getByLabel('Họ và tên / tên tổ chức').inputValue()).toBe('Nguyễn Thị Lan');

    // acceptance needs every required paper
    await page.getByText('Còn thiếu 2 giấy tờ bắt buộc.').waitFor();
    await web.expectAccessible(page, 'reception, filled in');
    await web.shot(page, 'desk-reception');
    for (const name of [/^Đã nộp: Tờ khai đăng ký khai sinh/, /^Đã nộp: Giấy chứng sinh/])
      await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Tiếp nhận và in Giấy tiếp nhận (Mẫu 01)' }).click();

    const accepted = page.getByText(/^Đã tiếp nhận hồ sơ (\S+)\.$/);
    await accepted.waitFor();
    const code = /hồ sơ (\S+)\.$/.exec(await accepted.innerText())![1]!;
    expect(code).toMatch(/^000\.04\.99\.H26-\d{6}-\d{4}$/);
    expect((await stored(code)).status).toBe('accepted');
    await web.expectAccessible(page, 'reception, accepted');
    await web.shot(page, 'desk-accepted');

    // the receipt prints: a real PDF with the dossier's code
    const receipt = page.getByRole('link', { name: /Giấy tiếp nhận hồ sơ và hẹn trả kết quả \(Mẫu 01\)/ });
    const href = await receipt.getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // the receiving officer sends it on from the reception step
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${code}` }).waitFor();
    await web.expectAccessible(page, 'workspace, at the desk');
    await act(page, 'Chuyển bước');
    await expect.poll(async () => (await stored(code)).status).toBe('processing');

    // the specialist appraises it from "to process"
    const specialist = await openFromList('chuyenvien.hoankiem', '/xu-ly/to_process', code);
    await web.expectAccessible(specialist, 'workspace, specialist');
    await web.shot(specialist, 'workspace-dossier');
    const before = (await stored(code)).version;
    await act(specialist, 'Chuyển bước', async (dialog) => {
      await dialog.getByRole('radio', { name: 'Đủ điều kiện giải quyết' }).check();
    });
    await expect.poll(async () => (await stored(code)).version).toBeGreaterThan(before);

    // the leader approves and signs, then sends it to issue
    const leader = await openFromList('lanhdao.hoankiem', '/xu-ly/to_sign', code);
    await act(leader, 'Phê duyệt');
    await act(leader, 'Ký duyệt');
    await act(leader, 'Chuyển bước');

    // the clerk issues the result
    const clerk = await openFromList('vanthu.hoankiem', '/xu-ly/to_issue', code);
    await act(clerk, 'Ban hành kết quả');
    await expect.poll(async () => (await stored(code)).status).toBe('result_ready');

    // and the desk hands it over, the applicant's identity checked
    const desk = await openFromList('motcua.hoankiem', '/mot-cua/tra-ket-qua', code);
    await web.expectAccessible(desk, 'desk, hand-over');
    await act(desk, 'Trả kết quả', async (dialog) => {
      await dialog.getByRole('checkbox').check();
    });
    await expect.poll(async () => (await stored(code)).status).toBe('returned');
    await desk.getByText('Đã trả kết quả').first().waitFor();
  });
});
