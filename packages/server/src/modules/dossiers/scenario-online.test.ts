/**
 * The online journey: a citizen signed in with a one-time code submits a birth registration
 * with its e-form; the one-stop unit accepts it; the specialist asks for a supplement (the clock
 * stops); the citizen supplements; the leader signs; the result is returned online and the
 * citizen rates the service.
 */
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { DEMO_FORM_SAMPLES, type Dossier, dossierApi, H, placeOf, vn } from './test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const LAN = 'citizen:001194012345';
const HUY = 'citizen:001097005678';

const place = await placeOf(t.db, 'motcua.hoankiem');

const submission = {
  tenant: place.tenant,
  procedureCode: '1.001193',
  competentAgency: place.identifier,
  // the declaration (TK_KHAI_SINH) is the e-form itself: handed in by formData, not listed
  documents: [{ code: 'GIAY_CHUNG_SINH', provided: true }],
  formData: DEMO_FORM_SAMPLES['1.001193'] as Record<string, unknown>,
};

describe('online: submit, supplement, sign, return online, rate', () => {
  let d: Dossier;

  it('refuses e-form data that fails the schema, field by field, in Vietnamese', async () => {
    const bad = { ...submission, formData: { ...submission.formData, soBanSao: 99, tre: { hoTen: '' } } };
    const r = await api.post(LAN, '/api/v1/citizen/dossiers', bad);
    expect(r.statusCode, r.body).toBe(422);
    const e = r.json().error;
    expect(e.code).toBe('FORM_DATA_INVALID');
    const paths = e.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('/soBanSao');
    expect(e.details.fields.every((f: { messageVi: string }) => f.messageVi.length > 0)).toBe(true);
    expect(await t.db.selectFrom('dossiers').select('id').execute()).toEqual([]);
  });

  it('takes the submission as status 1, owned by the citizen', async () => {
    const r = await api.post(LAN, '/api/v1/citizen/dossiers', submission);
    expect(r.statusCode, r.body).toBe(201);
    d = r.json().dossier;
    expect(d).toMatchObject({ status: 'submitted', nationalStatus: 1, channel: 'online' });
    const given = await t.db
      .selectFrom('dossier_components')
      .select(['document_code', 'provided'])
      .where('dossier_id', '=', d.id)
      .where('document_code', 'in', ['TK_KHAI_SINH', 'GIAY_CHUNG_SINH'])
      .orderBy('document_code')
      .execute();
    expect(given).toEqual([
      { document_code: 'GIAY_CHUNG_SINH', provided: true },
      { document_code: 'TK_KHAI_SINH', provided: true },
    ]);
    const mine = await api.get(LAN, '/api/v1/citizen/dossiers');
    expect(mine.json().items.map((x: Dossier) => x.id)).toEqual([d.id]);
    // another citizen neither lists nor reads it
    expect((await api.get(HUY, '/api/v1/citizen/dossiers')).json().items).toEqual([]);
    expect((await api.get(HUY, `/api/v1/dossiers/${d.id}`)).statusCode).toBe(404);
    // and a citizen cannot accept their own dossier
    await api.refused(LAN, d, 'accept', {}, 403, 'FORBIDDEN');
  });

  it('is accepted by the one-stop unit: due one working day later (online limit)', async () => {
    api.advance(30 * 60_000);
    d = await api.act('motcua.hoankiem', d, 'accept');
    expect(new Date(d.dueAt as string).getTime()).toBe(vn(2026, 12, 8, 9, 30));
    d = await api.act('motcua.hoankiem', d, 'forward');
  });

  it('stops the clock while the citizen supplements', async () => {
    api.advance(H);
    d = await api.act('chuyenvien.hoankiem', d, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Ảnh chụp bị mờ, không đọc được số' }],
    });
    expect(d).toMatchObject({ status: 'supplement_requested', nationalStatus: 5 });
    const track = await api.app.inject({ method: 'GET', url: `/api/v1/tracking/${d.code}` });
    expect(track.json().clockStopped).toBe(true);
    api.advance(3 * H);
    await api.refused(HUY, d, 'supplement_received', {}, 404, 'NOT_FOUND');
    d = await api.act(LAN, d, 'supplement_received', { provided: ['GIAY_CHUNG_SINH'] });
    expect(d.status).toBe('processing');
    // the stop's working time moves the due instant later, as the public deadline service counts it
    const pause = (d.state as { pauses: { from: number; to: number }[] }).pauses[0] as {
      from: number;
      to: number;
    };
    expect(pause.to - pause.from).toBe(3 * H);
    const expected = await api.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/deadline',
      payload: {
        receivedAt: d.receivedAt,
        limit: { amount: 1, unit: 'working_days' },
        pauses: [{ from: new Date(pause.from).toISOString(), to: new Date(pause.to).toISOString() }],
        explain: false,
      },
    });
    expect(new Date(d.dueAt as string).getTime()).toBe(new Date(expected.json().dueAt).getTime());
    expect(new Date(d.dueAt as string).getTime()).toBeGreaterThan(vn(2026, 12, 8, 9, 30));
  });

  it('is signed, issued and returned online; the citizen rates it once', async () => {
    d = await api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) d = await api.act('lanhdao.hoankiem', d, a);
    d = await api.act('vanthu.hoankiem', d, 'issue_result');
    d = await api.act('motcua.hoankiem', d, 'return_result', { delivery: 'online' });
    expect(d).toMatchObject({ status: 'returned', nationalStatus: 10 });
    await api.refused('motcua.hoankiem', d, 'rate', { score: 5 }, 403, 'FORBIDDEN');
    await api.refused(LAN, d, 'rate', { score: 4, answers: { mood: 3 } }, 400, 'VALIDATION_FAILED');
    d = await api.act(LAN, d, 'rate', {
      score: 4,
      answers: { guidance: 5, attitude: 4, timeliness: 5, fees: 5, online: 3 },
      comment: 'Cán bộ hướng dẫn nhiệt tình; trang nộp hồ sơ còn chậm.',
    });
    expect((d.state as { rating: number }).rating).toBe(4);
    expect(d.nationalChannel).toBe(2);
    await api.refused(LAN, d, 'rate', { score: 5 }, 409, 'ALREADY_RATED');
    await api.expectReplayable();
  });
});
