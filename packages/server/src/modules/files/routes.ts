/**
 * The files API: uploads to a dossier's components and results (multipart/form-data, streamed),
 * the list and the bytes of a dossier's files, the receiving officer's "digitised" mark, and the
 * citizen's data store with reuse. Access to a file is always access to its dossier.
 *
 * @fastify/multipart is registered inside this plugin only, so no other route accepts multipart.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.js';
import type { Config } from '../../config.js';
import { type BlobStore, LocalBlobStore } from '../../files/store.js';
import { ErrorResponse, IdParams } from '../../http/schemas.js';
import { requesterOf } from '../dossiers/authorize.js';
import * as dataStore from './data-store.js';
import { contentDisposition, downloadName } from './disposition.js';
import { type ReceiveUpload, readUpload } from './multipart.js';
import {
  CitizenDocumentList,
  CitizenDocumentQuery,
  CitizenDocumentView,
  ComponentParams,
  ComponentUploadFields,
  ComponentView,
  DocumentFields,
  DocumentIdParams,
  DossierFileList,
  DossierFileView,
  FileIdParams,
  FileQuery,
  NoFields,
  ReuseBody,
  UploadResponse,
} from './schemas.js';
import * as service from './service.js';

/**
 * The store files live in. Local disk today; an S3-compatible store implements the same
 * BlobStore interface (files/store.ts) and is chosen here when configured.
 */
export function blobStoreFor(config: Config): BlobStore {
  return new LocalBlobStore(config.filesDir, { maxBytes: config.uploadMaxBytes });
}

const meta = (req: FastifyRequest) => ({ requestId: req.id, ip: req.ip });

/** Uploads take an Idempotency-Key too; optional here (service.ts UploadKey says why and how). */
const UploadHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 200,
      pattern: '^[\\w.:-]+$',
      description:
        'a fresh id per file the user attaches (e.g. a UUID); a retry with the same key and file returns the first answer and attaches nothing twice',
    }),
  ),
});

/** The key bound to who sent it and where, as the dossier actions bind theirs. */
function uploadKey(req: FastifyRequest): service.UploadKey | null {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string') return null;
  const who = req.auth
    ? `staff:${req.auth.staffId}`
    : req.citizen
      ? `citizen:${req.citizen.id}`
      : 'anonymous';
  return { key: `${who}:upload:${key}`, path: req.url.split('?')[0] ?? '' };
}

const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
};

const MULTIPART = {
  consumes: ['multipart/form-data'],
  description:
    'multipart/form-data: the text fields first, then one file in the field "file". The type is decided from the content (PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, XML), never from the name; a name or declared type that disagrees with the content is refused (415).',
};

/** How long the rest of a refused upload is read and discarded before the connection is cut. */
const LINGER_MS = 2000;

/** Only what PDF viewers and image decoders render is ever shown inline; the rest is downloaded. */
const INLINE_KINDS = new Set(['pdf', 'png', 'jpeg']);

function sendContent(
  req: FastifyRequest,
  reply: FastifyReply,
  f: { sha256: string; size: number; kind: string; mimeType: string; filename: string | null },
  fallbackName: string,
  disposition: 'attachment' | 'inline' | undefined,
  stream: () => NodeJS.ReadableStream,
) {
  const etag = `"${f.sha256}"`;
  const type = disposition === 'inline' && INLINE_KINDS.has(f.kind) ? 'inline' : 'attachment';
  // A stored file is never a page of ours: no script, form or frame even if a browser renders it.
  // Browsers' PDF viewers refuse to run in a sandboxed document, so an inline PDF goes without it.
  const csp = type === 'inline' && f.kind === 'pdf' ? "default-src 'none'" : "default-src 'none'; sandbox";
  reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', csp);
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply
    .type(f.mimeType)
    .header('content-length', f.size)
    .header('content-disposition', contentDisposition(type, downloadName(f.filename, f.kind, fallbackName)))
    .send(stream());
}

export const fileRoutes: FastifyPluginAsyncTypebox<AppDeps & { store?: BlobStore }> = async (app, deps) => {
  const { db, config } = deps;
  const store = deps.store ?? blobStoreFor(config);
  const fd: service.FileDeps = { store, now: deps.clock ?? Date.now };
  await app.register(multipart, { limits: { files: 1, fileSize: config.uploadMaxBytes + 1 } });

  // temp files of uploads a crash cut short (a live upload's is minutes old, not a day); the
  // system clock, not deps.clock: it is compared with the files' modification times
  if (store instanceof LocalBlobStore)
    app.addHook('onReady', async () => {
      await store
        .removeStaleTemp(Date.now())
        .catch((e: Error) => app.log.warn({ err: e }, 'could not clean the file store temp folder'));
    });

  // An upload refused before its end (too large, wrong type, not allowed) leaves the rest of the
  // body unread on a paused socket, which would hold the connection until a timeout. After the
  // answer, read and discard what still arrives and half-close (the client sees the end); cut
  // the connection after a short while. A plain close with unread bytes would reset the
  // connection, and a client still sending would lose the answer (RFC 9112 §9.6, lingering close).
  app.addHook('onResponse', async (req) => {
    if (!req.isMultipart() || req.raw.readableEnded) return;
    const socket = req.raw.socket;
    req.raw.resume();
    if (typeof socket?.end !== 'function') return;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });

  const receiver =
    <F>(req: FastifyRequest, fields: TSchema): ReceiveUpload<F> =>
    (check) =>
      readUpload<F>(req, { store, maxBytes: config.uploadMaxBytes, fields, ...(check ? { check } : {}) });

  app.post(
    '/api/v1/dossiers/:id/components/:componentId/files',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['files'],
        summary:
          'Đính kèm tệp vào thành phần hồ sơ (cán bộ tiếp nhận, chuyên viên; người nộp khi hồ sơ chưa được tiếp nhận hoặc đang bổ sung) — attach a file to a component',
        ...MULTIPART,
        headers: UploadHeaders,
        params: ComponentParams,
        response: { 201: UploadResponse, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.uploadComponentFile(
            db,
            fd,
            requesterOf(req),
            req.params.id,
            req.params.componentId,
            receiver(req, ComponentUploadFields),
            uploadKey(req),
          ),
        ),
  );

  app.post(
    '/api/v1/dossiers/:id/results/files',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['files'],
        summary: 'Đính kèm tệp kết quả giải quyết (cơ quan có thẩm quyền) — attach a result file',
        ...MULTIPART,
        headers: UploadHeaders,
        params: IdParams,
        response: { 201: UploadResponse, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.uploadResultFile(
            db,
            fd,
            req.auth!,
            req.params.id,
            receiver(req, NoFields),
            uploadKey(req),
          ),
        ),
  );

  app.get(
    '/api/v1/dossiers/:id/files',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['files'],
        summary: 'Các tệp của hồ sơ (thành phần, kết quả; tái sử dụng từ kho dữ liệu) — the dossier’s files',
        params: IdParams,
        response: { 200: DossierFileList, 404: ErrorResponse },
      },
    },
    async (req) => service.listDossierFiles(db, requesterOf(req), req.params.id),
  );

  app.get(
    '/api/v1/files/:fileId',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['files'],
        summary: 'Nội dung tệp (kiểu theo nội dung thực) — a file’s bytes',
        params: FileIdParams,
        querystring: FileQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          404: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const c = await service.dossierFileContent(db, fd, requesterOf(req), req.params.fileId);
      return sendContent(req, reply, c.file, `tep-${c.file.id}`, req.query.disposition, c.stream);
    },
  );

  app.post(
    '/api/v1/dossiers/:id/components/:componentId/digitised',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['files'],
        summary:
          'Đánh dấu thành phần hồ sơ đã số hóa (cán bộ một cửa của cơ quan tiếp nhận; một lần) — mark digitised',
        params: ComponentParams,
        response: { 200: Type.Object({ component: ComponentView }), ...errorResponses },
      },
    },
    async (req) => service.markDigitised(db, fd, req.auth!, req.params.id, req.params.componentId, meta(req)),
  );

  app.get(
    '/api/v1/citizen/documents',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['files'],
        summary:
          'Kho dữ liệu điện tử của tôi: giấy tờ và kết quả điện tử (lọc còn hiệu lực vào một ngày) — my data store',
        querystring: CitizenDocumentQuery,
        response: { 200: CitizenDocumentList },
      },
    },
    async (req) => dataStore.listCitizenDocuments(db, fd, req.citizen!.id, req.query),
  );

  app.post(
    '/api/v1/citizen/documents',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['files'],
        summary: 'Lưu một giấy tờ vào kho dữ liệu của tôi — keep a document in my data store',
        ...MULTIPART,
        response: { 201: Type.Object({ document: CitizenDocumentView }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await dataStore.uploadCitizenDocument(db, fd, req.citizen!.id, receiver(req, DocumentFields))),
  );

  app.get(
    '/api/v1/citizen/documents/:documentId/content',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['files'],
        summary: 'Nội dung một giấy tờ trong kho dữ liệu của tôi — a stored document’s bytes',
        params: DocumentIdParams,
        querystring: FileQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 404: ErrorResponse },
      },
    },
    async (req, reply) => {
      const c = await dataStore.citizenDocumentContent(db, fd, req.citizen!.id, req.params.documentId);
      const d = c.document;
      return sendContent(
        req,
        reply,
        { sha256: d.sha256, size: d.size, kind: d.fileKind, mimeType: d.mimeType, filename: d.filename },
        d.name,
        req.query.disposition,
        c.stream,
      );
    },
  );

  app.post(
    '/api/v1/dossiers/:id/components/:componentId/reuse',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['files'],
        summary:
          'Dùng lại giấy tờ trong kho dữ liệu cho thành phần hồ sơ (không phải tải lên lại) — reuse a stored document',
        params: ComponentParams,
        body: ReuseBody,
        response: { 201: Type.Object({ file: DossierFileView }), ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await dataStore.reuseDocument(
            db,
            fd,
            req.citizen!.id,
            req.params.id,
            req.params.componentId,
            req.body.documentId,
          ),
        ),
  );
};
