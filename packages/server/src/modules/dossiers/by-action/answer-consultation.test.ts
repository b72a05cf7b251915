import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { APPLICANT, type Api, allDocuments, type Dossier, dossierApi, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

/** A marriage registration in appraisal with an open consultation of the Sở Tư pháp. */
async function consulted(a: Api) {
  let d = await a.register('motcua.hoankiem', {
    procedureCode: '1.000894',
    applicant: APPLICANT,
    documents: await allDocuments(a, '1.000894'),
  });
  d = await a.act('motcua.hoankiem', d, 'accept');
  d = await a.act('motcua.hoankiem', d, 'forward');
  return a.act('chuyenvien.hoankiem', d, 'consult', {
    agency: '000.00.10.H26',
    department: 'HCTP',
    question: 'Xác minh',
  });
}
const idOf = (d: Dossier) => (d.state as { openConsultations: string[] }).openConsultations[0] ?? 'none';

actionSuite(api, {
  type: 'answer_consultation',
  ready: consulted,
  params: (d) => ({ consultationId: idOf(d), opinion: 'Công dân chưa đăng ký kết hôn tại địa phương.' }),
  by: 'chuyenvien.stp',
  forbidden: [
    { user: 'chuyenvien.sxd', status: 404 },
    { user: 'motcua.hoankiem', status: 403 },
  ],
  wrongStage: 'returned',
  // a dossier stopped while the Sở's opinion was awaited: nothing follows a final state
  wrongReady: async (a) =>
    a.act('lanhdao.hoankiem', await consulted(a), 'stop', {
      reason: 'Hồ sơ giả mạo',
      legalGround: 'Điều 18 Nghị định 118/2025/NĐ-CP',
    }),
  wrongCode: 'STATE_FINAL',
  check: (d) => expect((d.state as { openConsultations: string[] }).openConsultations).toEqual([]),
});

describe('answer_consultation: only an open one', () => {
  it('refuses an unknown consultation', async () => {
    const d = await consulted(api);
    await api.refused(
      'chuyenvien.stp',
      d,
      'answer_consultation',
      { consultationId: 'nope', opinion: 'x' },
      409,
      'CONSULTATION_UNKNOWN',
    );
  });
});
