import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'refuse_intake',
  ready: (a) => journey(a, 'submitted'),
  params: () => ({ reason: 'Trẻ sinh ra và cư trú ngoài địa bàn, không thuộc thẩm quyền đăng ký' }),
  by: 'motcua.hoankiem',
  forbidden: [
    { user: 'chuyenvien.hoankiem', status: 403 },
    { user: 'motcua.caugiay', status: 404 },
  ],
  wrongStage: 'accepted',
  check: async (d, a) => {
    expect(d).toMatchObject({ status: 'refused', nationalStatus: 3, code: null });
    const pdf = await a.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/forms/REFUSAL`);
    expect(pdf.statusCode).toBe(200);
  },
});

describe('refuse_intake: needs a reason', () => {
  it('is refused by schema without one', async () => {
    const d = await journey(api, 'submitted');
    const r = await api.post('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`, {
      type: 'refuse_intake',
      expectedVersion: d.version,
    });
    expect(r.statusCode).toBe(400);
  });
});
