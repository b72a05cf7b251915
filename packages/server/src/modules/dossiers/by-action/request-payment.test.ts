import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'request_payment',
  ready: (a) => journey(a, 'appraisal'),
  params: () => ({ amountVnd: 8000, pausesClock: true }),
  by: 'chuyenvien.hoankiem',
  forbidden: [
    { user: 'motcua.hoankiem', status: 403 },
    { user: 'chuyenvien.caugiay', status: 404 },
  ],
  wrongStage: 'submitted',
  wrongCode: 'ACTION_NOT_ALLOWED_IN_STATE',
  check: (d) => {
    expect(d).toMatchObject({ status: 'awaiting_payment', nationalStatus: 6 });
    expect((d.state as { pauses: { kind: string; to: null }[] }).pauses.at(-1)).toMatchObject({
      kind: 'payment',
      to: null,
    });
  },
});

describe('request_payment: amounts', () => {
  it('refuses a fractional or negative amount by schema', async () => {
    const d = await journey(api, 'appraisal');
    for (const amountVnd of [-1, 10.5]) {
      const r = await api.post('chuyenvien.hoankiem', `/api/v1/dossiers/${d.id}/actions`, {
        type: 'request_payment',
        expectedVersion: d.version,
        amountVnd,
      });
      expect(r.statusCode).toBe(400);
    }
  });
});
