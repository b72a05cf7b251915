import { describe, expect, it } from 'vitest';
import { renderForm } from '../../../documents/index.js';
import { birthRegistrationForms } from '../../../documents/test-data.js';
import { testDatabase } from '../../../test/db.js';
import { filePart, multipartBody } from '../../files/test-helpers.js';
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

describe('sign: result documents need the agency’s certificate', () => {
  it('refuses to sign uploaded result PDFs when no certificate is configured, and records nothing', async () => {
    const d = await journey(api, 'signing');
    const pdf = await renderForm('RECEIPT', birthRegistrationForms('2025').RECEIPT!, {
      now: new Date(api.clock.t),
    });
    const s = await api.as('chuyenvien.hoankiem');
    const body = multipartBody([filePart(pdf, 'Giấy khai sinh.pdf')]);
    const up = await api.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/results/files`,
      payload: body.payload,
      headers: { ...s.headers, 'content-type': body.contentType },
    });
    expect(up.statusCode, up.body).toBe(201);
    await api.refused('lanhdao.hoankiem', d, 'sign', {}, 422, 'SIGNER_NOT_CONFIGURED');
  });
});
