import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { type Api, DEMO_FORM_SAMPLES, type Dossier, dossierApi, placeOf, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const LAN = 'citizen:001194012345';

const hoanKiem = await placeOf(t.db, 'motcua.hoankiem');

/** Lan's online birth registration, returned online (or left with its result ready). */
async function returnedOnline(a: Api, returned = true): Promise<Dossier> {
  const r = await a.post(LAN, '/api/v1/citizen/dossiers', {
    tenant: hoanKiem.tenant,
    procedureCode: '1.001193',
    competentAgency: hoanKiem.identifier,
    documents: [
      { code: 'TK_KHAI_SINH', provided: true },
      { code: 'GIAY_CHUNG_SINH', provided: true },
    ],
    formData: DEMO_FORM_SAMPLES['1.001193'] as Record<string, unknown>,
  });
  expect(r.statusCode, r.body).toBe(201);
  let d: Dossier = r.json().dossier;
  d = await a.act('motcua.hoankiem', d, 'accept');
  d = await a.act('motcua.hoankiem', d, 'forward');
  d = await a.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
  for (const x of ['approve', 'sign', 'forward']) d = await a.act('lanhdao.hoankiem', d, x);
  d = await a.act('vanthu.hoankiem', d, 'issue_result');
  return returned ? a.act('motcua.hoankiem', d, 'return_result', { delivery: 'online' }) : d;
}

actionSuite(api, {
  type: 'rate',
  ready: (a) => returnedOnline(a),
  params: () => ({ score: 5 }),
  by: LAN,
  forbidden: [
    { user: 'motcua.hoankiem', status: 403 },
    { user: 'citizen:001097005678', status: 404 },
  ],
  wrongStage: 'result_ready',
  wrongReady: (a) => returnedOnline(a, false),
  check: (d) => expect((d.state as { rating: number }).rating).toBe(5),
});

describe('rate: the score', () => {
  it('is 1 to 5', async () => {
    const d = await returnedOnline(api);
    const s = await api.as(LAN);
    for (const score of [0, 6]) {
      const r = await api.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/actions`,
        payload: { type: 'rate', expectedVersion: d.version, score },
        headers: { ...s.headers, 'idempotency-key': `rate-${score}-${d.id}` },
      });
      expect(r.statusCode).toBe(400);
    }
  });
});
