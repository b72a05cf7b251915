/**
 * The citizen's online submission in Chromium on a 360 px phone: a birth registration (1.001193)
 * from the choice of agency to the confirmation, with a field error from the browser's own check,
 * a draft resumed after a reload, a refused file type, a real PDF uploaded, an e-form answer the
 * server refuses mapped back onto its field, and a submission whose answer is lost on the way
 * sent again with the same Idempotency-Key (one dossier, not two). The declaration, which the
 * e-form itself is, is shown as given and handed in with it. Accessible (axe) at every step, with
 * no sideways scrolling.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sidewaysOverflow, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();
const LAN = { identityNumber: '001194012345', fullName: 'Nguyễn Thị Lan' };
const CODE = '1.001193';

/** Signs the demo citizen in through the API (not the sign-in screen), in the page's browser context. */
async function signInCitizen(page: Page, identityNumber = LAN.identityNumber) {
  const sent = await page.request.post(`${web.base}/api/v1/citizen/auth/code`, {
    data: { identityNumber, channel: 'sms' },
  });
  expect(sent.status(), await sent.text()).toBe(202);
  const code = await web.lastCitizenCode();
  const verified = await page.request.post(`${web.base}/api/v1/citizen/auth/verify`, {
    data: { identityNumber, code },
  });
  expect(verified.status(), await verified.text()).toBe(200);
}

/** A small, real PDF: the header the server's content check wants (%PDF-1.x at byte 0) and a page. */
function smallPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const stepHeading = (page: Page, n: number, name: string) =>
  page.getByRole('heading', { level: 2, name: `Bước ${n}/5: ${name}` });

/** Ant Design's date field takes the date typed as dd/mm/yyyy, confirmed with Enter. */
async function fillDate(field: Locator, ddmmyyyy: string) {
  await field.click();
  await field.fill(ddmmyyyy);
  await field.press('Enter');
}

async function choose(page: Page, field: Locator, option: string) {
  await field.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

async function expectFitsPhone(page: Page) {
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
}

const draftKeys = (page: Page) =>
  page.evaluate(() =>
    Object.keys((globalThis as unknown as { localStorage: Record<string, string> }).localStorage).filter(
      (k) => k.startsWith('motcua.wizard.'),
    ),
  );

describe('the online submission wizard', () => {
  it('sends a visitor who is not signed in to the sign-in, to come back here', async () => {
    const page = await web.open(`/nop-ho-so/${CODE}`, VIEWPORTS.phone);
    await page.waitForURL((u) => u.pathname === '/dang-nhap');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/nop-ho-so/${CODE}`);
  });

  it('takes a birth registration on a phone, from the agency to the confirmation', async () => {
    const db = web.t.db;
    const citizen = await db
      .selectFrom('citizens')
      .select('id')
      .where('identity_number', '=', LAN.identityNumber)
      .executeTakeFirstOrThrow();
    const before = await db
      .selectFrom('dossiers')
      .select('id')
      .where('citizen_id', '=', citizen.id)
      .execute();

    const page = await web.open('/', VIEWPORTS.phone);
    await signInCitizen(page);
    await page.goto(`/nop-ho-so/${CODE}`);

    // 1. where: the agencies of the deployment that receive this procedure online
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await stepHeading(page, 1, 'Nơi nộp hồ sơ').waitFor();
    await page.getByText('Thủ tục đăng ký khai sinh').first().waitFor();
    expect(await page.getByRole('list', { name: 'Các bước nộp hồ sơ' }).getByRole('listitem').count()).toBe(
      5,
    );
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hãy chọn cơ quan tiếp nhận hồ sơ.' }).waitFor();
    const agencies = page.getByRole('radiogroup', { name: 'Cơ quan tiếp nhận hồ sơ' }).getByRole('radio');
    expect(await agencies.count()).toBeGreaterThan(1);
    const agencyName =
      (await page.locator('.wz-agency .ant-radio-wrapper').first().textContent())?.trim() ?? '';
    expect(agencyName).toMatch(/\S/);
    await page.locator('.wz-agency .ant-radio-wrapper').first().click();
    await web.expectAccessible(page, 'phone, wizard step 1 (agency)');
    await expectFitsPhone(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // 2. the e-form, rendered from the version's JSON Schema
    await stepHeading(page, 2, 'Tờ khai').waitFor();
    const applicant = page.getByRole('group', { name: /^Người yêu cầu/ });
    await applicant.getByLabel('Họ, chữ đệm và tên').fill(LAN.fullName);
    await fillDate(applicant.getByLabel('Ngày, tháng, năm sinh'), '12/03/1994');
    // a wrong value first: the browser checks the schema's pattern as the field is left
    const id = applicant.getByLabel('Số định danh cá nhân');
    await id.fill('12345');
    await id.press('Tab');
    await applicant.getByText('Gồm đúng 12 chữ số.').waitFor();
    expect(await id.getAttribute('aria-invalid')).toBe('true');
    await web.expectAccessible(page, 'phone, wizard step 2 with a field error');
    await id.fill(LAN.identityNumber);
    await id.press('Tab');
    await expect.poll(() => applicant.getByText('Gồm đúng 12 chữ số.').count()).toBe(0);

    // the draft is kept as the citizen goes; a reload offers it again
    await expect.poll(async () => (await draftKeys(page)).length).toBe(1);
    await expect
      .poll(() =>
        page.evaluate(() =>
          Object.values(
            (globalThis as unknown as { localStorage: Record<string, string> }).localStorage,
          ).join(' '),
        ),
      )
      .toContain(LAN.identityNumber);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Bản nháp đã lưu' }).waitFor();
    await page.getByText('Tệp tải từ thiết bị không lưu được trong bản nháp').waitFor();
    await web.expectAccessible(page, 'phone, wizard draft offered');
    await page.getByRole('button', { name: 'Tiếp tục bản nháp' }).click();
    await stepHeading(page, 2, 'Tờ khai').waitFor();
    expect(await applicant.getByLabel('Họ, chữ đệm và tên').inputValue()).toBe(LAN.fullName);
    expect(await applicant.getByLabel('Số định danh cá nhân').inputValue()).toBe(LAN.identityNumber);
    expect(await applicant.getByLabel('Ngày, tháng, năm sinh').inputValue()).toBe('12/03/1994');

    const residence = applicant.getByRole('group', { name: /^Nơi cư trú/ });
    await residence.getByLabel('Tỉnh, thành phố').fill('01');
    await residence.getByLabel('Xã, phường, đặc khu').fill('00070');
    await residence.getByLabel('Số nhà, đường phố, thôn, tổ dân phố').fill('Số 12 phố Hàng Trống');
    await applicant.getByLabel('Số điện thoại').fill('0912345678');
    // accepted by the browser's loose check, refused by the server's format check (mapped back below)
    await applicant.getByLabel('Thư điện tử').fill('lan@example..vn');
    await choose(page, page.getByLabel('Quan hệ với người được khai sinh'), 'Mẹ');

    const child = page.getByRole('group', { name: /^Thông tin của trẻ/ });
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
    await page.getByLabel('Số bản sao Giấy khai sinh đề nghị cấp').fill('1');
    await page.getByLabel('Số bản sao Giấy khai sinh đề nghị cấp').press('Tab');
    await web.expectAccessible(page, 'phone, wizard step 2 (e-form) filled');
    await expectFitsPhone(page);
    await web.shot(page, 'portal-wizard-form-phone');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // 3. documents: a refused type first, then a real PDF
    await stepHeading(page, 3, 'Giấy tờ kèm theo').waitFor();
    await page.getByText('bản nháp không lưu được tệp').waitFor();
    // the declaration is the e-form just filled in: given, with nothing to upload, not missing
    const declaration = page.locator('.wz-doc').filter({ hasText: /^Tờ khai đăng ký khai sinh/ });
    await declaration.getByText('Đã khai ở bước Tờ khai', { exact: true }).waitFor();
    expect(await declaration.getByLabel('Tải tệp từ thiết bị').count()).toBe(0);
    await page.getByText(/^Còn 1 giấy tờ bắt buộc chưa đính kèm/).waitFor();
    const certificate = page.locator('.wz-doc').filter({ hasText: /^Giấy chứng sinh/ });
    const picker = certificate.getByLabel('Tải tệp từ thiết bị');
    await picker.setInputFiles({ name: 'anh.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await certificate.getByRole('alert').filter({ hasText: 'không đúng loại cho phép' }).waitFor();
    await picker.setInputFiles({
      name: 'giay-chung-sinh.pdf',
      mimeType: 'application/pdf',
      buffer: smallPdf(),
    });
    await certificate.getByText('Đã chọn: giay-chung-sinh.pdf').waitFor();
    expect(await certificate.getByRole('alert').count()).toBe(0);
    await web.expectAccessible(page, 'phone, wizard step 3 (documents)');
    await expectFitsPhone(page);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // 4. review: the answers as read on paper, the fee paid later, the time limit
    await stepHeading(page, 4, 'Xem lại').waitFor();
    const review = page.locator('.wz-review');
    for (const text of [
      agencyName,
      'Trần Minh Khôi',
      'Mẹ',
      '02/10/2026',
      '12/03/1994',
      'giay-chung-sinh.pdf',
      'Đã khai ở bước Tờ khai (tờ khai điện tử), không cần tệp',
    ])
      await review.getByText(text, { exact: false }).first().waitFor();
    expect(await review.getByText('Chưa đính kèm (bắt buộc)').count()).toBe(0);
    await review.getByRole('heading', { level: 3, name: 'Phí, lệ phí' }).waitFor();
    await review.getByText('bạn nộp khi nhận được thông báo').waitFor();
    await review.getByRole('heading', { level: 3, name: 'Thời hạn giải quyết' }).waitFor();
    await web.expectAccessible(page, 'phone, wizard step 4 (review)');
    await expectFitsPhone(page);
    await web.shot(page, 'portal-wizard-review-phone');

    // the server refuses the e-mail address: its error lands on the field, back on the form
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await stepHeading(page, 2, 'Tờ khai').waitFor();
    await page.getByRole('alert').filter({ hasText: 'Cơ quan kiểm tra tờ khai' }).waitFor();
    const email = applicant.getByLabel('Thư điện tử');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    await applicant.getByText('Giá trị không đúng định dạng').waitFor();
    expect(
      await db.selectFrom('dossiers').select('id').where('citizen_id', '=', citizen.id).execute(),
    ).toEqual(before);
    await email.fill('nguyenthilan@example.vn');
    await email.press('Tab');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await stepHeading(page, 3, 'Giấy tờ kèm theo').waitFor();
    // the chosen file is still there (same page, no reload)
    await certificate.getByText('Đã chọn: giay-chung-sinh.pdf').waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await stepHeading(page, 4, 'Xem lại').waitFor();

    // 5. submit; the first answer is lost on the way (the server did file it); "send again"
    // reuses the intent's key, and the server answers with the same dossier
    const keys: string[] = [];
    let lose = true;
    await page.route('**/api/v1/citizen/dossiers', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await stepHeading(page, 5, 'Nộp hồ sơ').waitFor();
    await page.getByRole('alert').filter({ hasText: 'Không kết nối được máy chủ' }).waitFor();
    await page.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByText('Đã nộp hồ sơ', { exact: true }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[\w.:-]{8,}$/);
    expect(keys[1]).toBe(keys[0]);
    await page
      .locator('.wz-upload')
      .filter({ hasText: 'giay-chung-sinh.pdf' })
      .getByText('Đã tải lên')
      .waitFor();
    const open = page.getByRole('link', { name: 'Xem hồ sơ trong “Hồ sơ của tôi”' });
    await open.waitFor();
    await page.locator('.wz-confirm').getByText('Chờ tiếp nhận (1)').waitFor();
    await web.expectAccessible(page, 'phone, wizard step 5 (confirmation)');
    await expectFitsPhone(page);

    // the database: one new dossier, online, submitted, with its e-form and its file
    const mine = await db
      .selectFrom('dossiers')
      .select(['id', 'status', 'channel', 'form_data', 'competent_agency_id'])
      .where('citizen_id', '=', citizen.id)
      .where('id', 'not in', before.length ? before.map((b) => b.id) : [0])
      .execute();
    expect(mine).toHaveLength(1);
    const d = mine[0] as (typeof mine)[number];
    expect(d).toMatchObject({ status: 'submitted', channel: 'online' });
    expect(d.form_data).toMatchObject({
      quanHeVoiTre: 'me',
      soBanSao: 1,
      nguoiYeuCau: {
        soDinhDanh: LAN.identityNumber,
        ngaySinh: '1994-03-12',
        email: 'nguyenthilan@example.vn',
      },
      tre: {
        hoTen: 'Trần Minh Khôi',
        gioiTinh: 'nam',
        ngaySinh: '2026-10-02',
        noiSinh: { loai: 'co_so_y_te' },
      },
    });
    // an optional section left empty is not sent at all
    expect(d.form_data).not.toHaveProperty('cha');
    const agency = await db
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', d.competent_agency_id)
      .executeTakeFirstOrThrow();
    expect(agency.name).toBe(agencyName);
    expect(await open.getAttribute('href')).toBe(`/ca-nhan/ho-so/${d.id}`);
    const files = await db
      .selectFrom('dossier_files as f')
      .innerJoin('dossier_components as c', 'c.id', 'f.component_id')
      .select(['c.document_code', 'c.provided', 'f.kind', 'f.filename', 'f.purpose'])
      .where('f.dossier_id', '=', d.id)
      .execute();
    expect(files).toEqual([
      {
        document_code: 'GIAY_CHUNG_SINH',
        provided: true,
        kind: 'pdf',
        filename: 'giay-chung-sinh.pdf',
        purpose: 'component',
      },
    ]);
    // the declaration was handed in with the e-form: the desk has nothing to tick for it
    const declared = await db
      .selectFrom('dossier_components')
      .select(['document_code', 'provided'])
      .where('dossier_id', '=', d.id)
      .where('document_code', 'in', ['TK_KHAI_SINH', 'GIAY_CHUNG_SINH'])
      .orderBy('document_code')
      .execute();
    expect(declared).toEqual([
      { document_code: 'GIAY_CHUNG_SINH', provided: true },
      { document_code: 'TK_KHAI_SINH', provided: true },
    ]);
    // the draft is gone once the dossier is filed
    expect(await draftKeys(page)).toEqual([]);
  });

  it('is usable on a desk screen too, in English as well', async () => {
    const page = await web.open('/', VIEWPORTS.desk);
    await signInCitizen(page, '001097005678');
    await page.goto(`/nop-ho-so/${CODE}`);
    await stepHeading(page, 1, 'Nơi nộp hồ sơ').waitFor();
    await page.locator('.wz-agency .ant-radio-wrapper').last().click();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await stepHeading(page, 2, 'Tờ khai').waitFor();
    // "Next" checks the whole form: the required answers are named, the first one has the focus
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /^Tờ khai còn \d+ chỗ chưa đúng/ })
      .waitFor();
    await page
      .getByRole('group', { name: /^Người yêu cầu/ })
      .getByText('Hãy khai “Họ, chữ đệm và tên”.')
      .waitFor();
    await stepHeading(page, 2, 'Tờ khai').waitFor();
    await web.expectAccessible(page, 'desk, wizard step 2 with the required answers missing');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'English' }).click();
    await stepHeading(page, 2, 'Form').waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Form' }).waitFor();
    await web.expectAccessible(page, 'desk, wizard step 2 in English');
  });
});
