import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'apologise',
  ready: (a) => journey(a, 'signing'),
  params: () => ({
    reason: 'Lãnh đạo đi công tác, chưa ký được kết quả',
    newAppointmentAt: '2026-12-08T10:00:00+07:00',
  }),
  by: 'motcua.hoankiem',
  forbidden: [
    { user: 'chuyenvien.hoankiem', status: 403 },
    { user: 'motcua.caugiay', status: 404 },
  ],
  wrongStage: 'result_ready',
  wrongCode: 'ACTION_NOT_ALLOWED_IN_STATE',
  check: (d, _a, before) => {
    expect(d.dueAt).toBe(before.dueAt);
    expect(new Date(d.appointmentAt as string).getTime()).toBe(vn(2026, 12, 8, 10, 0));
  },
});

describe('apologise: the leader of the agency at fault may record it too', () => {
  it('is accepted from the leader, refused without an offset in the instant', async () => {
    const d = await journey(api, 'signing');
    await api.refused(
      'lanhdao.hoankiem',
      d,
      'apologise',
      { reason: 'x', newAppointmentAt: '2026-12-08T10:00' },
      400,
      'INVALID_INSTANT',
    );
    const r = await api.act('lanhdao.hoankiem', d, 'apologise', {
      reason: 'Chậm ký',
      newAppointmentAt: '2026-12-08T10:00:00+07:00',
    });
    expect((r.state as { apologies: unknown[] }).apologies).toHaveLength(1);
  });
});
