import { expect } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'approve',
  ready: (a) => journey(a, 'signing'),
  by: 'lanhdao.hoankiem',
  forbidden: [
    { user: 'chuyenvien.hoankiem', status: 403 },
    { user: 'truongphong.hoankiem', status: 403 },
    { user: 'lanhdao.caugiay', status: 404 },
  ],
  wrongStage: 'appraisal',
  wrongCode: 'STEP_ACTION_NOT_ALLOWED',
  check: (d) => expect((d.state as { approved: boolean }).approved).toBe(true),
});
