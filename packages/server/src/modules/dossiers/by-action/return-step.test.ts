import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'return_step',
  ready: (a) => journey(a, 'signing'),
  params: () => ({ toStep: 'THAM_TRA', reason: 'Họ tên của mẹ trên tờ khai không khớp với Giấy chứng sinh' }),
  by: 'lanhdao.hoankiem',
  forbidden: [
    { user: 'chuyenvien.hoankiem', status: 403 },
    { user: 'lanhdao.caugiay', status: 404 },
  ],
  wrongStage: 'result_ready',
  check: (d) => {
    expect(d.currentStep).toBe('THAM_TRA');
    expect((d.state as { approved: boolean; signed: boolean }).signed).toBe(false);
  },
});

describe('return_step: only to a step the dossier went through', () => {
  it('refuses an unvisited step', async () => {
    const d = await journey(api, 'signing');
    await api.refused(
      'lanhdao.hoankiem',
      d,
      'return_step',
      { toStep: 'TU_CHOI', reason: 'x' },
      409,
      'RETURN_TARGET_INVALID',
    );
  });
});
