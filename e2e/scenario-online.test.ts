/**
 * One online dossier end to end in Chromium, each person signed in through their own screen: the
 * citizen submits a birth registration (1.001193) through the wizard, the one-stop unit accepts it
 * from the online queue, the specialist asks for a supplement, the citizen answers it in "my
 * dossiers", the leader approves and signs, the clerk issues the result with its file, the desk
 * returns it online, and the citizen downloads it and rates the service. The stored dossier and
 * its log are checked at the end.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInOfficer, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();
const LAN = { identityNumber: '001194012345', fullName: 'Nguyễn Thị Lan' };
const AGENCY = 'Ủy ban nhân dân Phường Hoàn Kiếm';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const stored = (id: number) =>
  web.t.db
    .selectFrom('dossiers')
    .select(['status', 'version', 'code', 'channel'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

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

async function officerAt(username: string, list: string, code: string) {
  const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
  await signInOfficer(page, username);
  await page.goto(list);
  await page.getByRole('link', { name: code }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`${code.replace(/\./g, '\\.')}$`) }).waitFor();
  return page;
}

async function fillDate(field: Locator, ddmmyyyy: string) {
  await field.click();
  await field.fill(ddmmyyyy);
  await field.press('Enter');
}

/** The citizen signs in on the sign-in page with the code their phone received. */
async function citizenSignIn(page: Page) {
  await page.waitForURL((u) => u.pathname === '/dang-nhap');
  await page.getByLabel('Số định danh cá nhân').fill(LAN.identityNumber);
  await page.getByRole('radio', { name: /Tin nhắn SMS/ }).check();
  await page.getByRole('button', { name: 'Gửi mã đăng nhập' }).click();
  await page.getByRole('status').filter({ hasText: 'Mã đăng nhập đã được gửi' }).waitFor();
  await page.getByLabel('Mã đăng nhập (6 chữ số)').fill(await web.lastCitizenCode());
  await page.getByLabel('Mã đăng nhập (6 chữ số)').press('Enter');
  await page.waitForURL((u) => u.pathname !== '/dang-nhap');
}

describe('an online dossier from the wizard to the rating', () => {
  it('is submitted, accepted, supplemented, decided, returned online and rated', async () => {
    // 1. the citizen submits through the wizard, signing in on the way
    const citizen = await web.open('/nop-ho-so/1.001193', VIEWPORTS.desk);
    await citizenSignIn(citizen);
    await citizen.waitForURL((u) => u.pathname === '/nop-ho-so/1.001193');
    const step = (n: number, name: string) =>
      citizen.getByRole('heading', { level: 2, name: `Bước ${n}/5: ${name}` });
    await step(1, 'Nơi nộp hồ sơ').waitFor();
    await citizen.locator('.wz-agency .ant-radio-wrapper').filter({ hasText: AGENCY }).first().click();
    await web.expectAccessible(citizen, 'scenario online: wizard, agency');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

    await step(2, 'Tờ khai').waitFor();
    const applicant = citizen.getByRole('group', { name: /^Người yêu cầu/ });
    await applicant.getByLabel('Họ, chữ đệm và tên').fill(LAN.fullName);
    await fillDate(applicant.getByLabel('Ngày, tháng, năm sinh'), '12/03/1994');
    await applicant.getByLabel('Số định danh cá nhân').fill(LAN.identityNumber);
    const residence = applicant.getByRole('group', { name: /^Nơi cư trú/ });
    await residence.getByLabel('Tỉnh, thành phố').fill('01');
    await residence.getByLabel('Xã, phường, đặc khu').fill('00070');
    await residence.getByLabel('Số nhà, đường phố, thôn, tổ dân phố').fill('Số 12 phố Hàng Trống');
    await applicant.getByLabel('Số điện thoại').fill('0912345678');
    await applicant.getByLabel('Thư điện tử').fill('nguyenthilan@example.vn');
    await citizen.getByLabel('Quan hệ với người được khai sinh').click();
    await citizen.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Mẹ"]').click();
    const child = citizen.getByRole('group', { name: /^Thông tin của trẻ/ });
    await child.getByLabel('Họ, chữ đệm và tên').fill('Trần Minh Khôi');
    await child.getByRole('radiogroup', { name: 'Giới tính' }).getByText('Nam', { exact: true }).click();
    await fillDate(child.getByLabel('Ngày, tháng, năm sinh'), '02/10/2026');
    const birthplace = child.getByRole('group', { name: /^Nơi sinh/ });
    await birthplace.getByText('Tại cơ sở y tế', { exact: true }).click();
    await birthplace.getByLabel('Tên cơ sở y tế').fill('Bệnh viện Phụ sản Hà Nội');
    const birthAddress = birthplace.getByRole('group', { name: /^Địa chỉ nơi sinh/ });
    await birthAddress.getByLabel('Tỉnh, thành phố').fill('01');
    await birthAddress.getByLabel('Xã, phường, đặc khu').fill('00070');
    await birthAddress.getByLabel('Số nhà, đường phố, thôn, tổ dân phố').fill('Số 929 đường La Thành');
    await child.getByLabel('Dân tộc').fill('Kinh');
    await child.getByLabel('Quốc tịch').fill('Việt Nam');
    await citizen.getByLabel('Số bản sao Giấy khai sinh đề nghị cấp').fill('1');
    await citizen.getByLabel('Số bản sao Giấy khai sinh đề nghị cấp').press('Tab');
    await web.expectAccessible(citizen, 'scenario online: wizard, e-form');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

    await step(3, 'Giấy tờ kèm theo').waitFor();
    const certificate = citizen.locator('.wz-doc').filter({ hasText: /^Giấy chứng sinh/ });
    await certificate
      .getByLabel('Tải tệp từ thiết bị')
      .setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await certificate.getByText('Đã chọn: giay-chung-sinh.pdf').waitFor();
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await step(4, 'Xem lại').waitFor();
    await web.shot(citizen, 'scenario-online-wizard-review');
    await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await citizen.getByText('Đã nộp hồ sơ', { exact: true }).waitFor();
    const open = citizen.getByRole('link', { name: 'Xem hồ sơ trong “Hồ sơ của tôi”' });
    const id = Number(/\/ca-nhan\/ho-so\/(\d+)$/.exec((await open.getAttribute('href')) ?? '')?.[1]);
    expect(id).toBeGreaterThan(0);
    expect(await stored(id)).toMatchObject({ status: 'submitted', channel: 'online', code: null });
    await web.expectAccessible(citizen, 'scenario online: wizard, confirmation');
    await web.shot(citizen, 'scenario-online-submitted');

    // 2. the one-stop unit accepts it from the online queue
    const desk = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
    await signInOfficer(desk, 'motcua.hoankiem');
    await desk.goto('/mot-cua/truc-tuyen');
    await desk.getByRole('heading', { level: 1, name: 'Hồ sơ trực tuyến chờ tiếp nhận' }).waitFor();
    const row = desk.getByRole('link', { name: `Hồ sơ số ${id} (chưa có mã)` });
    await row.waitFor();
    await web.expectAccessible(desk, 'scenario online: online queue');
    await web.shot(desk, 'scenario-online-queue');
    await row.click();
    await desk.getByRole('heading', { level: 1, name: `Kiểm tra hồ sơ trực tuyến: #${id}` }).waitFor();
    await web.expectAccessible(desk, 'scenario online: online review');
    // the declaration came with the e-form and the certificate as a file: nothing left to tick
    await act(desk, 'Tiếp nhận hồ sơ', async (dialog) => {
      expect(await dialog.getByRole('checkbox', { name: /^Tờ khai đăng ký khai sinh/ }).count()).toBe(0);
      expect(await dialog.getByRole('checkbox', { name: /^Giấy chứng sinh/ }).count()).toBe(0);
      await web.expectAccessible(desk, 'scenario online: accept dialog');
    });
    await expect.poll(async () => (await stored(id)).status).toBe('accepted');
    const code = (await stored(id)).code as string;
    expect(code).toMatch(/^000\.04\.99\.H26-\d{6}-\d{4}$/);
    await desk.getByRole('status').filter({ hasText: code }).waitFor();
    await act(desk, 'Chuyển bước');
    await expect.poll(async () => (await stored(id)).status).toBe('processing');

    // 3. the specialist asks for a supplement
    const specialist = await officerAt('chuyenvien.hoankiem', '/xu-ly/to_process', code);
    await act(specialist, 'Yêu cầu bổ sung hồ sơ', async (dialog) => {
      await dialog.getByLabel('Giấy tờ 1', { exact: true }).fill('Giấy chứng sinh');
      await dialog.getByLabel('Lý do yêu cầu giấy tờ 1').fill('Ảnh chụp bị mờ, không đọc được số');
      await web.expectAccessible(specialist, 'scenario online: supplement request dialog');
    });
    await expect.poll(async () => (await stored(id)).status).toBe('supplement_requested');
    await web.shot(specialist, 'scenario-online-supplement-requested');

    // 4. the citizen answers it in "my dossiers"
    await citizen.goto('/ca-nhan/ho-so');
    const card = citizen.getByRole('article', { name: new RegExp(code.replace(/\./g, '\\.')) });
    await card.getByRole('link').click();
    await citizen.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const box = citizen.getByRole('region', { name: 'Bổ sung hồ sơ' });
    await box.getByText('Ảnh chụp bị mờ, không đọc được số').waitFor();
    await web.expectAccessible(citizen, 'scenario online: supplement asked');
    await box
      .getByLabel(/^Chọn tệp cho “Giấy chứng sinh;/)
      .setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: PDF });
    await box.getByText(/^Đã tải lên giay-chung-sinh-ro\.pdf/).waitFor();
    await box.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
    await citizen.getByRole('status').filter({ hasText: 'Đã gửi hồ sơ bổ sung' }).waitFor();
    await expect.poll(async () => (await stored(id)).status).toBe('processing');

    // 5. the specialist appraises, the leader approves and signs, the clerk issues with the file
    await specialist.reload();
    await act(specialist, 'Chuyển bước', async (dialog) => {
      await dialog.getByRole('radio', { name: 'Đủ điều kiện giải quyết' }).check();
    });
    const leader = await officerAt('lanhdao.hoankiem', '/xu-ly/to_sign', code);
    await web.expectAccessible(leader, 'scenario online: leader');
    await act(leader, 'Phê duyệt');
    await act(leader, 'Ký duyệt');
    await act(leader, 'Chuyển bước');
    const clerk = await officerAt('vanthu.hoankiem', '/xu-ly/to_issue', code);
    await act(clerk, 'Ban hành kết quả', async (dialog) => {
      await dialog
        .locator('input[type=file]')
        .setInputFiles({ name: 'Giấy khai sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
      await dialog.getByText('Tệp kết quả đã tải lên: 1').waitFor();
      await dialog.getByText('Giấy khai sinh.pdf').waitFor();
      await web.expectAccessible(clerk, 'scenario online: issue dialog');
    });
    await expect.poll(async () => (await stored(id)).status).toBe('result_ready');
    await web.shot(clerk, 'scenario-online-issued');

    // 6. the desk returns it online (no counter, no identity check)
    const handover = await officerAt('motcua.hoankiem', '/mot-cua/tra-ket-qua', code);
    await act(handover, 'Trả kết quả', async (dialog) => {
      expect(
        await dialog.getByRole('radio', { name: 'Trả trực tuyến vào kho dữ liệu của người nộp' }).isChecked(),
      ).toBe(true);
    });
    await expect.poll(async () => (await stored(id)).status).toBe('returned');

    // 7. the citizen downloads the result and rates the service
    await citizen.reload();
    await citizen.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const result = citizen
      .getByRole('region', { name: 'Kết quả giải quyết' })
      .getByRole('link', { name: 'Tải về Giấy khai sinh.pdf' });
    const bytes = await citizen.request.get((await result.getAttribute('href')) as string);
    expect(bytes.status()).toBe(200);
    expect((await bytes.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const rating = citizen.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
    await web.expectAccessible(citizen, 'scenario online: returned, to rate');
    await rating
      .getByRole('group', { name: 'Mức độ hài lòng chung' })
      .getByRole('radio', { name: '5 — Rất hài lòng' })
      .check();
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await rating.getByText('Cảm ơn bạn. Bạn đã đánh giá hồ sơ này: 5/5.').waitFor();
    await web.expectAccessible(citizen, 'scenario online: rated');
    await web.shot(citizen, 'scenario-online-rated');

    // the stored state: returned online, and the log in the order it happened
    const d = await web.t.db
      .selectFrom('dossiers')
      .select(['status', 'finished_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(d.status).toBe('returned');
    expect(d.finished_at).not.toBeNull();
    const log = await web.t.db
      .selectFrom('dossier_actions')
      .select(['type', 'actor', 'payload'])
      .where('dossier_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(log.map((a) => a.type)).toEqual([
      'submit',
      'accept',
      'forward',
      'request_supplement',
      'supplement_received',
      'forward',
      'approve',
      'sign',
      'forward',
      'issue_result',
      'return_result',
      'rate',
    ]);
    expect(log.at(-2)?.payload).toMatchObject({ delivery: 'online' });
    expect(log.at(-1)?.payload).toMatchObject({ score: 5, actor: { kind: 'applicant' } });
    expect(log[4]?.actor).toMatchObject({ kind: 'applicant' });
  });
});
