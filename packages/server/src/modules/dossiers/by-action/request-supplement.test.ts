import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'request_supplement',
  ready: (a) => journey(a, 'appraisal'),
  params: () => ({ items: [{ name: 'Giấy chứng sinh', reason: 'Thiếu dấu của cơ sở y tế' }] }),
  by: 'chuyenvien.hoankiem',
  forbidden: [
    { user: 'motcua.hoankiem', status: 403 },
    { user: 'chuyenvien.socson', status: 404 },
  ],
  wrongStage: 'accepted',
  check: (d) => {
    expect(d).toMatchObject({ status: 'supplement_requested', nationalStatus: 5 });
    expect((d.state as { pauses: { to: number | null }[] }).pauses.at(-1)?.to).toBeNull();
  },
});

describe('request_supplement: a second request needs a reason', () => {
  it('refuses a second request without a reason, accepts it with one', async () => {
    let d = await journey(api, 'appraisal');
    d = await api.act('chuyenvien.hoankiem', d, 'request_supplement', {
      items: [{ name: 'A', reason: 'B' }],
    });
    d = await api.act('motcua.hoankiem', d, 'supplement_received');
    await api.refused(
      'chuyenvien.hoankiem',
      d,
      'request_supplement',
      { items: [{ name: 'C', reason: 'D' }] },
      422,
      'SUPPLEMENT_REASON_REQUIRED',
    );
    d = await api.act('chuyenvien.hoankiem', d, 'request_supplement', {
      items: [{ name: 'C', reason: 'D' }],
      reason: 'Phát hiện sai lệch sau khi đối chiếu dữ liệu dân cư',
    });
    expect((d.state as { supplementRequests: number }).supplementRequests).toBe(2);
  });
});
