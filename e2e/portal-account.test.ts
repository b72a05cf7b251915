/**
 * The citizen's signed-in screens in Chromium, on a phone first: sign-in with a one-time code read
 * from the outbox (as the phone would show it), "my dossiers", one dossier with its timeline,
 * appointment and papers, a supplement answered with a file, the result downloaded and the
 * service rated, and the document store; a wrong code; sign-out. Dossiers are submitted online
 * through the API with the citizen's own session and carried on by the demo officers. Every
 * screen is checked with axe and for sideways scrolling on the 360 px phone.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FORM_SAMPLES } from '../packages/server/src/modules/demo/procedures.js';
import { focused, sidewaysOverflow, VIEWPORTS, webSuite } from './harness.js';

const web = webSuite();

const LAN = { identityNumber: '001194012345', fullName: 'Nguyễn Thị Lan', phone: '0912345678' };
const HUY = '001097005678';

interface Session {
  cookie: string;
  csrf: string;
  /** the session cookie itself, to hand to a browser context */
  token: { name: string; value: string };
}
interface Dossier {
  id: number;
  version: number;
  code: string | null;
  status: string;
}

const cookieOf = (r: Response) => {
  const pairs = r.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  const [name, value] = (pairs[0] ?? '').split('=') as [string, string];
  return { cookie: pairs.join('; '), token: { name, value } };
};

async function officer(username: string): Promise<Session> {
  const r = await fetch(`${web.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'MotCua@2025' }),
  });
  expect(r.status, username).toBe(200);
  return { ...cookieOf(r), csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

/** A citizen's session the real way: a code by e-mail (the browser uses SMS: no cooldown clash). */
async function citizen(identityNumber: string): Promise<Session> {
  const asked = await fetch(`${web.base}/api/v1/citizen/auth/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identityNumber, channel: 'email' }),
  });
  expect(asked.status, await asked.clone().text()).toBe(202);
  const code = await web.lastCitizenCode();
  const r = await fetch(`${web.base}/api/v1/citizen/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identityNumber, code }),
  });
  expect(r.status).toBe(200);
  return { ...cookieOf(r), csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

async function post(s: Session, url: string, body: object) {
  const r = await fetch(`${web.base}${url}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
  });
  const json = (await r.json()) as { dossier: Dossier };
  return { status: r.status, json };
}

const officers: Record<string, Session> = {};
async function act(username: string, d: Dossier, type: string, params: object = {}): Promise<Dossier> {
  officers[username] ??= await officer(username);
  const r = await post(officers[username], `/api/v1/dossiers/${d.id}/actions`, {
    type,
    expectedVersion: d.version,
    ...params,
  });
  expect(r.status, `${type} by ${username}: ${JSON.stringify(r.json)}`).toBe(200);
  return r.json.dossier;
}

/** A PDF as small as the server's content check allows. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function uploadResult(username: string, d: Dossier, name: string) {
  officers[username] ??= await officer(username);
  const s = officers[username];
  const form = new FormData();
  form.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
  const r = await fetch(`${web.base}/api/v1/dossiers/${d.id}/results/files`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': randomUUID() },
    body: form,
  });
  expect(r.status, await r.clone().text()).toBe(201);
}

let lan: Session;
let place: { identifier: string; tenant: string };

/** Lan's online birth registration to phường Hoàn Kiếm, carried on to `stage`. */
async function lanDossier(stage: 'submitted' | 'accepted' | 'supplement' | 'returned'): Promise<Dossier> {
  const r = await post(lan, '/api/v1/citizen/dossiers', {
    tenant: place.tenant,
    procedureCode: '1.001193',
    competentAgency: place.identifier,
    documents: [
      { code: 'TK_KHAI_SINH', provided: true },
      { code: 'GIAY_CHUNG_SINH', provided: true },
    ],
    formData: DEMO_FORM_SAMPLES['1.001193'],
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  let d = r.json.dossier;
  if (stage === 'submitted') return d;
  d = await act('motcua.hoankiem', d, 'accept');
  if (stage === 'accepted') return d;
  d = await act('motcua.hoankiem', d, 'forward');
  if (stage === 'supplement')
    return act('chuyenvien.hoankiem', d, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Ảnh chụp bị mờ, không đọc được số' }],
    });
  d = await act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
  d = await act('lanhdao.hoankiem', await act('lanhdao.hoankiem', d, 'approve'), 'sign');
  // a result uploaded after the signature is handed over as it is (no certificate in this test)
  await uploadResult('vanthu.hoankiem', d, 'Giấy khai sinh.pdf');
  d = await act('lanhdao.hoankiem', d, 'forward');
  d = await act('vanthu.hoankiem', d, 'issue_result');
  return act('motcua.hoankiem', d, 'return_result', { delivery: 'online' });
}

/** A phone (or desk) page already signed in as Lan, with a session of its own. */
async function signedIn(path: string, viewport: { width: number; height: number } = VIEWPORTS.phone) {
  const page = await web.open('/api/health', viewport);
  // the API's session of beforeAll: a second code by e-mail within a minute would meet the cooldown
  await page.context().addCookies([{ ...lan.token, url: web.base }]);
  await page.goto(path);
  return page;
}

async function expectGood(page: Page, context: string, phone = true) {
  await web.expectAccessible(page, context);
  if (phone) expect(await sidewaysOverflow(page), `${context}: sideways overflow`).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  place = await web.t.db
    .selectFrom('staff as s')
    .innerJoin('staff_positions as p', 'p.staff_id', 's.id')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .innerJoin('tenants as tn', 'tn.id', 'a.tenant_id')
    .select(['a.identifier', 'tn.code as tenant'])
    .where('s.username', '=', 'motcua.hoankiem')
    .executeTakeFirstOrThrow();
  lan = await citizen(LAN.identityNumber);
});

describe('the citizen’s account screens', () => {
  it('signs a citizen in with a one-time code on a phone, lists and opens their dossier, and signs out', async () => {
    const accepted = await lanDossier('accepted');
    const waiting = await lanDossier('submitted');
    expect(accepted.code).toBeTruthy();

    const page = await web.open('/ca-nhan/ho-so', VIEWPORTS.phone);
    // not signed in: to the sign-in page, which will bring the citizen back
    await page.waitForURL((u) => u.pathname === '/dang-nhap');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/ca-nhan/ho-so');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await expectGood(page, 'phone, sign-in');
    await web.shot(page, 'portal-sign-in-phone');

    await page.getByLabel('Số định danh cá nhân').fill(LAN.identityNumber);
    await page.getByRole('radio', { name: /Tin nhắn SMS/ }).check();
    await page.getByRole('button', { name: 'Gửi mã đăng nhập' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'Mã đăng nhập đã được gửi bằng tin nhắn' });
    await sent.waitFor();
    // where it went, masked: the number's start and end, never the whole of it
    const said = await sent.innerText();
    expect(said).toMatch(/09\*+678/);
    expect(said).not.toContain(LAN.phone);
    expect(said).toContain('10 phút');
    await page.getByText(/Có thể yêu cầu mã mới sau \d+ giây/).waitFor();
    expect(await page.getByRole('button', { name: 'Gửi lại mã' }).isDisabled()).toBe(true);
    // the code field has the focus, and tells phones it takes the code from the SMS
    const codeField = page.getByLabel('Mã đăng nhập (6 chữ số)');
    expect((await focused(page))?.name).toBe('Mã đăng nhập (6 chữ số)');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    await expectGood(page, 'phone, sign-in, code sent');

    await page.keyboard.type(await web.lastCitizenCode());
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/ca-nhan/ho-so');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await page.getByRole('button', { name: `Đăng xuất (${LAN.fullName})` }).waitFor();

    // the list is the API's, newest first
    const mine = (await (await page.request.get('/api/v1/citizen/dossiers')).json()) as { items: Dossier[] };
    expect(mine.items.map((d) => d.id).slice(0, 2)).toEqual([waiting.id, accepted.id]);
    const cards = page.getByRole('article');
    await expect.poll(() => cards.count()).toBe(mine.items.length);
    const first = await cards.nth(0).innerText();
    expect(first).toContain(`Chưa cấp mã hồ sơ (số ${waiting.id})`);
    expect(first).toContain('Chờ tiếp nhận');
    const card = page.getByRole('article', { name: new RegExp(accepted.code as string) });
    await expect.poll(() => card.innerText()).toContain('Thủ tục đăng ký khai sinh');
    expect(await card.innerText()).toContain('Đã tiếp nhận (2)');
    expect(await card.innerText()).toMatch(/Ngày hẹn trả\s*\d{2}\/\d{2}\/\d{4}/);
    await expectGood(page, 'phone, my dossiers');

    await card.getByRole('link').click();
    await page.waitForURL((u) => u.pathname === `/ca-nhan/ho-so/${accepted.id}`);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${accepted.code}` }).waitFor();
    const timeline = page.getByRole('region', { name: 'Quá trình giải quyết' });
    await timeline.getByText('Bạn đã nộp hồ sơ. Hồ sơ đang chờ cơ quan tiếp nhận.').waitFor();
    await timeline
      .getByText(`Hồ sơ đã được tiếp nhận, mã hồ sơ ${accepted.code}.`, { exact: false })
      .waitFor();
    const steps = await timeline.getByRole('listitem').allInnerTexts();
    expect(steps).toHaveLength(2);
    // plain words, not the log's type codes
    for (const s of steps) expect(s).not.toMatch(/\b(submit|accept)\b/);
    const when = page.getByRole('region', { name: 'Ngày hẹn trả kết quả' });
    expect(await when.innerText()).toContain('Âm lịch');
    // the time limit comes from the procedure version, fetched after the dossier
    await when.getByText('Thời hạn giải quyết theo quy định (Trực tuyến)', { exact: false }).waitFor();
    // the receipt (Mẫu 01) opens as a PDF
    const receipt = page.getByRole('link', { name: /Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ });
    const pdf = await page.request.get((await receipt.getAttribute('href')) as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await expectGood(page, 'phone, my dossier');
    await web.shot(page, 'portal-my-dossier-phone');

    await page.getByRole('button', { name: `Đăng xuất (${LAN.fullName})` }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Đăng nhập' }).waitFor();
    await page.waitForURL((u) => u.pathname === '/dang-nhap');
    // signed out on the server too
    expect((await page.request.get('/api/v1/citizen/me')).status()).toBe(401);
    await page.goto('/ca-nhan/giay-to');
    await page.waitForURL((u) => u.pathname === '/dang-nhap');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/ca-nhan/giay-to');
  });

  it('says in an alert that a code is wrong, and how many tries are left', async () => {
    const page = await web.open('/dang-nhap', VIEWPORTS.phone);
    await page.getByLabel('Số định danh cá nhân').fill(HUY);
    await page.getByRole('button', { name: 'Gửi mã đăng nhập' }).click();
    await page.getByRole('status').filter({ hasText: 'Mã đăng nhập đã được gửi' }).waitFor();
    const real = await web.lastCitizenCode();
    const wrong = real === '123456' ? '654321' : '123456';
    await page.getByLabel('Mã đăng nhập (6 chữ số)').fill(wrong);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Mã đăng nhập không đúng. Bạn còn 4 lần nhập.' })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    expect(await page.getByLabel('Mã đăng nhập (6 chữ số)').getAttribute('aria-invalid')).toBe('true');
    await expectGood(page, 'phone, wrong code');
    // a malformed code is refused before it is sent
    await page.getByLabel('Mã đăng nhập (6 chữ số)').fill('12');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Mã đăng nhập gồm đúng 6 chữ số.' }).waitFor();
  });

  it('answers a supplement request with a file and sends it', async () => {
    const d = await lanDossier('supplement');
    const page = await signedIn(`/ca-nhan/ho-so/${d.id}`);
    const box = page.getByRole('region', { name: 'Bổ sung hồ sơ' });
    await box.getByText('Ảnh chụp bị mờ, không đọc được số').waitFor();
    await expectGood(page, 'phone, supplement request');
    // sending with nothing attached is refused in the page
    await box.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
    await box.getByRole('alert').filter({ hasText: 'Tải lên ít nhất một tệp' }).waitFor();

    await box
      .getByLabel(/^Chọn tệp cho “Giấy chứng sinh;/)
      .setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await box.getByText(/^Đã tải lên giay-chung-sinh\.pdf cho “Giấy chứng sinh;/).waitFor();
    const files = await web.t.db
      .selectFrom('dossier_files')
      .select(['filename', 'uploaded_by'])
      .where('dossier_id', '=', d.id)
      .where('purpose', '=', 'component')
      .execute();
    expect(files).toEqual([
      expect.objectContaining({
        filename: 'giay-chung-sinh.pdf',
        uploaded_by: expect.objectContaining({ kind: 'applicant' }),
      }),
    ]);

    await box.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi hồ sơ bổ sung' }).waitFor();
    await page.getByRole('region', { name: 'Thông tin chung' }).getByText('Đang xử lý (4)').waitFor();
    expect(await page.getByRole('region', { name: 'Bổ sung hồ sơ' }).count()).toBe(0);
    await page
      .getByRole('region', { name: 'Quá trình giải quyết' })
      .getByText('Đã nhận hồ sơ bổ sung, tiếp tục tính thời gian.', { exact: false })
      .waitFor();
    const stored = await web.t.db
      .selectFrom('dossiers')
      .select(['status', 'version'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'processing', version: d.version + 1 });
    await expectGood(page, 'phone, supplement sent');
  });

  it('downloads the result, rates the service once, and keeps the result in the document store', async () => {
    const d = await lanDossier('returned');
    const page = await signedIn(`/ca-nhan/ho-so/${d.id}`);
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${d.code}` }).waitFor();
    const result = page.getByRole('region', { name: 'Kết quả giải quyết' }).getByRole('link', {
      name: 'Tải về Giấy khai sinh.pdf',
    });
    const bytes = await page.request.get((await result.getAttribute('href')) as string);
    expect(bytes.status()).toBe(200);
    expect((await bytes.body()).toString('latin1')).toContain('%PDF-1.4');

    const rating = page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
    await expectGood(page, 'phone, returned dossier');
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await rating.getByRole('alert').filter({ hasText: 'Hãy chọn mức độ hài lòng chung.' }).waitFor();
    await rating
      .getByRole('group', { name: 'Mức độ hài lòng chung' })
      .getByRole('radio', { name: '4 — Hài lòng' })
      .check();
    await rating.getByText('Trả lời thêm phiếu khảo sát (không bắt buộc)').click();
    await rating
      .getByRole('group', { name: 'Trả kết quả đúng hẹn' })
      .getByRole('radio', { name: '5 — Rất hài lòng' })
      .check();
    await rating.getByLabel('Góp ý thêm (không bắt buộc)').fill('Nhận kết quả nhanh, không phải đi lại.');
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await rating.getByText('Cảm ơn bạn. Bạn đã đánh giá hồ sơ này: 4/5.').waitFor();
    const rate = await web.t.db
      .selectFrom('dossier_actions')
      .select('payload')
      .where('dossier_id', '=', d.id)
      .where('type', '=', 'rate')
      .executeTakeFirstOrThrow();
    expect(rate.payload).toMatchObject({
      score: 4,
      answers: { timeliness: 5 },
      comment: 'Nhận kết quả nhanh, không phải đi lại.',
      actor: { kind: 'applicant' },
    });
    await page
      .getByRole('region', { name: 'Quá trình giải quyết' })
      .getByText('Bạn đã đánh giá mức độ hài lòng: 4/5.')
      .waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Kho giấy tờ của tôi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kho giấy tờ của tôi' }).waitFor();
    const api = (await (await page.request.get('/api/v1/citizen/documents')).json()) as {
      items: { id: number; name: string; kind: string; sourceDossier: { id: number; code: string } | null }[];
    };
    const results = api.items.filter((x) => x.kind === 'result');
    expect(results.map((x) => x.sourceDossier?.id)).toContain(d.id);
    const shown = page.getByRole('region', { name: 'Kết quả điện tử' }).getByRole('article');
    await expect.poll(() => shown.count()).toBe(results.length);
    expect(await page.getByRole('region', { name: 'Giấy tờ đã lưu' }).getByRole('article').count()).toBe(
      api.items.length - results.length,
    );
    const mineNow = shown.filter({ has: page.getByRole('link', { name: d.code as string }) });
    const text = await mineNow.innerText();
    expect(text).toContain(results.find((x) => x.sourceDossier?.id === d.id)?.name as string);
    expect(text).toContain('Ủy ban nhân dân Phường Hoàn Kiếm');
    expect(text).toContain('Còn hiệu lực');
    const download = mineNow.getByRole('link', { name: /^Tải về / });
    expect((await page.request.get((await download.getAttribute('href')) as string)).status()).toBe(200);
    await expectGood(page, 'phone, my documents');
  });

  it('is fine on a desk screen too', async () => {
    const page = await signedIn('/ca-nhan/ho-so', VIEWPORTS.desk);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await page.getByRole('article').first().waitFor();
    await expectGood(page, 'desk, my dossiers', false);
    await page.getByRole('navigation').getByRole('link', { name: 'Kho giấy tờ của tôi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kho giấy tờ của tôi' }).waitFor();
    await page.getByRole('article').first().waitFor();
    await expectGood(page, 'desk, my documents', false);
  });
});
