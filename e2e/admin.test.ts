/**
 * The administration in a real browser, at the desk's screen (1366 px), signed in as the city's
 * system administrator of the demo: every screen with its heading and content from the demo data,
 * accessible (axe, WCAG 2.1 AA); an exception day declared on the city's calendar (and a make-up
 * day refused in Vietnamese), and a failed message sent again, each checked in the database.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInOfficer, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();
const ADMIN = 'admin';

async function asAdmin(path: string, h1: string | RegExp): Promise<Page> {
  const page = await web.open('/can-bo/dang-nhap', VIEWPORTS.desk);
  await signInOfficer(page, ADMIN);
  await page.getByRole('heading', { level: 1, name: 'Quản trị hệ thống' }).waitFor();
  if (path !== '/quan-tri') await page.goto(path);
  await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
  expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
  return page;
}

const tenantId = async () =>
  (await web.t.db.selectFrom('tenants').select('id').where('code', '=', 'ha-noi').executeTakeFirstOrThrow())
    .id;

describe('the administration', () => {
  it('starts at an overview of its sections', async () => {
    const page = await asAdmin('/quan-tri', 'Quản trị hệ thống');
    const main = page.getByRole('main');
    for (const name of [
      'Cơ quan, phòng ban và cán bộ',
      'Thủ tục hành chính',
      'Quy trình nội bộ',
      'Lịch làm việc và ngày nghỉ',
      'Vận hành hệ thống',
    ])
      await main.getByRole('heading', { level: 2, name }).getByRole('link', { name }).waitFor();
    await web.expectAccessible(page, 'desk, admin home');
  });

  it('shows the agencies of the deployment and their staff', async () => {
    const tenant = await tenantId();
    const agencies = await web.t.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenant)
      .executeTakeFirstOrThrow();
    const page = await asAdmin('/quan-tri/to-chuc', 'Cơ quan, phòng ban và cán bộ');
    await page
      .getByText(`Tổng số: ${new Intl.NumberFormat('vi-VN').format(Number(agencies.n))} cơ quan`)
      .waitFor();
    await page
      .getByRole('tree', { name: 'Đơn vị hành chính và cơ quan' })
      .getByText(/^Thành phố Hà Nội/)
      .waitFor();
    // the staff of the whole deployment, found by user name, with their roles in words
    await page.getByRole('searchbox', { name: 'Tìm theo họ tên hoặc tên đăng nhập' }).fill('quantri.stp');
    const staff = page.getByRole('row', { name: /quantri\.stp/ });
    await staff.waitFor();
    expect(await staff.textContent()).toContain('Quản trị hệ thống');
    await web.expectAccessible(page, 'desk, organisation');
  });

  it('finds a procedure of the catalogue and opens its versions and agencies', async () => {
    const api = (await (await fetch(`${web.base}/api/v1/procedures?limit=1`)).json()) as { total: number };
    const page = await asAdmin('/quan-tri/thu-tuc', 'Danh mục thủ tục hành chính');
    await page.getByText(`Tìm thấy ${new Intl.NumberFormat('vi-VN').format(api.total)} thủ tục`).waitFor();
    await page.getByRole('searchbox', { name: 'Tên hoặc mã thủ tục' }).fill('dang ky khai sinh');
    await page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '1.001193 — Thủ tục đăng ký khai sinh' }).waitFor();
    await page.getByRole('cell', { name: 'Đã công bố' }).first().waitFor();
    await web.expectAccessible(page, 'desk, procedure versions');
    await page.getByRole('tab', { name: 'Cơ quan thực hiện' }).click();
    await page.getByText('Ủy ban nhân dân Phường Hoàn Kiếm').first().waitFor();
    await web.expectAccessible(page, 'desk, procedure implementations');
  });

  it('opens an agency’s internal workflow, checked by the server', async () => {
    const page = await asAdmin('/quan-tri/quy-trinh?thu-tuc=1.001193', 'Quy trình nội bộ');
    await page.getByRole('heading', { level: 2, name: 'Cơ quan thực hiện thủ tục' }).waitFor();
    await page.getByRole('link', { name: 'Ủy ban nhân dân Phường Hoàn Kiếm' }).click();
    await page.getByRole('heading', { level: 1, name: /^Quy trình nội bộ: 1\.001193\./ }).waitFor();
    await page.getByText('Quy trình hợp lệ.').waitFor();
    await page.getByRole('img', { name: /^Sơ đồ quy trình: / }).waitFor();
    await web.expectAccessible(page, 'desk, workflow editor');
  });

  it('shows a year of the city’s calendar with lunar dates and declares an exception day', async () => {
    const calendar = await web.t.db
      .selectFrom('calendars')
      .select(['id', 'revision'])
      .where('code', '=', 'ha-noi')
      .executeTakeFirstOrThrow();
    const page = await asAdmin(
      `/quan-tri/ngay-nghi?lich=${calendar.id}&nam=2026`,
      'Lịch làm việc và ngày nghỉ',
    );
    await page.getByRole('heading', { level: 2, name: 'Lịch làm việc Thành phố Hà Nội (ha-noi)' }).waitFor();
    // Tết Bính Ngọ from the national calendar, with its lunar date, in the year and in the list
    const tet = page.getByRole('row', { name: /^Thứ Ba, 17\/02\/2026 \(Âm lịch/ });
    expect(await tet.textContent()).toContain('Thứ Ba, 17/02/2026 (Âm lịch: 1/1 năm Bính Ngọ)');
    expect(await tet.textContent()).toContain('Tết Nguyên đán');
    expect(await tet.textContent()).toContain('Lịch cấp trên');
    const tetDay = page.locator('button[data-date="2026-02-17"]');
    expect(await tetDay.getAttribute('data-kind')).toBe('statutory');
    expect(await tetDay.textContent()).toContain(
      'Thứ Ba, 17/02/2026, âm lịch 1/1 — Nghỉ lễ, Tết (Chính thức): Tết Nguyên đán',
    );
    await web.expectAccessible(page, 'desk, holidays');
    await web.shot(page, 'admin-holidays');

    // a make-up working day on a Thursday is refused, in Vietnamese
    await page.locator('button[data-date="2026-10-08"]').click();
    let dialog = page.getByRole('dialog', { name: 'Ngày ngoại lệ: 08/10/2026' });
    await dialog.getByText('(Âm lịch: 28/8 năm Bính Ngọ)').waitFor();
    await dialog.getByLabel('Loại').click();
    // antd lists its options for the eye; the role=option copies cover only the active few
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Làm bù"]').click();
    // axe looks at the page once the list has closed, not at its fading copy
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await dialog.getByRole('textbox', { name: 'Tên ngày nghỉ, ngày làm bù' }).fill('Làm bù thử');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog
      .getByRole('alert')
      .getByText('2026-10-08 không phải ngày nghỉ cuối tuần nên không thể là ngày làm bù')
      .waitFor();
    await web.expectAccessible(page, 'desk, holidays, refused exception');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // a day off the city grants on Friday 9 October 2026
    await page.getByRole('button', { name: /^Thứ Sáu, 09\/10\/2026, âm lịch 29\/8$/ }).click();
    dialog = page.getByRole('dialog', { name: 'Ngày ngoại lệ: 09/10/2026' });
    await dialog.getByLabel('Loại').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="Nghỉ do hoán đổi"]')
      .click();
    await dialog
      .getByRole('textbox', { name: 'Tên ngày nghỉ, ngày làm bù' })
      .fill('Nghỉ hoán đổi dịp Ngày Giải phóng Thủ đô');
    await dialog
      .getByRole('textbox', { name: 'Căn cứ (thông báo, văn bản)' })
      .fill('Thông báo số 12/TB-UBND');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Đã lưu ngày 09/10/2026.').waitFor();

    const stored = await web.t.db
      .selectFrom('calendar_exceptions')
      .selectAll()
      .where('calendar_id', '=', calendar.id)
      .where('date', '=', '2026-10-09')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      kind: 'swapped_day_off',
      name: 'Nghỉ hoán đổi dịp Ngày Giải phóng Thủ đô',
      legal_basis: 'Thông báo số 12/TB-UBND',
      status: 'official',
    });
    const after = await web.t.db
      .selectFrom('calendars')
      .select('revision')
      .where('id', '=', calendar.id)
      .executeTakeFirstOrThrow();
    expect(after.revision).toBe(calendar.revision + 1);
    const audit = await web.t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'entity_id'])
      .where('action', '=', 'calendar.exception.create')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_label: ADMIN, entity_id: String(calendar.id) });

    // the page shows what was stored: the day coloured, the row in the list as the calendar's own
    await expect
      .poll(() => page.locator('button[data-date="2026-10-09"]').getAttribute('data-kind'))
      .toBe('swapped_day_off');
    const row = page.getByRole('row', { name: /^Thứ Sáu, 09\/10\/2026 \(Âm lịch/ });
    expect(await row.textContent()).toContain('Nghỉ do hoán đổi');
    expect(await row.textContent()).toContain('Lịch này');
  });

  it('lists failed messages, sends one again and shows it in the audit log', async () => {
    const tenant = await tenantId();
    const dead = await web.t.db
      .insertInto('outbox_messages')
      .values({
        tenant_id: tenant,
        channel: 'email',
        topic: 'dossier.accepted',
        recipient: 'nguyen.thi.lan@example.vn',
        payload: JSON.stringify({ subject: 'Hồ sơ của bạn đã được tiếp nhận', text: 'Kính gửi bà Lan…' }),
        idempotency_key: 'e2e-admin-dead-letter',
        state: 'dead',
        attempts: 8,
        last_error: 'SMTP 550 5.1.1: hộp thư không tồn tại',
        dead_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const page = await asAdmin('/quan-tri/cau-hinh', 'Vận hành hệ thống');
    const row = page.getByRole('row', { name: /nguyen\.thi\.lan@example\.vn/ });
    await row.waitFor();
    const text = await row.textContent();
    for (const part of [
      'Thư điện tử',
      'Đã tiếp nhận hồ sơ',
      'Hồ sơ của bạn đã được tiếp nhận',
      'SMTP 550 5.1.1: hộp thư không tồn tại',
    ])
      expect(text).toContain(part);
    await web.expectAccessible(page, 'desk, operations');
    await web.shot(page, 'admin-operations');

    await row.getByRole('button', { name: `Gửi lại thông báo số ${dead.id}` }).click();
    await page.getByText(`Đã xếp thông báo số ${dead.id} vào hàng gửi lại.`).waitFor();
    const stored = await web.t.db
      .selectFrom('outbox_messages')
      .select(['state', 'attempts', 'dead_at'])
      .where('id', '=', dead.id)
      .executeTakeFirstOrThrow();
    // requeued; the worker may already have delivered it
    expect(['pending', 'delivered']).toContain(stored.state);
    expect(stored.dead_at).toBeNull();
    const audit = await web.t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'before'])
      .where('action', '=', 'outbox.retry')
      .where('entity_id', '=', String(dead.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe(ADMIN);
    expect(audit.before).toMatchObject({ state: 'dead', attempts: 8 });

    // the audit log shows the retry, with the message's state before and after
    const entry = page.getByRole('row', { name: new RegExp(`Gửi lại thông báo outbox\\.retry.*${dead.id}`) });
    await entry.waitFor();
    expect(await entry.textContent()).toContain(ADMIN);
    await entry.getByRole('button').first().click();
    const details = page.locator('.admin-json-full');
    await expect.poll(() => details.first().textContent()).toContain('"state": "dead"');
    await expect.poll(() => details.nth(1).textContent()).toContain('"state": "pending"');
    await web.expectAccessible(page, 'desk, operations, audit details');
  });
});
