import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { type Api, dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

/** A birth registration sent to the refusal step after a negative appraisal. */
const atRefusal = async (a: Api) =>
  a.act('chuyenvien.hoankiem', await journey(a, 'appraisal'), 'forward', { outcome: 'negative' });

actionSuite(api, {
  type: 'stop',
  ready: atRefusal,
  params: () => ({
    reason: 'Người yêu cầu không phải cha, mẹ hoặc người thân thích của trẻ',
    legalGround: 'Khoản 1 Điều 15 Luật Hộ tịch 2014',
  }),
  by: 'lanhdao.hoankiem',
  forbidden: [
    { user: 'chuyenvien.hoankiem', status: 403 },
    { user: 'lanhdao.caugiay', status: 404 },
  ],
  wrongStage: 'submitted',
  wrongCode: 'ACTION_NOT_ALLOWED_IN_STATE',
  check: async (d, a) => {
    expect(d).toMatchObject({ status: 'stopped', nationalStatus: 8 });
    expect(d.finishedAt).not.toBeNull();
    const pdf = await a.get('lanhdao.hoankiem', `/api/v1/dossiers/${d.id}/forms/STOP_NOTICE`);
    expect(pdf.statusCode, pdf.body).toBe(200);
  },
});

describe('stop: outside the refusal step only the competent agency’s leader', () => {
  it('lets the leader stop a dossier in appraisal, not the specialist', async () => {
    const d = await journey(api, 'appraisal');
    await api.refused('chuyenvien.hoankiem', d, 'stop', { reason: 'x', legalGround: 'y' }, 403, 'FORBIDDEN');
    const s = await api.act('lanhdao.hoankiem', d, 'stop', {
      reason: 'Hồ sơ giả mạo',
      legalGround: 'Điều 18 Nghị định 118/2025/NĐ-CP',
    });
    expect(s.status).toBe('stopped');
  });
});
