/**
 * The citizen's data store (kho quản lý dữ liệu điện tử): documents kept with owner, source,
 * issuer and validity; electronic results stored for the applicant; reuse in a new dossier
 * instead of a new upload, flagged reused (DuocTaiSuDung); expired and foreign documents refused.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { tinyJpeg, tinyPdf } from '../../test/file-fixtures.js';
import { journey, vn } from '../dossiers/test-helpers.js';
import { storeElectronicResult } from './data-store.js';
import { competentIdentifier, componentsOf, filePart, filesHarness, submitOnline } from './test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 10:00 in Hà Nội
const h = await filesHarness(t, vn(2026, 12, 7, 10, 0));
const { api } = h;
const LAN = 'citizen:001194012345';
const HUY = 'citizen:001097005678';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const store = (
  user: string,
  fields: Record<string, string>,
  file = filePart(tinyJpeg(), 'cccd.jpg', 'image/jpeg'),
) =>
  h.upload(user, '/api/v1/citizen/documents', [
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    file,
  ]);

describe('keeping documents', () => {
  it('stores an upload with its name, issuer and validity, owned by the citizen', async () => {
    const r = await store(LAN, {
      name: 'Căn cước công dân (mặt trước)',
      issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
      validFrom: '2021-05-10',
      validUntil: '2034-03-12',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().document).toMatchObject({
      kind: 'document',
      name: 'Căn cước công dân (mặt trước)',
      sha256: sha(tinyJpeg()),
      fileKind: 'jpeg',
      mimeType: 'image/jpeg',
      filename: 'cccd.jpg',
      issuer: { agencyId: null, name: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' },
      sourceDossier: null,
      validFrom: '2021-05-10',
      validUntil: '2034-03-12',
      valid: true,
    });
    const bytes = await api.get(LAN, `/api/v1/citizen/documents/${r.json().document.id}/content`);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    expect(sha(bytes.rawPayload)).toBe(sha(tinyJpeg()));
    expect((await api.get(HUY, `/api/v1/citizen/documents/${r.json().document.id}/content`)).statusCode).toBe(
      404,
    );
  });

  it('defaults validity to today, and checks the fields before storing a byte', async () => {
    const r = await store(
      LAN,
      { name: 'Sổ hộ khẩu (bản chụp)' },
      filePart(await tinyPdf('So ho khau'), 'so-ho-khau.pdf'),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().document).toMatchObject({ validFrom: '2026-12-07', validUntil: null, valid: true });
    const blobs = h.blobCount();
    const backwards = await store(
      LAN,
      { name: 'Giấy tờ', validFrom: '2026-01-01', validUntil: '2025-01-01' },
      filePart(await tinyPdf('Khac'), 'khac.pdf'),
    );
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error.code).toBe('VALIDITY_INVALID');
    const noName = await store(LAN, {}, filePart(await tinyPdf('Khac nua'), 'x.pdf'));
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.code).toBe('VALIDATION_FAILED');
    const badDate = await store(LAN, { name: 'X', validFrom: '2026-02-30' });
    expect(badDate.statusCode).toBe(400);
    const unknown = await store(LAN, { name: 'X', colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    expect(h.blobCount()).toBe(blobs);
  });

  it('lists only the citizen’s own documents, filtered by the day they are valid on', async () => {
    await store(LAN, { name: 'Hộ chiếu cũ', validFrom: '2015-01-01', validUntil: '2025-01-01' });
    const all = (await api.get(LAN, '/api/v1/citizen/documents')).json().items;
    expect(all.map((d: { name: string }) => d.name).sort()).toEqual(
      ['Căn cước công dân (mặt trước)', 'Hộ chiếu cũ', 'Sổ hộ khẩu (bản chụp)'].sort(),
    );
    expect(all.find((d: { name: string }) => d.name === 'Hộ chiếu cũ').valid).toBe(false);
    const now = (await api.get(LAN, '/api/v1/citizen/documents?validOn=2026-12-07')).json().items;
    expect(now.map((d: { name: string }) => d.name)).not.toContain('Hộ chiếu cũ');
    const then = (await api.get(LAN, '/api/v1/citizen/documents?validOn=2022-06-01')).json().items;
    expect(then.map((d: { name: string }) => d.name).sort()).toEqual([
      'Căn cước công dân (mặt trước)',
      'Hộ chiếu cũ',
    ]);
    expect((await api.get(HUY, '/api/v1/citizen/documents')).json().items).toEqual([]);
    expect((await api.get('motcua.hoankiem', '/api/v1/citizen/documents')).statusCode).toBe(401);
  });
});

describe('reusing a stored document in a new dossier', async () => {
  const counter = await journey(api, 'submitted');
  const competent = await competentIdentifier(api, counter.id);
  const d = await submitOnline(api, '001194012345', competent);
  const c = await componentsOf(api, d.id);
  const component = c.GIAY_CHUNG_SINH!;
  const reuse = (user: string, documentId: number, componentId = component.id) =>
    api.post(user, `/api/v1/dossiers/${d.id}/components/${componentId}/reuse`, { documentId });
  let doc: { id: number; sha256: string; size: number };
  // in a hook, not while collecting: the tests above count the documents kept before them
  beforeAll(async () => {
    const kept = await store(
      LAN,
      { name: 'Giấy chứng sinh', documentCode: 'GIAY_CHUNG_SINH', validFrom: '2026-10-02' },
      filePart(await tinyPdf('Giay chung sinh Tran Minh Khoi'), 'Giấy chứng sinh.pdf'),
    );
    expect(kept.statusCode, kept.body).toBe(201);
    doc = kept.json().document;
  });

  it('attaches the same bytes without an upload, flagged reused, and the component is provided', async () => {
    const blobs = h.blobCount();
    const r = await reuse(LAN, doc.id);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file).toMatchObject({
      dossierId: d.id,
      componentId: component.id,
      purpose: 'component',
      sha256: doc.sha256,
      size: doc.size,
      kind: 'pdf',
      filename: 'Giấy chứng sinh.pdf',
      reused: true,
      reusedFrom: doc.id,
      uploadedBy: { kind: 'applicant' },
    });
    expect(h.blobCount()).toBe(blobs);
    expect((await componentsOf(api, d.id)).GIAY_CHUNG_SINH!.provided).toBe(true);
    // the officer sees it flagged, and gets the bytes
    const list = (await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/files`)).json().items;
    expect(list).toEqual([expect.objectContaining({ reused: true, reusedFrom: doc.id })]);
    const bytes = await api.get('motcua.hoankiem', `/api/v1/files/${list[0].id}`);
    expect(sha(bytes.rawPayload)).toBe(doc.sha256);
  });

  it('refuses an expired document (422 DOCUMENT_EXPIRED) and one not valid yet', async () => {
    const old = await store(LAN, {
      name: 'Giấy tờ hết hạn',
      validFrom: '2020-01-01',
      validUntil: '2026-12-06',
    });
    const r = await reuse(LAN, old.json().document.id);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'DOCUMENT_EXPIRED', details: { validUntil: '2026-12-06' } });
    expect(r.json().error.messageVi).toContain('06/12/2026');
    const future = await store(LAN, { name: 'Giấy tờ tương lai', validFrom: '2027-01-01' });
    expect((await reuse(LAN, future.json().document.id)).json().error.code).toBe('DOCUMENT_NOT_YET_VALID');
    // valid through its last day
    const lastDay = await store(LAN, {
      name: 'Hết hạn hôm nay',
      validFrom: '2020-01-01',
      validUntil: '2026-12-07',
    });
    expect((await reuse(LAN, lastDay.json().document.id)).statusCode).toBe(201);
  });

  it('refuses another citizen’s document and another citizen’s dossier (404)', async () => {
    const huys = await store(HUY, { name: 'Giấy tờ của Huy' });
    expect(huys.statusCode, huys.body).toBe(201);
    const foreignDoc = await reuse(LAN, huys.json().document.id);
    expect(foreignDoc.statusCode).toBe(404);
    const foreignDossier = await reuse(HUY, huys.json().document.id);
    expect(foreignDossier.statusCode).toBe(404);
    expect((await reuse('motcua.hoankiem', doc.id)).statusCode).toBe(401);
  });

  it('keeps an upload to a component in the store when the applicant asks (keep=true)', async () => {
    const pdf = await tinyPdf('To khai dang ky khai sinh');
    const r = await h.upload(LAN, `/api/v1/dossiers/${d.id}/components/${c.TK_KHAI_SINH!.id}/files`, [
      { name: 'keep', value: 'true' },
      filePart(pdf, 'tờ khai.pdf'),
    ]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file.reused).toBe(false);
    expect(r.json().document).toMatchObject({
      kind: 'document',
      documentCode: 'TK_KHAI_SINH',
      sha256: sha(pdf),
      sourceDossier: { id: d.id },
      validFrom: '2026-12-07',
    });
    const byCode = (await api.get(LAN, '/api/v1/citizen/documents?documentCode=TK_KHAI_SINH')).json().items;
    expect(byCode.map((x: { sha256: string }) => x.sha256)).toEqual([sha(pdf)]);
  });

  it('not once the dossier is accepted (409 DOSSIER_NOT_EDITABLE)', async () => {
    const now = (await api.get(LAN, `/api/v1/dossiers/${d.id}`)).json().dossier;
    await api.act('motcua.hoankiem', now, 'accept');
    const r = await reuse(LAN, doc.id);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.code).toBe('DOSSIER_NOT_EDITABLE');
  });
});

describe('electronic results in the store (storeElectronicResult)', () => {
  it('are kept once per dossier and file, with issuer, source dossier and validity', async () => {
    const d = await journey(api, 'result_ready');
    const citizen = await t.db
      .selectFrom('citizens')
      .select('id')
      .where('identity_number', '=', '001194012345')
      .executeTakeFirstOrThrow();
    const dossier = await t.db
      .selectFrom('dossiers')
      .select(['competent_agency_id', 'code'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    const pdf = await tinyPdf('Giay khai sinh ban dien tu');
    const result = {
      citizenId: citizen.id,
      dossierId: d.id,
      name: 'Giấy khai sinh (bản điện tử)',
      resultCode: 'KQ_KHAI_SINH',
      sha256: sha(pdf),
      size: pdf.length,
      kind: 'pdf',
      mimeType: 'application/pdf',
      filename: 'giay-khai-sinh.pdf',
      issuerAgencyId: dossier.competent_agency_id,
      validFrom: '2026-12-07',
    };
    const first = await t.appDb.transaction().execute((trx) => storeElectronicResult(trx, result));
    const again = await t.appDb.transaction().execute((trx) => storeElectronicResult(trx, result));
    expect(again.id).toBe(first.id);
    const items = (await api.get(LAN, '/api/v1/citizen/documents?kind=result')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: first.id,
      kind: 'result',
      name: 'Giấy khai sinh (bản điện tử)',
      resultCode: 'KQ_KHAI_SINH',
      issuer: {
        agencyId: dossier.competent_agency_id,
        agencyIdentifier: expect.any(String),
        name: expect.any(String),
      },
      sourceDossier: { id: d.id, code: dossier.code },
      validFrom: '2026-12-07',
      validUntil: null,
      valid: true,
    });
  });
});
