import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'withdraw',
  ready: (a) => journey(a, 'appraisal'),
  params: () => ({ reason: 'Người nộp đề nghị rút hồ sơ để bổ sung giấy tờ sau' }),
  by: 'motcua.hoankiem',
  forbidden: [
    { user: 'chuyenvien.hoankiem', status: 403 },
    { user: 'motcua.socson', status: 404 },
  ],
  wrongStage: 'returned',
  wrongCode: 'STATE_FINAL',
  check: (d) => {
    expect(d).toMatchObject({ status: 'withdrawn', nationalStatus: 7 });
    expect(d.finishedAt).not.toBeNull();
  },
});

describe('withdraw: before acceptance it ends nothing that had started', () => {
  it('withdraws a submitted dossier without a processing end', async () => {
    const d = await journey(api, 'submitted');
    const w = await api.act('motcua.hoankiem', d, 'withdraw', { reason: 'Nộp nhầm thủ tục' });
    expect(w).toMatchObject({ status: 'withdrawn', finishedAt: null });
  });
});
