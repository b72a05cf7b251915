/**
 * PAKN over the API on the demo deployment (real PostgreSQL, the app as the application role):
 * an anonymous citizen and a signed-in one submit about phường Hoàn Kiếm; its officials classify,
 * ask for information, resolve and publish; the citizen rates or raises it again; the public sees
 * the answer without personal data; retries, stale versions and bad input change nothing.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { dossierApi, H, placeOf, vn } from '../dossiers/test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const place = await placeOf(t.db, 'lanhdao.hoankiem');

const submitBody = {
  tenant: place.tenant,
  agency: place.identifier,
  procedureCode: '1.001193',
  title: 'Hướng dẫn khai sinh chưa rõ',
  content: 'Cán bộ hướng dẫn tôi nộp giấy tờ không có trong danh mục.',
  submitter: { name: 'Trần Văn An', phone: '0987654321' },
};

async function anonymous(payload: object, key = randomUUID(), headers: Record<string, string> = {}) {
  return api.app.inject({
    method: 'POST',
    url: '/api/v1/feedback',
    payload,
    headers: { 'idempotency-key': key, ...headers },
  });
}

async function officer(username: string, id: number, body: object, key = randomUUID()) {
  return api.post(username, `/api/v1/feedback/${id}/actions`, body, key);
}

async function asSubmitter(id: number, token: string, body: object, key = randomUUID()) {
  return api.app.inject({
    method: 'POST',
    url: `/api/v1/feedback/${id}/citizen-actions`,
    payload: body,
    headers: { 'idempotency-key': key, 'x-feedback-token': token },
  });
}

const countRows = async () =>
  Number(
    (
      await t.db
        .selectFrom('feedback_actions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('submitting a PAKN', () => {
  it('takes an anonymous submission with a contact, with deadlines in working days, and a retry changes nothing', async () => {
    const key = randomUUID();
    const r = await anonymous(submitBody, key);
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.accessToken).toMatch(/^[\w-]{32}$/);
    expect(body.feedback).toMatchObject({
      code: expect.stringMatching(/^PAKN\.20261207\.\d{6}$/),
      status: 'received',
      version: 1,
      classification: null,
      submitter: { name: 'Trần Văn An', phone: '0987654321' },
      deadlines: {
        // 2, 5 and 15 working days from Monday 09:00
        refuseBy: new Date(vn(2026, 12, 9, 9)).toISOString(),
        requestInfoBy: new Date(vn(2026, 12, 14, 9)).toISOString(),
        resolveBy: new Date(vn(2026, 12, 28, 9)).toISOString(),
        publishBy: null,
      },
    });
    const before = await countRows();
    const again = await anonymous(submitBody, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.json()).toEqual(body);
    expect(await countRows()).toBe(before);
    const reused = await anonymous({ ...submitBody, title: 'Khác' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses bad input with a specific code and Vietnamese message, writing nothing', async () => {
    const before = await countRows();
    const cases: [object, number, string][] = [
      [{ ...submitBody, submitter: { name: 'An' } }, 422, 'FEEDBACK_CONTACT_REQUIRED'],
      [{ ...submitBody, agency: '000.99.99.H26' }, 422, 'FEEDBACK_AGENCY_UNKNOWN'],
      [{ ...submitBody, procedureCode: '9.999999' }, 422, 'FEEDBACK_PROCEDURE_UNKNOWN'],
      [{ ...submitBody, dossierCode: 'H26.99-261207-9999' }, 422, 'FEEDBACK_DOSSIER_UNKNOWN'],
      [{ ...submitBody, tenant: 'khong-co' }, 404, 'NOT_FOUND'],
      [{ ...submitBody, title: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...submitBody, title: '   ', content: 'x' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await anonymous(payload);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error.code).toBe(code);
      expect(r.json().error.messageVi).toBeTruthy();
    }
    expect(await countRows()).toBe(before);
  });

  it('takes the contact of a signed-in citizen from the account, and needs its CSRF token', async () => {
    const s = await api.as('citizen:001194012345');
    const r = await api.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: { ...submitBody, submitter: undefined },
      headers: { ...s.headers, 'idempotency-key': randomUUID() },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().accessToken).toBeNull();
    expect(r.json().feedback.submitter.name).toBeTruthy();
    const mine = await api.get('citizen:001194012345', '/api/v1/citizen/feedback');
    expect(mine.json().map((f: { id: number }) => f.id)).toContain(r.json().feedback.id);
    const forged = await api.app.inject({
      method: 'POST',
      url: '/api/v1/feedback',
      payload: submitBody,
      headers: { cookie: s.headers.cookie, 'idempotency-key': randomUUID() },
    });
    expect(forged.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });
});

describe('where a PAKN may be sent', () => {
  it('lists the deployment’s agencies in force publicly, by name, without anything else', async () => {
    const r = await api.app.inject({
      method: 'GET',
      url: `/api/v1/feedback/agencies?tenant=${place.tenant}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json() as { identifier: string; name: string; level: string }[];
    expect(list).toContainEqual({
      identifier: place.identifier,
      name: expect.stringContaining('Hoàn Kiếm'),
      level: 'commune',
    });
    for (const a of list) expect(Object.keys(a).sort()).toEqual(['identifier', 'level', 'name']);
    // an agency that ended yesterday (the clock is 7 December 2026) is no longer offered
    await t.db
      .updateTable('agencies')
      .set({ valid_to: '2026-12-06' })
      .where('identifier', '=', place.identifier)
      .execute();
    const after = await api.app.inject({
      method: 'GET',
      url: `/api/v1/feedback/agencies?tenant=${place.tenant}`,
    });
    expect(after.json().map((a: { identifier: string }) => a.identifier)).not.toContain(place.identifier);
    await t.db
      .updateTable('agencies')
      .set({ valid_to: null })
      .where('identifier', '=', place.identifier)
      .execute();
    const unknown = await api.app.inject({ method: 'GET', url: '/api/v1/feedback/agencies?tenant=khong-co' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('handling a PAKN', () => {
  let id: number;
  let token: string;
  let version: number;

  it('lists it for the agency’s officials only, paged and filtered in SQL', async () => {
    const r = await anonymous(submitBody);
    id = r.json().feedback.id;
    token = r.json().accessToken;
    version = 1;
    const list = await api.get(
      'chuyenvien.hoankiem',
      '/api/v1/feedback?status=received&classification=unclassified&limit=2',
    );
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBeGreaterThanOrEqual(3);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().items[0]).not.toHaveProperty('submitter');
    const other = await api.get('lanhdao.sxd', '/api/v1/feedback');
    expect(other.json().total).toBe(0);
    expect((await api.get('lanhdao.sxd', `/api/v1/feedback/${id}`)).statusCode).toBe(404);
    expect((await api.get('thanhtra', `/api/v1/feedback/${id}`)).statusCode).toBe(200);
  });

  it('classifies, asks for information, takes the answer, resolves and publishes; a stale version is 409', async () => {
    let r = await officer('chuyenvien.hoankiem', id, {
      type: 'resolve',
      expectedVersion: version,
      answer: 'Đã rõ',
    });
    expect(r.json().error.code).toBe('FEEDBACK_CLASSIFICATION_REQUIRED');
    r = await officer('chuyenvien.hoankiem', id, {
      type: 'classify',
      expectedVersion: version,
      classification: 'behaviour',
    });
    expect(r.statusCode, r.body).toBe(200);
    version = r.json().feedback.version;
    const stale = await officer('chuyenvien.hoankiem', id, {
      type: 'request_info',
      expectedVersion: 1,
      question: 'Ngày nào?',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    api.advance(2 * H);
    r = await officer('chuyenvien.hoankiem', id, {
      type: 'request_info',
      expectedVersion: version,
      question: 'Ngày nào?',
    });
    expect(r.json().feedback.status).toBe('info_requested');
    version = r.json().feedback.version;
    // the submitter sees what is asked (only while it is open: see after add_info below)
    const asked = async () =>
      (
        await api.app.inject({
          method: 'GET',
          url: `/api/v1/feedback/${id}/mine`,
          headers: { 'x-feedback-token': token },
        })
      ).json();
    expect(await asked()).toMatchObject({
      agency: expect.stringContaining('Hoàn Kiếm'),
      infoRequest: { question: 'Ngày nào?', at: expect.any(String) },
    });
    r = await asSubmitter(id, token, {
      type: 'add_info',
      expectedVersion: version,
      content: 'Sáng 7/12/2026',
    });
    expect(r.statusCode, r.body).toBe(200);
    version = r.json().feedback.version;
    expect(await asked()).toMatchObject({ status: 'received', infoRequest: null });
    expect(
      (await asSubmitter(id, 'x'.repeat(32), { type: 'rate', expectedVersion: version, satisfied: true }))
        .statusCode,
    ).toBe(404);
    // a specialist may not publish; the department head may
    api.advance(24 * H);
    r = await officer('chuyenvien.hoankiem', id, {
      type: 'resolve',
      expectedVersion: version,
      answer: 'Đã chấn chỉnh cán bộ.',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().feedback).toMatchObject({
      status: 'resolved',
      judgement: { resolve: 'on_time', publish: 'pending' },
    });
    version = r.json().feedback.version;
    r = await officer('chuyenvien.hoankiem', id, { type: 'publish', expectedVersion: version });
    expect(r.statusCode).toBe(403);
    r = await officer('truongphong.hoankiem', id, {
      type: 'publish',
      expectedVersion: version,
      summary: 'Hướng dẫn khai sinh',
    });
    expect(r.statusCode, r.body).toBe(200);
    version = r.json().feedback.version;
    const detail = (await api.get('lanhdao.hoankiem', `/api/v1/feedback/${id}`)).json();
    expect(detail.log.map((e: { type: string }) => e.type)).toEqual([
      'submit',
      'classify',
      'request_info',
      'add_info',
      'resolve',
      'publish',
    ]);
    expect(detail.allowedActions).toEqual(['close']);
    expect(detail.agency).toContain('Hoàn Kiếm');
  });

  it('shows the published answer publicly without personal data', async () => {
    const r = await api.app.inject({
      method: 'GET',
      url: `/api/v1/feedback/answers?tenant=${place.tenant}&agency=${place.identifier}`,
    });
    expect(r.statusCode, r.body).toBe(200);
    const item = r.json().items[0];
    expect(item).toMatchObject({
      question: 'Hướng dẫn khai sinh',
      answer: 'Đã chấn chỉnh cán bộ.',
      classification: 'behaviour',
    });
    expect(JSON.stringify(r.json())).not.toMatch(/Trần Văn An|0987654321|không có trong danh mục/);
  });

  it('lets the submitter rate once and raise it again, which opens a linked PAKN', async () => {
    let r = await asSubmitter(id, token, { type: 'rate', expectedVersion: version, satisfied: false });
    expect(r.statusCode, r.body).toBe(200);
    version = r.json().feedback.version;
    r = await asSubmitter(id, token, { type: 'rate', expectedVersion: version, satisfied: true });
    expect(r.json().error.code).toBe('FEEDBACK_ALREADY_RATED');
    r = await asSubmitter(id, token, {
      type: 'raise_again',
      expectedVersion: version,
      reason: 'Vẫn chưa thỏa đáng',
    });
    expect(r.statusCode, r.body).toBe(200);
    const raised = r.json().raisedAs;
    const mine = await api.app.inject({
      method: 'GET',
      url: `/api/v1/feedback/${raised.id}/mine`,
      headers: { 'x-feedback-token': token },
    });
    expect(mine.json()).toMatchObject({ previousId: id, status: 'received' });
    // the log is append-only for the application role
    await expect(
      t.appDb.deleteFrom('feedback_actions').where('feedback_id', '=', id).execute(),
    ).rejects.toThrow();
  });
});
