import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'issue_result',
  ready: (a) => journey(a, 'issuing'),
  by: 'vanthu.hoankiem',
  forbidden: [
    { user: 'lanhdao.hoankiem', status: 403 },
    { user: 'vanthu.caugiay', status: 404 },
  ],
  wrongStage: 'signing',
  wrongCode: 'STEP_ACTION_NOT_ALLOWED',
  check: async (d, a) => {
    expect(d).toMatchObject({ status: 'result_ready', nationalStatus: 9, currentStep: null });
    expect(d.finishedAt).not.toBeNull();
    const n = await a.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('topic', '=', 'dossier.result_ready')
      .execute();
    expect(n.length).toBeGreaterThan(0);
  },
});

describe('issue_result: the result code', () => {
  it('refuses a malformed result code', async () => {
    const d = await journey(api, 'issuing');
    const r = await api.post('vanthu.hoankiem', `/api/v1/dossiers/${d.id}/actions`, {
      type: 'issue_result',
      expectedVersion: d.version,
      resultCode: 'KQ-1',
    });
    expect(r.statusCode).toBe(400);
  });
});
