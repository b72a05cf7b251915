import { expect } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'sign',
  ready: (a) => journey(a, 'signing'),
  by: 'lanhdao.hoankiem',
  forbidden: [
    { user: 'vanthu.hoankiem', status: 403 },
    { user: 'lanhdao.socson', status: 404 },
  ],
  wrongStage: 'issuing',
  wrongCode: 'STEP_ACTION_NOT_ALLOWED',
  check: (d) => expect((d.state as { signed: boolean }).signed).toBe(true),
});
