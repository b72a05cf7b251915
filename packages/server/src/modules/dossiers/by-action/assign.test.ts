import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'assign',
  ready: (a) => journey(a, 'appraisal'),
  by: 'truongphong.hoankiem',
  forbidden: [
    { user: 'chuyenvien.hoankiem', status: 403 },
    { user: 'truongphong.kt.hoankiem', status: 403 },
    { user: 'truongphong.caugiay', status: 404 },
  ],
  wrongStage: 'result_ready',
  check: async (d) => {
    expect(d.currentStep).toBe('THAM_TRA');
    expect(d.assigneeId).not.toBeNull();
  },
});

describe('assign: who may be assigned', () => {
  it('assigns the least-loaded specialist automatically, keeps the step to its assignee, refuses the ineligible', async () => {
    const d = await journey(api, 'appraisal');
    const cv = await api.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'chuyenvien.hoankiem')
      .executeTakeFirstOrThrow();
    const kt = await api.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'chuyenvien.kt.hoankiem')
      .executeTakeFirstOrThrow();
    await api.refused(
      'truongphong.hoankiem',
      d,
      'assign',
      { assigneeId: kt.id },
      422,
      'ASSIGNEE_NOT_ELIGIBLE',
    );
    const a = await api.act('truongphong.hoankiem', d, 'assign', {});
    expect(a.assigneeId).toBe(cv.id);
    const n = await api.act('chuyenvien.hoankiem', a, 'forward', { outcome: 'positive' });
    expect(n.currentStep).toBe('KY');
  });
});
