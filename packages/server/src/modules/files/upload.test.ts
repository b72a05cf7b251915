/**
 * Uploading to a dossier's components over HTTP (multipart, streamed): what is stored and
 * recorded, dedupe, the size and type gates, who may upload, and the bytes served back.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { peHeader, tinyPdf, tinyPng } from '../../test/file-fixtures.js';
import { journey, vn } from '../dossiers/test-helpers.js';
import {
  competentIdentifier,
  componentsOf,
  filePart,
  filesHarness,
  multipartBody,
  submitOnline,
  TEST_MAX_BYTES,
} from './test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:00 in Hà Nội
const h = await filesHarness(t, vn(2026, 12, 7, 9, 0));
const { api } = h;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const rowsOf = (dossierId: number) =>
  t.db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute();

/** A PDF padded to `bytes` (a scan is never tiny). */
async function pdfOf(bytes: number, text = 'Giay chung sinh'): Promise<Buffer> {
  const pdf = await tinyPdf(text);
  return Buffer.concat([pdf, Buffer.alloc(Math.max(0, bytes - pdf.length), 0x20)]);
}

describe('a retried upload (Idempotency-Key)', async () => {
  const d = await journey(api, 'submitted');
  const c = await componentsOf(api, d.id);
  const url = `/api/v1/dossiers/${d.id}/components/${c.TK_KHAI_SINH!.id}/files`;

  it('attaches nothing twice on a retry with the same Idempotency-Key, and refuses the key for another file', async () => {
    const scan = await pdfOf(20_000, 'To khai ban quet lai');
    const parts = [filePart(scan, 'Tờ khai.pdf')];
    const first = await h.upload('motcua.hoankiem', url, parts, 'quet-to-khai-0001');
    expect(first.statusCode, first.body).toBe(201);
    const again = await h.upload('motcua.hoankiem', url, parts, 'quet-to-khai-0001');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect((await rowsOf(d.id)).length).toBe(1);
    const other = await h.upload(
      'motcua.hoankiem',
      url,
      [filePart(await pdfOf(20_000, 'Mot tep khac'), 'Khác.pdf')],
      'quet-to-khai-0001',
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await rowsOf(d.id)).length).toBe(1);
    // without a key every upload is a new one (the old behaviour, for clients that send none)
    await h.upload('motcua.hoankiem', url, parts);
    expect((await rowsOf(d.id)).length).toBe(2);
  });
});

describe('an officer attaches a scan to a component', async () => {
  const d = await journey(api, 'submitted');
  const c = await componentsOf(api, d.id);
  const component = c.GIAY_CHUNG_SINH!;
  const url = `/api/v1/dossiers/${d.id}/components/${component.id}/files`;
  const pdf = await pdfOf(100_000);

  it('streams it into the store: 201, SHA-256 of the bytes, type from the content, uploader recorded', async () => {
    const r = await h.upload('motcua.hoankiem', url, [filePart(pdf, 'Giấy chứng sinh.pdf')]);
    expect(r.statusCode, r.body).toBe(201);
    const file = r.json().file;
    expect(file).toMatchObject({
      dossierId: d.id,
      componentId: component.id,
      purpose: 'component',
      sha256: sha(pdf),
      size: pdf.length,
      kind: 'pdf',
      mimeType: 'application/pdf',
      filename: 'Giấy chứng sinh.pdf',
      reused: false,
      reusedFrom: null,
      uploadedBy: { kind: 'officer', role: 'receiving_officer' },
    });
    const [row] = await rowsOf(d.id);
    expect(row).toMatchObject({ sha256: sha(pdf), size: pdf.length, purpose: 'component' });
    expect(h.tempFiles()).toEqual([]);
    const after = await componentsOf(api, d.id);
    expect(after.GIAY_CHUNG_SINH!.provided).toBe(true);
  });

  it('serves the bytes back with the detected type and the Vietnamese name (RFC 5987)', async () => {
    const [row] = await rowsOf(d.id);
    const r = await api.get('motcua.hoankiem', `/api/v1/files/${row!.id}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-disposition']).toBe(
      `attachment; filename="Giay chung sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20sinh.pdf`,
    );
    expect(sha(r.rawPayload)).toBe(sha(pdf));
    const inline = await api.get('motcua.hoankiem', `/api/v1/files/${row!.id}?disposition=inline`);
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    const cached = await api.app.inject({
      method: 'GET',
      url: `/api/v1/files/${row!.id}`,
      headers: { ...(await api.as('motcua.hoankiem')).headers, 'if-none-match': `"${sha(pdf)}"` },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('stores identical bytes once: a second upload is a second row naming the same blob', async () => {
    const blobs = h.blobCount();
    const r = await h.upload('motcua.hoankiem', url, [filePart(pdf, 'ban-sao.pdf')]);
    expect(r.statusCode, r.body).toBe(201);
    expect(h.blobCount()).toBe(blobs);
    const rows = await rowsOf(d.id);
    expect(rows.map((x) => x.sha256)).toEqual([sha(pdf), sha(pdf)]);
    expect(rows.map((x) => x.filename)).toEqual(['Giấy chứng sinh.pdf', 'ban-sao.pdf']);
  });

  it('takes a PNG photo with no name and an octet-stream type: the content decides', async () => {
    const png = tinyPng();
    const r = await h.upload('motcua.hoankiem', url, [filePart(png, null, 'application/octet-stream')]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file).toMatchObject({
      kind: 'png',
      mimeType: 'image/png',
      filename: null,
      sha256: sha(png),
    });
    const got = await api.get('motcua.hoankiem', `/api/v1/files/${r.json().file.id}`);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="tep-${r.json().file.id}.png"`);
  });

  it('lists the dossier’s files for the officers who can read it', async () => {
    const r = await api.get('chuyenvien.hoankiem', `/api/v1/dossiers/${d.id}/files`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((f: { kind: string }) => f.kind)).toEqual(['pdf', 'pdf', 'png']);
    expect((await api.get('motcua.caugiay', `/api/v1/dossiers/${d.id}/files`)).statusCode).toBe(404);
  });

  it('refuses a file over the limit with 413 FILE_TOO_LARGE: no row, no temp file', async () => {
    const before = (await rowsOf(d.id)).length;
    const blobs = h.blobCount();
    const big = await pdfOf(TEST_MAX_BYTES + 1);
    const r = await h.upload('motcua.hoankiem', url, [filePart(big, 'scan.pdf')]);
    expect(r.statusCode, r.body).toBe(413);
    expect(r.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxBytes: TEST_MAX_BYTES } });
    expect(r.json().error.messageVi).toMatch(/vượt quá dung lượng/);
    expect((await rowsOf(d.id)).length).toBe(before);
    expect(h.tempFiles()).toEqual([]);
    expect(h.blobCount()).toBe(blobs);
    // exactly at the limit is accepted
    const edge = await h.upload('motcua.hoankiem', url, [filePart(await pdfOf(TEST_MAX_BYTES), 'edge.pdf')]);
    expect(edge.statusCode, edge.body).toBe(201);
  });

  it('refuses an .exe renamed .pdf with 415 FILE_TYPE_MISMATCH, and stores nothing', async () => {
    const before = (await rowsOf(d.id)).length;
    const blobs = h.blobCount();
    const r = await h.upload('motcua.hoankiem', url, [filePart(peHeader(), 'don-de-nghi.pdf')]);
    expect(r.statusCode, r.body).toBe(415);
    expect(r.json().error).toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      details: { detected: 'pe-executable' },
    });
    expect(r.json().error.messageVi).toMatch(/không khớp/);
    expect((await rowsOf(d.id)).length).toBe(before);
    expect(h.blobCount()).toBe(blobs);
    const unnamed = await h.upload('motcua.hoankiem', url, [
      filePart(peHeader(), 'setup.exe', 'application/x-msdownload'),
    ]);
    expect(unnamed.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses requests that are not one file: JSON, no file, a field after the file', async () => {
    const s = await api.as('motcua.hoankiem');
    const json = await api.app.inject({ method: 'POST', url, headers: s.headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('MULTIPART_REQUIRED');
    const none = await h.upload('motcua.hoankiem', url, []);
    expect(none.json().error.code).toBe('FILE_REQUIRED');
    const after = await h.upload('motcua.hoankiem', url, [
      filePart(tinyPng(), 'a.png', 'image/png'),
      { name: 'keep', value: 'false' },
    ]);
    expect(after.json().error.code).toBe('UPLOAD_FIELD_AFTER_FILE');
    const officerKeeps = await h.upload('motcua.hoankiem', url, [
      { name: 'keep', value: 'true' },
      filePart(tinyPng(), 'a.png', 'image/png'),
    ]);
    expect(officerKeeps.statusCode).toBe(400);
  });

  it('lets only officers who reach the dossier upload: another commune 404, another role 403', async () => {
    const png = tinyPng();
    const other = await h.upload('motcua.caugiay', url, [filePart(png, 'a.png', 'image/png')]);
    expect(other.statusCode, other.body).toBe(404);
    const leader = await h.upload('lanhdao.hoankiem', url, [filePart(png, 'a.png', 'image/png')]);
    expect(leader.statusCode, leader.body).toBe(403);
    expect(leader.json().error.code).toBe('FORBIDDEN');
    const wrongComponent = await h.upload(
      'motcua.hoankiem',
      `/api/v1/dossiers/${d.id}/components/999999/files`,
      [filePart(png, 'a.png', 'image/png')],
    );
    expect(wrongComponent.statusCode).toBe(404);
    const stranger = await h.upload('citizen:001097005678', url, [filePart(png, 'a.png', 'image/png')]);
    expect(stranger.statusCode).toBe(404);
  });

  it('hides a file from whoever cannot read its dossier (404, as for no file)', async () => {
    const [row] = await rowsOf(d.id);
    expect((await api.get('motcua.caugiay', `/api/v1/files/${row!.id}`)).statusCode).toBe(404);
    expect((await api.get('citizen:001194012345', `/api/v1/files/${row!.id}`)).statusCode).toBe(404);
    expect((await api.get('motcua.hoankiem', '/api/v1/files/99999999')).statusCode).toBe(404);
  });
});

describe('the applicant attaches files to their own online dossier', async () => {
  const counter = await journey(api, 'submitted');
  const competent = await competentIdentifier(api, counter.id);
  const d = await submitOnline(api, '001194012345', competent);
  const c = await componentsOf(api, d.id);
  const url = `/api/v1/dossiers/${d.id}/components/${c.TK_KHAI_SINH!.id}/files`;

  it('while it waits for acceptance: recorded as the applicant’s upload', async () => {
    const pdf = await pdfOf(20_000, 'To khai');
    const r = await h.upload('citizen:001194012345', url, [filePart(pdf, 'Tờ khai.pdf')]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file.uploadedBy).toEqual({ kind: 'applicant', citizenId: expect.any(Number) });
    const list = await api.get('citizen:001194012345', `/api/v1/dossiers/${d.id}/files`);
    expect(list.json().items).toHaveLength(1);
    const bytes = await api.get('citizen:001194012345', `/api/v1/files/${r.json().file.id}`);
    expect(sha(bytes.rawPayload)).toBe(sha(pdf));
  });

  it('not once the dossier is accepted (409 DOSSIER_NOT_EDITABLE); the officer still can', async () => {
    // the birth certificate arrives as a photo: the component is then provided, and acceptable
    const photo = await h.upload(
      'citizen:001194012345',
      `/api/v1/dossiers/${d.id}/components/${c.GIAY_CHUNG_SINH!.id}/files`,
      [filePart(tinyPng(), 'giay-chung-sinh.png', 'image/png')],
    );
    expect(photo.statusCode, photo.body).toBe(201);
    const accepted = await api.act('motcua.hoankiem', d, 'accept');
    expect(accepted.status).toBe('accepted');
    const r = await h.upload('citizen:001194012345', url, [filePart(tinyPng(), 'a.png', 'image/png')]);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.code).toBe('DOSSIER_NOT_EDITABLE');
    const officer = await h.upload('motcua.hoankiem', url, [filePart(tinyPng(), 'a.png', 'image/png')]);
    expect(officer.statusCode, officer.body).toBe(201);
  });
});

describe('result files', async () => {
  const d = await journey(api, 'issuing');
  // the counter dossier's applicant has an account: bind it, as an online dossier is
  const lan = await t.db
    .selectFrom('citizens')
    .select('id')
    .where('identity_number', '=', '001194012345')
    .executeTakeFirstOrThrow();
  await t.db.updateTable('dossiers').set({ citizen_id: lan.id }).where('id', '=', d.id).execute();
  const url = `/api/v1/dossiers/${d.id}/results/files`;
  const citizenSees = async () =>
    (await api.get('citizen:001194012345', `/api/v1/dossiers/${d.id}/files`)).json().items.length;

  it('are attached by the competent agency’s officers only', async () => {
    const elsewhere = await h.upload('motcua.caugiay', url, [
      filePart(await pdfOf(5000, 'Giay khai sinh'), 'kq.pdf'),
    ]);
    expect(elsewhere.statusCode).toBe(404);
    const desk = await h.upload('motcua.hoankiem', url, [
      filePart(await pdfOf(5000, 'Giay khai sinh'), 'kq.pdf'),
    ]);
    expect(desk.statusCode).toBe(403);
    const pdf = await pdfOf(30_000, 'Giay khai sinh');
    const r = await h.upload('vanthu.hoankiem', url, [filePart(pdf, 'Giấy khai sinh.pdf')]);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file).toMatchObject({ purpose: 'result', componentId: null, kind: 'pdf' });
    const citizen = await h.upload('citizen:001194012345', url, [filePart(pdf, 'kq.pdf')]);
    expect(citizen.statusCode).toBe(401);
  });

  it('are hidden from the applicant until processing ends, then served to them', async () => {
    expect(await citizenSees()).toBe(0);
    const [file] = await rowsOf(d.id);
    expect((await api.get('citizen:001194012345', `/api/v1/files/${file!.id}`)).statusCode).toBe(404);
    await api.act('vanthu.hoankiem', d, 'issue_result');
    expect(await citizenSees()).toBe(1);
    expect((await api.get('citizen:001194012345', `/api/v1/files/${file!.id}`)).statusCode).toBe(200);
  });

  it('not after the dossier is returned (409 RESULT_NOT_EXPECTED)', async () => {
    const done = await journey(api, 'returned');
    const r = await h.upload('vanthu.hoankiem', `/api/v1/dossiers/${done.id}/results/files`, [
      filePart(await pdfOf(5000), 'kq.pdf'),
    ]);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.code).toBe('RESULT_NOT_EXPECTED');
  });
});

describe('a body built by fetch’s own FormData (undici), as a browser builds one', () => {
  it('is read the same way', async () => {
    const d = await journey(api, 'submitted');
    const c = await componentsOf(api, d.id);
    const pdf = await pdfOf(40_000, 'Don');
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'Đơn đề nghị.pdf');
    const encoded = new Response(form);
    const s = await api.as('motcua.hoankiem');
    const r = await api.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/components/${c.TK_KHAI_SINH!.id}/files`,
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { ...s.headers, 'content-type': encoded.headers.get('content-type') as string },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file).toMatchObject({ filename: 'Đơn đề nghị.pdf', sha256: sha(pdf), kind: 'pdf' });
  });
});

describe('streaming over a real socket', async () => {
  const d = await journey(api, 'submitted');
  const c = await componentsOf(api, d.id);
  const path = `/api/v1/dossiers/${d.id}/components/${c.GIAY_CHUNG_SINH!.id}/files`;
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (api.app.server.address() as AddressInfo).port;
  const session = await api.as('motcua.hoankiem');
  const connections = () => new Promise<number>((r) => api.app.server.getConnections((_e, n) => r(n)));
  /** The server holds no connection once the client has its answer (none left half-read). */
  async function drained() {
    for (let i = 0; i < 100 && (await connections()) > 0; i++) await sleep(20);
    return connections();
  }

  /**
   * Sends a multipart upload of `total` bytes of PDF in 64 KiB chunks, slowly once past the limit,
   * and stops when the response arrives; `abortAfter` cuts the connection after that many bytes.
   */
  async function send(total: number, opts: { contentLength?: boolean; abortAfter?: number } = {}) {
    const pdf = await pdfOf(total);
    const { payload, contentType } = multipartBody([filePart(pdf, 'scan.pdf')]);
    const headers: Record<string, string | number> = { ...session.headers, 'content-type': contentType };
    if (opts.contentLength) headers['content-length'] = payload.length;
    let status = 0;
    let responded = false;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers });
    const response = new Promise<string>((resolve, reject) => {
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        responded = true;
        let body = '';
        res.on('data', (b) => (body += b));
        res.on('end', () => resolve(body));
      });
      req.on('error', (e) => (opts.abortAfter !== undefined || responded ? resolve('') : reject(e)));
    });
    let sent = 0;
    for (let at = 0; at < payload.length && !responded; at += 64 * 1024) {
      if (opts.abortAfter !== undefined && at >= opts.abortAfter) {
        req.destroy();
        break;
      }
      const chunk = payload.subarray(at, at + 64 * 1024);
      if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      sent += chunk.length;
      if (sent > TEST_MAX_BYTES) await sleep(2);
    }
    if (!responded && opts.abortAfter === undefined) req.end();
    const body = await response;
    // the rest of the body is never sent: close the connection rather than leave it half-written
    req.destroy();
    return { status, body, sent, total: payload.length };
  }

  it('answers 413 while the body is still arriving (chunked, no Content-Length)', async () => {
    const r = await send(16 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('FILE_TOO_LARGE');
    expect(r.sent).toBeLessThan(r.total / 2);
    expect(h.tempFiles()).toEqual([]);
    expect(await drained()).toBe(0);
  });

  it('answers 413 before reading the body when Content-Length already says too much', async () => {
    const r = await send(4 * 1024 * 1024, { contentLength: true });
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(r.total / 2);
    expect(await drained()).toBe(0);
  });

  it('leaves no temp file and no row when the client goes away mid-file', async () => {
    const before = (await rowsOf(d.id)).length;
    await send(200 * 1024, { abortAfter: 128 * 1024 });
    for (let i = 0; i < 50 && h.tempFiles().length > 0; i++) await sleep(20);
    expect(h.tempFiles()).toEqual([]);
    expect((await rowsOf(d.id)).length).toBe(before);
  });
});

describe('dossier_files is append-only', () => {
  it('the application role may insert and read it, never change or remove a row', async () => {
    const d = await journey(api, 'submitted');
    const c = await componentsOf(api, d.id);
    const r = await h.upload(
      'motcua.hoankiem',
      `/api/v1/dossiers/${d.id}/components/${c.TK_KHAI_SINH!.id}/files`,
      [filePart(tinyPng(), 'to-khai.png', 'image/png')],
    );
    expect(r.statusCode, r.body).toBe(201);
    const failure = (q: string) =>
      sql
        .raw(q)
        .execute(t.appDb)
        .then(
          () => undefined,
          (e: { code?: string }) => e.code,
        );
    expect(await failure('update dossier_files set filename = filename')).toBe('42501');
    expect(await failure('delete from dossier_files')).toBe('42501');
    expect(await failure('select count(*) from dossier_files')).toBeUndefined();
    // and the owner is refused an UPDATE by the trigger of 0012
    const owner = await sql
      .raw('update dossier_files set filename = filename')
      .execute(t.db)
      .catch((e) => e);
    expect(owner).toMatchObject({ code: 'MC002' });
  });
});
