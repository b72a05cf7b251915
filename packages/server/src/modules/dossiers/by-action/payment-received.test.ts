import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { type Api, dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

const awaiting = async (a: Api, pausesClock = true) =>
  a.act('chuyenvien.hoankiem', await journey(a, 'appraisal'), 'request_payment', {
    amountVnd: 8000,
    pausesClock,
  });

actionSuite(api, {
  type: 'payment_received',
  ready: (a) => awaiting(a),
  by: 'motcua.hoankiem',
  forbidden: [
    { user: 'vanthu.hoankiem', status: 403 },
    { user: 'motcua.caugiay', status: 404 },
  ],
  wrongStage: 'appraisal',
  wrongCode: 'ACTION_NOT_ALLOWED_IN_STATE',
  check: (d, _a, before) => {
    expect(d).toMatchObject({ status: 'processing', nationalStatus: 4 });
    expect(new Date(d.dueAt as string).getTime()).toBeGreaterThanOrEqual(
      new Date(before.dueAt as string).getTime(),
    );
  },
});

describe('payment_received: a payment that does not stop the clock leaves the due instant', () => {
  it('keeps dueAt when the procedure does not stop the clock for payment', async () => {
    const d = await awaiting(api, false);
    api.advance(2 * 3_600_000);
    const r = await api.act('chuyenvien.hoankiem', d, 'payment_received');
    expect(r.dueAt).toBe(d.dueAt);
  });
});
