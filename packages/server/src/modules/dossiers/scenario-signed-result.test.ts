/**
 * Results signed and delivered electronically: the specialist uploads the birth certificate as a
 * PDF result, the leader's signature signs it with the agency's certificate (PAdES), the public
 * verification endpoint checks it, and the online return puts it in the citizen's data store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderForm } from '../../documents/index.js';
import { birthRegistrationForms } from '../../documents/test-data.js';
import { generateTestCertificate } from '../../signing/index.js';
import { testDatabase } from '../../test/db.js';
import { filePart, multipartBody } from '../files/test-helpers.js';
import { DEMO_FORM_SAMPLES, type Dossier, dossierApi, placeOf, vn } from './test-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'motcua-signing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cert = generateTestCertificate({
  commonName: 'UBND phường Hoàn Kiếm',
  organisation: 'UBND phường Hoàn Kiếm',
  notBefore: new Date('2026-01-01T00:00:00Z'),
});
writeFileSync(path.join(dir, 'agency.p12'), cert.p12);
writeFileSync(path.join(dir, 'trust.pem'), cert.caCertificatePem);

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0), {
  MOTCUA_SIGNING_P12: path.join(dir, 'agency.p12'),
  MOTCUA_SIGNING_P12_PASSWORD: cert.passphrase,
  MOTCUA_SIGNING_TRUST: path.join(dir, 'trust.pem'),
});
const LAN = 'citizen:001194012345';
const place = await placeOf(t.db, 'motcua.hoankiem');

async function upload(user: string, url: string, pdf: Buffer, name: string) {
  const s = await api.as(user);
  const body = multipartBody([filePart(pdf, name)]);
  return api.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...s.headers, 'content-type': body.contentType },
  });
}

describe('a result signed with the agency’s certificate and delivered to the data store', () => {
  let d: Dossier;

  it('is uploaded as a result during appraisal', async () => {
    const r = await api.post(LAN, '/api/v1/citizen/dossiers', {
      tenant: place.tenant,
      procedureCode: '1.001193',
      competentAgency: place.identifier,
      documents: [
        { code: 'TK_KHAI_SINH', provided: true },
        { code: 'GIAY_CHUNG_SINH', provided: true },
      ],
      formData: DEMO_FORM_SAMPLES['1.001193'] as Record<string, unknown>,
    });
    expect(r.statusCode, r.body).toBe(201);
    d = r.json().dossier;
    d = await api.act('motcua.hoankiem', d, 'accept');
    d = await api.act('motcua.hoankiem', d, 'forward');
    // a document drafted by the specialist: MotCua's own A4 output, with Vietnamese text
    const draft = await renderForm('RECEIPT', birthRegistrationForms('2025').RECEIPT!, {
      now: new Date(api.clock.t),
    });
    const up = await upload(
      'chuyenvien.hoankiem',
      `/api/v1/dossiers/${d.id}/results/files`,
      draft,
      'Giấy khai sinh.pdf',
    );
    expect(up.statusCode, up.body).toBe(201);
    d = await api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
  });

  it('is signed when the leader signs: a new file, pointing to the unsigned one', async () => {
    d = await api.act('lanhdao.hoankiem', d, 'approve');
    d = await api.act('lanhdao.hoankiem', d, 'sign');
    const files = await t.db
      .selectFrom('dossier_files')
      .select(['id', 'sha256', 'signed_from', 'filename'])
      .where('dossier_id', '=', d.id)
      .where('purpose', '=', 'result')
      .orderBy('id')
      .execute();
    expect(files).toHaveLength(2);
    expect(files[1]?.signed_from).toBe(files[0]?.id);
    expect(files[1]?.filename).toBe('Giấy khai sinh (đã ký số).pdf');
    const signed = await api.get('lanhdao.hoankiem', `/api/v1/files/${files[1]?.id}`);
    expect(signed.statusCode).toBe(200);
    // anyone can check it: valid, covering the whole document, chained to the agency's CA
    const check = await api.app.inject({
      method: 'POST',
      url: '/api/v1/signatures/verify',
      payload: signed.rawPayload,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(check.statusCode, check.body).toBe(200);
    const sig = check.json().signatures[0];
    expect(check.json().signed).toBe(true);
    expect(sig).toMatchObject({ valid: true, coversWholeDocument: true, certificateTrusted: true });
    expect(sig.reason).toBe('Ký số kết quả giải quyết thủ tục hành chính');
  });

  it('goes to the citizen’s data store when returned online', async () => {
    d = await api.act('lanhdao.hoankiem', d, 'forward');
    d = await api.act('vanthu.hoankiem', d, 'issue_result');
    d = await api.act('motcua.hoankiem', d, 'return_result', { delivery: 'online' });
    const docs = await api.get(LAN, '/api/v1/citizen/documents');
    expect(docs.statusCode, docs.body).toBe(200);
    const items = docs.json().items as { kind: string; filename: string }[];
    const results = items.filter((x) => x.kind === 'result');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      sourceDossier: { id: d.id, code: d.code },
      filename: 'Giấy khai sinh (đã ký số).pdf',
    });
    await api.expectReplayable();
  });
});
