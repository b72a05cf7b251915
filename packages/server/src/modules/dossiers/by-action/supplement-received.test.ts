import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, H, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

const asked = async () => {
  const d = await journey(api, 'appraisal');
  return api.act('chuyenvien.hoankiem', d, 'request_supplement', {
    items: [{ name: 'Giấy chứng sinh', reason: 'Thiếu dấu' }],
  });
};

actionSuite(api, {
  type: 'supplement_received',
  ready: asked,
  by: 'motcua.hoankiem',
  forbidden: [
    { user: 'lanhdao.hoankiem', status: 403 },
    { user: 'motcua.caugiay', status: 404 },
  ],
  wrongStage: 'appraisal',
  wrongCode: 'ACTION_NOT_ALLOWED_IN_STATE',
  check: (d, _a, before) => {
    expect(d).toMatchObject({ status: 'processing', nationalStatus: 4 });
    // the working time stopped moves the due instant later, never earlier
    expect(new Date(d.dueAt as string).getTime()).toBeGreaterThanOrEqual(
      new Date(before.dueAt as string).getTime(),
    );
  },
});

describe('supplement_received: the clock', () => {
  it('moves the due instant by exactly the working time stopped, as the public deadline service computes it', async () => {
    const d = await asked();
    const pause = (d.state as { pauses: { from: number }[] }).pauses.at(-1) as { from: number };
    api.advance(2 * H);
    const r = await api.act('motcua.hoankiem', d, 'supplement_received');
    const expected = await api.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/deadline',
      payload: {
        receivedAt: d.receivedAt,
        limit: { amount: 1, unit: 'same_day' },
        pauses: [
          { from: new Date(pause.from).toISOString(), to: new Date(pause.from + 2 * H).toISOString() },
        ],
        explain: false,
      },
    });
    expect(expected.statusCode, expected.body).toBe(200);
    expect(new Date(r.dueAt as string).getTime()).toBe(new Date(expected.json().dueAt).getTime());
    expect(new Date(r.dueAt as string).getTime()).toBeGreaterThan(new Date(d.dueAt as string).getTime());
    // the appointment follows the due instant (no apology yet)
    expect(r.appointmentAt).toBe(r.dueAt);
  });
});
