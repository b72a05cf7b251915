/**
 * PAKN (phản ánh, kiến nghị) in Chromium, end to end on the demo: a citizen without an account
 * sends one on a phone (the form's own checks, then the server's refusal shown on its field), and
 * keeps the code and access token; the department head of phường Hoàn Kiếm classifies it and asks
 * for more information at the desk; the citizen answers it from another phone by code and token;
 * the officer's answer meets a stale version (someone re-classified meanwhile: 409 explained,
 * reloaded, sent again), is published; the citizen says they are satisfied; the answer is on the
 * public page without personal data. A signed-in citizen's path (contact from the account, "my
 * PAKN") is the second test. axe on every screen; no sideways scrolling on the phone.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sidewaysOverflow, signInOfficer, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();

let agency: { identifier: string; name: string; tenant: string };

beforeAll(async () => {
  agency = await web.t.db
    .selectFrom('staff as s')
    .innerJoin('staff_positions as p', 'p.staff_id', 's.id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id')
    .select(['a.identifier', 'a.name', 'tn.code as tenant'])
    .where('s.username', '=', 'truongphong.hoankiem')
    .executeTakeFirstOrThrow();
});

async function expectGood(page: Page, context: string, phone = true) {
  await web.expectAccessible(page, context);
  if (phone) expect(await sidewaysOverflow(page), `${context}: sideways overflow`).toBeLessThanOrEqual(0);
}

/** An officer's API session, to act behind the back of the screen under test. */
async function officerApi(username: string) {
  const r = await fetch(`${web.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'MotCua@2025' }),
  });
  expect(r.status).toBe(200);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  return (path: string, body?: object) =>
    fetch(`${web.base}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        cookie,
        ...(body
          ? { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': randomUUID() }
          : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
}

/** Opens an action's dialog on the handling screen, fills it and sends it. */
async function act(
  page: Page,
  action: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page
    .getByRole('region', { name: 'Thao tác' })
    .getByRole('button', { name: action, exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  await fill?.(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  return dialog;
}

describe('PAKN on the portal and at the agency', () => {
  it('goes from an anonymous phone to the officer, back for information, answered, rated and published', async () => {
    const title = `Niêm yết thủ tục khai sinh ${randomUUID().slice(0, 6)}`;
    // the citizen finds it from the portal's menu, on a phone
    const phone = await web.open('/', VIEWPORTS.phone);
    await phone.getByRole('navigation').getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Kết quả trả lời phản ánh, kiến nghị' }).waitFor();
    await phone.getByRole('link', { name: 'Gửi phản ánh, kiến nghị' }).first().click();
    await phone.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    await expectGood(phone, 'phone, send a PAKN');

    // nothing filled: the form says what is missing, on each field
    await phone.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await phone.getByRole('alert').filter({ hasText: 'Chưa gửi được' }).waitFor();
    expect(await phone.getByLabel('Tiêu đề').getAttribute('aria-invalid')).toBe('true');
    await phone.getByText('Hãy chọn nội dung phản ánh, kiến nghị.').waitFor();
    await phone.getByText('Hãy ghi số điện thoại hoặc thư điện tử.').waitFor();

    await phone.getByRole('radio', { name: 'Quy định, thủ tục hành chính' }).check();
    await phone.getByLabel('Cơ quan bị phản ánh, kiến nghị').selectOption({ label: agency.name });
    await phone.getByLabel('Tìm thủ tục (tên hoặc mã)').fill('1.001193');
    await phone.getByRole('radio', { name: /1\.001193/ }).check();
    await phone.getByLabel('Mã hồ sơ liên quan (nếu có)').fill('KHONG-CO-HO-SO');
    await phone.getByLabel('Tiêu đề').fill(title);
    await phone
      .getByLabel('Nội dung phản ánh, kiến nghị')
      .fill('Bộ phận một cửa không niêm yết đủ thành phần hồ sơ.\nĐề nghị niêm yết lại.');
    await phone.getByLabel('Họ và tên').fill('Trần Văn An');
    await phone.getByLabel('Số điện thoại').fill('0987 654 321');
    await phone.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    // the server knows no such dossier: its words, on that field
    const dossierField = phone.getByLabel('Mã hồ sơ liên quan (nếu có)');
    await phone.getByText('Không tìm thấy hồ sơ KHONG-CO-HO-SO').waitFor();
    expect(await dossierField.getAttribute('aria-invalid')).toBe('true');
    await dossierField.fill('');
    await phone.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();

    const h1 = phone.getByRole('heading', { level: 1, name: /^Phản ánh, kiến nghị PAKN\./ });
    await h1.waitFor();
    const code = ((await h1.innerText()).match(/PAKN\.\d{8}\.\d+/) ?? [])[0] as string;
    expect(code).toBeTruthy();
    await phone.getByText(`Đã gửi phản ánh, kiến nghị. Mã của bạn là ${code}.`).waitFor();
    const token = (await phone.locator('.feedback-secret').nth(1).innerText()).trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    await phone.getByRole('region', { name: 'Thông tin chung' }).getByText('Đã tiếp nhận').waitFor();
    await expectGood(phone, 'phone, PAKN sent');
    await web.shot(phone, 'feedback-sent-phone');

    // the department head of the agency, at a desk
    const desk = await web.open('/', VIEWPORTS.desk);
    await signInOfficer(desk, 'truongphong.hoankiem');
    await desk
      .getByRole('navigation', { name: 'Trình đơn' })
      .getByRole('link', { name: 'Phản ánh, kiến nghị' })
      .click();
    await desk.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor();
    const row = desk.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    await row.getByText('Chưa phân loại').waitFor();
    await row.getByText('Trong hạn').waitFor();
    await expectGood(desk, 'desk, PAKN list', false);
    await web.shot(desk, 'feedback-officer-list');
    await row.getByRole('link', { name: code }).click();
    await desk.getByRole('heading', { level: 1, name: `Phản ánh, kiến nghị ${code}` }).waitFor();
    // the sender's contact is the agency's to see; answering waits for a classification
    await desk.getByText('0987 654 321').waitFor();
    const actions = desk.getByRole('region', { name: 'Thao tác' });
    expect(await actions.getByRole('button', { name: 'Trả lời', exact: true }).count()).toBe(0);
    await expectGood(desk, 'desk, handling a PAKN', false);

    let dialog = await act(desk, 'Phân loại', (d) =>
      d.getByRole('radio', { name: 'Về quy định hành chính, thủ tục hành chính' }).check(),
    );
    await dialog.waitFor({ state: 'detached' });
    await desk.getByRole('status').getByText('Đã ghi: Phân loại.').waitFor();
    dialog = await act(desk, 'Đề nghị bổ sung thông tin', (d) =>
      d.getByLabel('Nội dung đề nghị bổ sung').fill('Ông/Bà đến Bộ phận một cửa vào ngày nào?'),
    );
    await dialog.waitFor({ state: 'detached' });
    await desk.getByText('Chờ bổ sung thông tin').first().waitFor();
    await web.shot(desk, 'feedback-officer-handling');

    // the citizen, on another phone, by code and access token
    const later = await web.open('/phan-anh/theo-doi', VIEWPORTS.phone);
    await later.getByRole('heading', { level: 1, name: 'Theo dõi phản ánh, kiến nghị' }).waitFor();
    await expectGood(later, 'phone, follow a PAKN');
    await later.getByLabel('Mã phản ánh, kiến nghị').fill(code);
    await later.getByLabel('Mã truy cập').fill(token);
    await later.getByRole('button', { name: 'Xem phản ánh, kiến nghị' }).click();
    const ask = later.getByRole('region', { name: 'Cơ quan đề nghị bổ sung thông tin' });
    await ask.getByText('Ông/Bà đến Bộ phận một cửa vào ngày nào?').waitFor();
    await expectGood(later, 'phone, answering a request for information');
    await ask.getByLabel('Thông tin bổ sung').fill('Sáng thứ Hai, 7/12/2026, khoảng 9 giờ.');
    await ask.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click();
    await later.getByRole('status').getByText('Đã gửi thông tin bổ sung.').waitFor();
    expect(await later.getByRole('region', { name: 'Cơ quan đề nghị bổ sung thông tin' }).count()).toBe(0);

    // meanwhile a colleague re-classifies: the head's screen holds an old version
    const id = Number(code.split('.')[2]);
    const colleague = await officerApi('chuyenvien.hoankiem');
    const current = (await (await colleague(`/api/v1/feedback/${id}`)).json()) as { version: number };
    const r = await colleague(`/api/v1/feedback/${id}/actions`, {
      type: 'classify',
      expectedVersion: current.version,
      classification: 'rules',
    });
    expect(r.status, await r.clone().text()).toBe(200);
    dialog = await act(desk, 'Trả lời', (d) =>
      d.getByLabel('Nội dung trả lời').fill('Bộ phận một cửa đã niêm yết lại đầy đủ thành phần hồ sơ.'),
    );
    await dialog.getByRole('alert').getByText('Phản ánh vừa được cập nhật').waitFor();
    await expectGood(desk, 'desk, a version conflict explained', false);
    await dialog.getByRole('button', { name: 'Tải lại phản ánh' }).click();
    await dialog.waitFor({ state: 'detached' });
    dialog = await act(desk, 'Trả lời', (d) =>
      d.getByLabel('Nội dung trả lời').fill('Bộ phận một cửa đã niêm yết lại đầy đủ thành phần hồ sơ.'),
    );
    await dialog.waitFor({ state: 'detached' });
    dialog = await act(desk, 'Công khai kết quả', (d) =>
      d.getByLabel('Tóm tắt câu hỏi được công khai').fill('Niêm yết thành phần hồ sơ khai sinh'),
    );
    await dialog.waitFor({ state: 'detached' });
    await desk.getByText('Đã công khai kết quả').first().waitFor();
    expect(await actions.getByRole('button', { name: 'Đóng', exact: true }).count()).toBe(1);

    // the citizen sees the answer and says they are satisfied
    await later.reload();
    const answer = later.getByRole('region', { name: 'Trả lời của cơ quan' });
    await answer.getByText('Bộ phận một cửa đã niêm yết lại đầy đủ thành phần hồ sơ.').waitFor();
    await answer.getByText(/Đã công khai ngày/).waitFor();
    const rating = later.getByRole('region', { name: 'Bạn có hài lòng với kết quả xử lý không?' });
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await rating.getByRole('alert').getByText('Hãy chọn hài lòng hoặc không hài lòng.').waitFor();
    await rating.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await later.getByText('Bạn đã đánh giá kết quả xử lý: Hài lòng.').waitFor();
    await expectGood(later, 'phone, answer and rating');
    const log = (await (await colleague(`/api/v1/feedback/${id}`)).json()) as {
      rating: string;
      log: { type: string }[];
    };
    expect(log.rating).toBe('satisfied');
    expect(log.log.map((e) => e.type)).toEqual([
      'submit',
      'classify',
      'request_info',
      'add_info',
      'classify',
      'resolve',
      'publish',
      'rate',
    ]);

    // the public page: the question as published and the answer, nobody's name or number
    const pub = await web.open('/phan-anh-kien-nghi', VIEWPORTS.phone);
    const card = pub.getByRole('article', { name: new RegExp(code.replaceAll('.', '\\.')) });
    await card.getByText('Niêm yết thành phần hồ sơ khai sinh').waitFor();
    await card.getByText('Bộ phận một cửa đã niêm yết lại đầy đủ thành phần hồ sơ.').waitFor();
    const text = await pub.locator('main').innerText();
    expect(text).not.toContain('Trần Văn An');
    expect(text).not.toContain('0987 654 321');
    expect(text).not.toContain('Ông/Bà đến Bộ phận');
    await expectGood(pub, 'phone, published answers');
    await web.shot(pub, 'feedback-answers-phone');
  });

  it('lets a signed-in citizen send one from their account and find it under “my PAKN”', async () => {
    // a session the real way (a code by e-mail), handed to the browser
    const asked = await fetch(`${web.base}/api/v1/citizen/auth/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identityNumber: '001097005678', channel: 'email' }),
    });
    expect(asked.status).toBe(202);
    const verified = await fetch(`${web.base}/api/v1/citizen/auth/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identityNumber: '001097005678', code: await web.lastCitizenCode() }),
    });
    expect(verified.status).toBe(200);
    const [name, value] = (verified.headers.getSetCookie()[0]?.split(';')[0] ?? '').split('=') as [
      string,
      string,
    ];
    const page = await web.open('/api/health', VIEWPORTS.phone);
    await page.context().addCookies([{ name, value, url: web.base }]);
    await page.goto('/ca-nhan/phan-anh');
    await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị của tôi' }).waitFor();
    await page.getByText('Bạn chưa gửi phản ánh, kiến nghị nào.').waitFor();
    await expectGood(page, 'phone, my PAKN (empty)');

    await page.getByRole('link', { name: 'Gửi phản ánh, kiến nghị mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    // no contact fields: the account answers for the citizen
    await page.getByText(/Cơ quan trả lời qua tài khoản của bạn \(Lê Quang Huy\)/).waitFor();
    expect(await page.getByLabel('Họ và tên').count()).toBe(0);
    await page.getByRole('radio', { name: 'Hành vi, thái độ của cán bộ, công chức' }).check();
    await page.getByText(/tên hoặc chức danh của cán bộ/).waitFor();
    await page.getByLabel('Cơ quan bị phản ánh, kiến nghị').selectOption({ label: agency.name });
    await page.getByLabel('Tiêu đề').fill('Cán bộ hẹn lại nhiều lần');
    await page.getByLabel('Nội dung phản ánh, kiến nghị').fill('Tôi được hẹn lại ba lần cho cùng một việc.');
    await expectGood(page, 'phone, send a PAKN signed in');
    await page.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await page.getByRole('heading', { level: 1, name: /^Phản ánh, kiến nghị PAKN\./ }).waitFor();
    // signed in: no access token to keep
    expect(await page.getByText('Hãy lưu lại mã truy cập').count()).toBe(0);
    await page.getByRole('link', { name: /Phản ánh, kiến nghị của tôi/ }).click();
    const card = page.getByRole('article', { name: /Cán bộ hẹn lại nhiều lần/ });
    await card.getByText('Đã tiếp nhận').waitFor();
    await card.getByText(agency.name).waitFor();
    await expectGood(page, 'phone, my PAKN');
  });
});
