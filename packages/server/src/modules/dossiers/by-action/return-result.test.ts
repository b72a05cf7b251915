import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'return_result',
  ready: (a) => journey(a, 'result_ready'),
  params: () => ({ delivery: 'counter' }),
  by: 'motcua.hoankiem',
  forbidden: [
    { user: 'vanthu.hoankiem', status: 403 },
    { user: 'motcua.caugiay', status: 404 },
  ],
  wrongStage: 'issuing',
  wrongCode: 'ACTION_NOT_ALLOWED_IN_STATE',
  check: (d) => expect(d).toMatchObject({ status: 'returned', nationalStatus: 10 }),
});

describe('return_result: nothing follows a returned dossier but a rating', () => {
  it('refuses any officer action on a returned dossier', async () => {
    const d = await journey(api, 'returned');
    await api.refused('motcua.hoankiem', d, 'withdraw', { reason: 'x' }, 409, 'STATE_FINAL');
    await api.refused('lanhdao.hoankiem', d, 'stop', { reason: 'x', legalGround: 'y' }, 409, 'STATE_FINAL');
  });
});
