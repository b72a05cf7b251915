/**
 * What the files tests share: the dossier API harness on a real app whose blob store is a fresh
 * temporary folder, and multipart bodies written byte by byte as a browser sends them (raw UTF-8
 * in the filename parameter, as the HTML standard's form encoding does).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, expect } from 'vitest';
import { testApp } from '../../test/app.js';
import type { TestDatabase } from '../../test/db.js';
import { Api, clockAt, DEMO_FORM_SAMPLES, type Dossier } from '../dossiers/test-helpers.js';

export type Part =
  | { name: string; value: string }
  | { name: string; filename: string | null; contentType?: string; data: Buffer };

export function multipartBody(
  parts: readonly Part[],
  boundary = `----motcua${randomBytes(8).toString('hex')}`,
) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      'data' in p
        ? `Content-Disposition: form-data; name="${p.name}"${p.filename === null ? '' : `; filename="${p.filename}"`}\r\n` +
          `Content-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`
        : `Content-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}`, 'utf8'));
    chunks.push('data' in p ? p.data : Buffer.from(p.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The limit the files tests run with: small, so an oversized file is quick to build. */
export const TEST_MAX_BYTES = 256 * 1024;

export interface FilesHarness {
  api: Api;
  filesDir: string;
  /** files in the store's temp folder (an upload in progress or one that failed to clean up) */
  tempFiles(): string[];
  /** blobs in the store */
  blobCount(): number;
  upload(
    user: string,
    url: string,
    parts: readonly Part[],
    idempotencyKey?: string,
  ): Promise<LightMyRequestResponse>;
}

export async function filesHarness(t: TestDatabase, start: number): Promise<FilesHarness> {
  const filesDir = mkdtempSync(path.join(tmpdir(), 'motcua-files-'));
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));
  const clock = clockAt(start);
  const app = await testApp(
    t.appDb,
    {
      PUBLIC_URL: 'https://dichvucong.hanoi.example.vn',
      MOTCUA_FILES_DIR: filesDir,
      MOTCUA_UPLOAD_MAX_BYTES: String(TEST_MAX_BYTES),
    },
    { clock: clock.now },
  );
  const api = new Api(app, t.db, clock);
  const list = (dir: string) => {
    try {
      return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    } catch {
      return [];
    }
  };
  return {
    api,
    filesDir,
    tempFiles: () => list(path.join(filesDir, 'tmp')).map((d) => d.name),
    blobCount: () =>
      list(filesDir).filter((d) => !d.parentPath.startsWith(path.join(filesDir, 'tmp'))).length,
    async upload(user, url, parts, idempotencyKey) {
      const s = await api.as(user);
      const body = multipartBody(parts);
      return api.app.inject({
        method: 'POST',
        url,
        payload: body.payload,
        headers: {
          ...s.headers,
          'content-type': body.contentType,
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
      });
    },
  };
}

/** A PDF part named as a browser names it. */
export const filePart = (data: Buffer, filename: string | null, contentType = 'application/pdf'): Part => ({
  name: 'file',
  filename,
  contentType,
  data,
});

/** The competent agency's identifier of a counter dossier (for an online submission to the same). */
export async function competentIdentifier(api: Api, dossierId: number): Promise<string> {
  const r = await api.db
    .selectFrom('dossiers as d')
    .innerJoin('agencies as a', 'a.id', 'd.competent_agency_id')
    .select('a.identifier')
    .where('d.id', '=', dossierId)
    .executeTakeFirstOrThrow();
  return r.identifier;
}

/** A birth registration submitted online by a demo citizen to `competentAgency`; status submitted. */
export async function submitOnline(api: Api, citizen: string, competentAgency: string) {
  const r = await api.post(`citizen:${citizen}`, '/api/v1/citizen/dossiers', {
    tenant: 'ha-noi',
    procedureCode: '1.001193',
    competentAgency,
    documents: [{ code: 'TK_KHAI_SINH', provided: false }],
    formData: DEMO_FORM_SAMPLES['1.001193'],
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier as Dossier;
}

/** The dossier's components by document code. */
export async function componentsOf(api: Api, dossierId: number) {
  const rows = await api.db
    .selectFrom('dossier_components')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.document_code ?? `extra-${r.id}`, r]));
}
