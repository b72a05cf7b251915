import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'forward',
  ready: (a) => journey(a, 'appraisal'),
  params: () => ({ outcome: 'positive' }),
  by: 'chuyenvien.hoankiem',
  forbidden: [
    { user: 'motcua.hoankiem', status: 403 },
    { user: 'chuyenvien.kt.hoankiem', status: 403 },
    { user: 'chuyenvien.caugiay', status: 404 },
  ],
  wrongStage: 'submitted',
  wrongCode: 'ACTION_NOT_ALLOWED_IN_STATE',
  check: (d) => {
    expect(d.currentStep).toBe('KY');
    expect(d.stepDueAt).not.toBeNull();
  },
});

describe('forward: routing', () => {
  it('sends a negative appraisal to the refusal step, and an explicit target only along an edge', async () => {
    const d = await journey(api, 'appraisal');
    await api.refused('chuyenvien.hoankiem', d, 'forward', { toStep: 'BAN_HANH' }, 409, 'EDGE_NOT_ALLOWED');
    const n = await api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'negative' });
    expect(n.currentStep).toBe('TU_CHOI');
  });

  it('does not let the leader forward an unsigned result', async () => {
    const d = await journey(api, 'signing');
    await api.refused('lanhdao.hoankiem', d, 'forward', {}, 409, 'STEP_ACTION_NOT_ALLOWED');
  });
});
