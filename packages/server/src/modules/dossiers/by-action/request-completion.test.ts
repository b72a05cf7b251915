import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'request_completion',
  ready: (a) => journey(a, 'submitted'),
  params: () => ({ missing: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp không rõ số và ngày cấp' }] }),
  by: 'motcua.hoankiem',
  forbidden: [
    { user: 'lanhdao.hoankiem', status: 403 },
    { user: 'motcua.socson', status: 404 },
  ],
  wrongStage: 'accepted',
  check: async (d, a) => {
    expect(d.status).toBe('submitted');
    const sms = await a.db
      .selectFrom('outbox_messages')
      .select('topic')
      .where('topic', '=', 'dossier.completion_requested')
      .execute();
    expect(sms.length).toBeGreaterThan(0);
  },
});

describe('request_completion: once, completely (Decree 61 Art. 16(2)(a))', () => {
  it('lists the missing required documents when none are named, and refuses a second request', async () => {
    const d0 = await api.register('motcua.hoankiem', {
      procedureCode: '1.001193',
      applicant: { name: 'Phạm Thu Trang' },
      documents: [{ code: 'TK_KHAI_SINH', provided: true }],
    });
    const d = await api.act('motcua.hoankiem', d0, 'request_completion');
    const log = (await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`)).json();
    expect(log.at(-1).payload.missing.map((m: { name: string }) => m.name)[0]).toMatch(/^Giấy chứng sinh/);
    await api.refused('motcua.hoankiem', d, 'request_completion', {}, 409, 'COMPLETION_ALREADY_REQUESTED');
    const pdf = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/forms/SUPPLEMENT_REQUEST`);
    expect(pdf.statusCode).toBe(200);
  });
});
