import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { APPLICANT, type Api, allDocuments, dossierApi, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

/** A marriage registration (1.000894) at phường Hoàn Kiếm, in appraisal: its step may consult. */
async function marriageInAppraisal(a: Api) {
  let d = await a.register('motcua.hoankiem', {
    procedureCode: '1.000894',
    applicant: APPLICANT,
    documents: await allDocuments(a, '1.000894'),
  });
  d = await a.act('motcua.hoankiem', d, 'accept');
  return a.act('motcua.hoankiem', d, 'forward');
}

actionSuite(api, {
  type: 'consult',
  ready: marriageInAppraisal,
  params: () => ({
    agency: '000.00.10.H26',
    department: 'HCTP',
    question: 'Đề nghị xác minh tình trạng hôn nhân của công dân tại địa phương cũ',
  }),
  by: 'chuyenvien.hoankiem',
  forbidden: [
    { user: 'motcua.hoankiem', status: 403 },
    { user: 'chuyenvien.caugiay', status: 404 },
  ],
  wrongStage: 'appraisal',
  wrongCode: 'STEP_ACTION_NOT_ALLOWED',
  check: (d) => {
    const s = d.state as { openConsultations: string[] };
    expect(s.openConsultations).toHaveLength(1);
  },
});

describe('consult: parallel opinions within the step', () => {
  it('keeps the dossier from being issued while an opinion is awaited', async () => {
    let d = await marriageInAppraisal(api);
    d = await api.act('chuyenvien.hoankiem', d, 'consult', { agency: '000.00.10.H26', department: 'HCTP' });
    d = await api.act('chuyenvien.hoankiem', d, 'consult', { agency: '000.00.12.H26' });
    expect((d.state as { openConsultations: string[] }).openConsultations).toHaveLength(2);
    // the consulted Sở sees the dossier it was asked about
    expect((await api.get('chuyenvien.stp', `/api/v1/dossiers/${d.id}`)).statusCode).toBe(200);
    await api.refused(
      'chuyenvien.hoankiem',
      d,
      'consult',
      { agency: '000.99.99.H26' },
      422,
      'AGENCY_UNKNOWN',
    );
  });
});
