import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { actionSuite } from '../action-suite.js';
import { dossierApi, journey, vn } from '../test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

actionSuite(api, {
  type: 'accept',
  ready: (a) => journey(a, 'submitted'),
  by: 'motcua.hoankiem',
  forbidden: [
    { user: 'chuyenvien.hoankiem', status: 403 },
    { user: 'motcua.caugiay', status: 404 },
  ],
  wrongStage: 'accepted',
  wrongCode: 'ACTION_NOT_ALLOWED_IN_STATE',
  check: (d) => {
    expect(d.status).toBe('accepted');
    expect(d.code).toMatch(/^000\.[0-9A-Z]{2}\.99\.H26-261207-\d{4}$/);
    // same-day procedure received before 15:00: due the same day at the end of work
    expect(new Date(d.dueAt as string).getTime()).toBe(vn(2026, 12, 7, 17, 0));
  },
});

describe('accept: completeness', () => {
  it('refuses a dossier missing a required document, naming it; accepts once it is ticked', async () => {
    const d = await api.register('motcua.hoankiem', {
      procedureCode: '1.001193',
      applicant: { name: 'Trần Văn Bình' },
      documents: [{ code: 'TK_KHAI_SINH', provided: true }],
    });
    const e = await api.refused('motcua.hoankiem', d, 'accept', {}, 422, 'DOCUMENTS_MISSING');
    expect(e.details.missing.map((m: { code: string }) => m.code)).toEqual(['GIAY_CHUNG_SINH']);
    const ok = await api.act('motcua.hoankiem', d, 'accept', { provided: ['GIAY_CHUNG_SINH'] });
    expect(ok.status).toBe('accepted');
  });

  it('numbers acceptances of one agency and day consecutively', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await journey(api, 'accepted')).code as string);
    const n = codes.map((c) => Number(c.split('-').pop()));
    expect(n[1]).toBe((n[0] as number) + 1);
    expect(n[2]).toBe((n[0] as number) + 2);
  });

  it('refuses the acceptance of a day whose numbers are exhausted and writes nothing (409 SEQUENCE_OVERFLOW)', async () => {
    const d = await journey(api, 'submitted');
    const before = (await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`)).json().length;
    // the statement that writes the acceptance takes the number: 9999 is the last of a day
    await sql`update dossier_code_sequences set last_value = 9999
              where scope_date = '2026-12-07' and scheme = 'AGENCY-YYMMDD-NNNN'`.execute(t.db);
    const e = await api.refused('motcua.hoankiem', d, 'accept', {}, 409, 'SEQUENCE_OVERFLOW');
    expect(e.details).toMatchObject({ max: 9999 });
    const after = (await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}`)).json().dossier;
    expect(after).toMatchObject({ status: 'submitted', version: d.version, code: null });
    expect((await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`)).json().length).toBe(before);
    const { rows } = await sql<{ n: number }>`select max(last_value)::int as n from dossier_code_sequences
      where scope_date = '2026-12-07' and scheme = 'AGENCY-YYMMDD-NNNN'`.execute(t.db);
    expect(rows[0]?.n).toBe(9999);
  });
});
