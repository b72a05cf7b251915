/** Registration at the counter (T1 at a counter): who may, what is checked, idempotency. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { APPLICANT, BIRTH_AT_COUNTER, dossierApi, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const count = async () => (await t.db.selectFrom('dossiers').select('id').execute()).length;

describe('register at the counter', () => {
  it('registers a dossier with its components, the receiving point and the competent agency', async () => {
    const d = await api.register('motcua.hoankiem', BIRTH_AT_COUNTER);
    const r = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}`);
    const detail = r.json();
    expect(detail.dossier.receivingAgencyId).toBe(detail.dossier.competentAgencyId);
    expect(detail.dossier.receptionPointId).not.toBeNull();
    expect(
      detail.components
        .filter((c: { provided: boolean }) => c.provided)
        .map((c: { documentCode: string }) => c.documentCode),
    ).toEqual(['TK_KHAI_SINH', 'GIAY_CHUNG_SINH']);
    expect(detail.allowedActions).toContain('accept');
    expect(detail.procedure.code).toBe('1.001193');
  });

  it('is refused to officers who are not receiving officers', async () => {
    const r = await api.post('chuyenvien.hoankiem', '/api/v1/dossiers', BIRTH_AT_COUNTER);
    expect(r.statusCode).toBe(403);
  });

  it('receives regardless of boundaries: the city centre registers a commune procedure for its competent commune', async () => {
    const commune = await t.db
      .selectFrom('staff as s')
      .innerJoin('staff_positions as p', 'p.staff_id', 's.id')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select('a.identifier')
      .where('s.username', '=', 'motcua.hoankiem')
      .executeTakeFirstOrThrow();
    const missing = await api.post('motcua.tinh', '/api/v1/dossiers', BIRTH_AT_COUNTER);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('COMPETENT_AGENCY_REQUIRED');
    const d = await api.register('motcua.tinh', { ...BIRTH_AT_COUNTER, competentAgency: commune.identifier });
    const detail = (await api.get('motcua.tinh', `/api/v1/dossiers/${d.id}`)).json();
    expect(detail.dossier.receivingAgencyId).not.toBe(detail.dossier.competentAgencyId);
    // the centre accepts it under its own code; the commune's officers see it too
    const a = await api.act('motcua.tinh', d, 'accept');
    expect(a.code).toMatch(/^000\.00\.02\.H26-/);
    expect((await api.get('chuyenvien.hoankiem', `/api/v1/dossiers/${d.id}`)).statusCode).toBe(200);
  });

  it('refuses bad input with a specific code and writes nothing', async () => {
    const before = await count();
    const cases: [object, number, string][] = [
      [{ ...BIRTH_AT_COUNTER, procedureCode: '9.999999' }, 404, 'NOT_FOUND'],
      [{ ...BIRTH_AT_COUNTER, documents: [{ code: 'NOPE', provided: true }] }, 422, 'DOCUMENT_UNKNOWN'],
      [{ ...BIRTH_AT_COUNTER, cases: ['Trường hợp không có'] }, 422, 'CASE_UNKNOWN'],
      [{ ...BIRTH_AT_COUNTER, competentAgency: '000.00.11.H26' }, 422, 'PROCEDURE_NOT_IMPLEMENTED'],
      [{ ...BIRTH_AT_COUNTER, applicant: { ...APPLICANT, email: 'not-an-email' } }, 400, 'VALIDATION_FAILED'],
      [{ ...BIRTH_AT_COUNTER, formData: { tre: 1 } }, 422, 'FORM_DATA_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const r = await api.post('motcua.hoankiem', '/api/v1/dossiers', body);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error.code).toBe(code);
    }
    const noKey = await api.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      payload: BIRTH_AT_COUNTER,
      headers: (await api.as('motcua.hoankiem')).headers,
    });
    expect(noKey.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('creates one dossier for a retried registration, and answers the retry with the same bytes', async () => {
    const before = await count();
    const key = randomUUID();
    const a = await api.post('motcua.hoankiem', '/api/v1/dossiers', BIRTH_AT_COUNTER, key);
    const b = await api.post('motcua.hoankiem', '/api/v1/dossiers', BIRTH_AT_COUNTER, key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.body).toBe(a.body);
    expect(await count()).toBe(before + 1);
    // the same key from another officer is that officer's own request
    const commune = await t.db
      .selectFrom('agencies')
      .select('identifier')
      .where('id', '=', a.json().dossier.competentAgencyId)
      .executeTakeFirstOrThrow();
    const c = await api.post(
      'motcua.tinh',
      '/api/v1/dossiers',
      { ...BIRTH_AT_COUNTER, competentAgency: commune.identifier },
      key,
    );
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().dossier.id).not.toBe(a.json().dossier.id);
  });
});

describe('register and accept in one request (a complete dossier at the counter)', () => {
  it('returns the accepted dossier with its code, in one transaction', async () => {
    const d = await api.register('motcua.hoankiem', { ...BIRTH_AT_COUNTER, accept: true });
    expect(d).toMatchObject({ status: 'accepted', nationalStatus: 2, version: 2 });
    expect(d.code).toMatch(/-261207-\d{4}$/);
    const log = (await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`)).json();
    expect(log.map((a: { type: string }) => a.type)).toEqual(['register', 'accept']);
    const notices = await t.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('topic', '=', 'dossier.accepted')
      .where('ref_id', '=', d.code as string)
      .execute();
    expect(notices.length).toBe(2);
  });

  it('answers a retry with the first response and queues its messages once', async () => {
    const body = { ...BIRTH_AT_COUNTER, accept: true };
    const first = await api.post('motcua.hoankiem', '/api/v1/dossiers', body, 'counter-retry-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await api.post('motcua.hoankiem', '/api/v1/dossiers', body, 'counter-retry-1');
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    const messages = await t.db
      .selectFrom('outbox_messages')
      .select(['channel', 'idempotency_key'])
      .where('ref_id', '=', first.json().dossier.code)
      .orderBy('channel')
      .execute();
    // the acceptance's e-mail and SMS, written with the registration's stored response
    expect(messages).toEqual([
      // the request's key, scoped to the officer who sent it
      {
        channel: 'email',
        idempotency_key: expect.stringMatching(/^staff:\d+:counter-retry-1:accept:email$/),
      },
      { channel: 'sms', idempotency_key: expect.stringMatching(/^staff:\d+:counter-retry-1:accept:sms$/) },
    ]);
  });

  it('registers nothing when a required document is missing', async () => {
    const before = await count();
    const r = await api.post('motcua.hoankiem', '/api/v1/dossiers', {
      ...BIRTH_AT_COUNTER,
      documents: [{ code: 'TK_KHAI_SINH', provided: true }],
      accept: true,
    });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.code).toBe('DOCUMENTS_MISSING');
    expect(await count()).toBe(before);
  });
});
