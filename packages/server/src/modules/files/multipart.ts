/**
 * Reading one uploaded file from a multipart/form-data request as a stream (@fastify/multipart,
 * stream mode): the text fields come first and are checked before a byte of the file is stored;
 * then the file streams through receiveUpload (type from the magic bytes, SHA-256, size limit)
 * into the blob store. Memory stays at the sniffed head whatever the file size (PITFALLS E5).
 *
 * The size limit is enforced three times over: a declared Content-Length beyond the limit is
 * refused before the body is read at all; the store counts the bytes and stops the stream at the
 * first byte past the limit; busboy's own limit (one byte further) is only a backstop, since a
 * file it truncates would otherwise end as if complete.
 */

import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyRequest } from 'fastify';
import { DomainError, errors } from '../../errors.js';
import { fileErrors } from '../../files/errors.js';
import type { BlobStore } from '../../files/store.js';
import { type ReceivedFile, receiveUpload } from '../../files/upload.js';

/** Room for the boundaries, part headers and the few short fields beside the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 4096;
const FILE_FIELD = 'file';

export interface Upload<F> {
  fields: F;
  file: ReceivedFile;
}

/**
 * Reads the request's file: handed to a service as the step between its checks and its writes.
 * `check` is the service's rule across the fields, run before any byte is stored.
 */
export type ReceiveUpload<F> = (check?: (fields: F) => void) => Promise<Upload<F>>;

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
addFormats.default(ajv);
const validators = new WeakMap<TSchema, ValidateFunction>();

function checkFields<F>(schema: TSchema, fields: Record<string, string>): F {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  if (validate(fields)) return fields as F;
  const issues = (validate.errors ?? []).map((e) => ({
    path: `/fields${e.instancePath}`,
    rule: e.keyword,
    message: e.message ?? '',
    params: e.params,
  }));
  throw errors.validation(
    { issues },
    `Invalid upload fields: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    'Thông tin kèm theo tệp không hợp lệ: vui lòng kiểm tra các trường dữ liệu',
  );
}

const uploadError = (code: string, message: string, messageVi: string, details = {}) =>
  new DomainError(400, code, message, messageVi, details);

/** @fastify/multipart's and busboy's failures, in MotCua's words. */
function translate(e: unknown, maxBytes: number): unknown {
  if (e instanceof DomainError) return e;
  const code = (e as { code?: string } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileErrors.tooLarge(maxBytes);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return multipartRequired();
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return tooManyParts();
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return malformed((e as Error).message);
  }
  // a request closed early, and busboy's parse errors (which have no code)
  if (code === 'FST_MP_PREMATURE_CLOSE') return malformed((e as Error).message);
  if (e instanceof Error && !code && /multipart|terminated early|boundary/i.test(e.message))
    return malformed(e.message);
  return e;
}

const multipartRequired = () =>
  new DomainError(
    415,
    'MULTIPART_REQUIRED',
    'Send the file as multipart/form-data',
    'Tệp phải được gửi dưới dạng multipart/form-data',
  );
const tooManyParts = () =>
  uploadError(
    'UPLOAD_ONE_FILE',
    `Send one file (field "${FILE_FIELD}") and at most ${MAX_FIELDS} short fields`,
    `Mỗi lần chỉ gửi một tệp (trường "${FILE_FIELD}") và tối đa ${MAX_FIELDS} trường thông tin`,
  );
const malformed = (reason: string) =>
  uploadError(
    'MULTIPART_MALFORMED',
    'The multipart body is malformed or incomplete',
    'Dữ liệu tải lên bị lỗi hoặc không đầy đủ',
    {
      reason,
    },
  );

/**
 * Reads the one file of `req` into `store`. Fields must precede the file (as a form lists them);
 * a field after it, a second file or a file under another name is refused. Nothing is stored
 * when the fields are wrong; when the file is refused (type, size) the store keeps nothing of it.
 */
export async function readUpload<F>(
  req: FastifyRequest,
  opts: {
    store: BlobStore;
    maxBytes: number;
    fields: TSchema;
    /** checks across fields (dates in order, say), run before the file is stored */
    check?: (fields: F) => void;
  },
): Promise<Upload<F>> {
  if (!req.isMultipart()) throw multipartRequired();
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > opts.maxBytes + MULTIPART_OVERHEAD_BYTES)
    throw fileErrors.tooLarge(opts.maxBytes);
  const raw: Record<string, string> = Object.create(null);
  let fields: F | undefined;
  let file: ReceivedFile | undefined;
  try {
    const parts = req.parts({
      limits: {
        files: 1,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        fieldNameSize: 100,
        parts: MAX_FIELDS + 1,
        headerPairs: 20,
        fileSize: opts.maxBytes + 1,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (file || fields)
          throw uploadError(
            'UPLOAD_FIELD_AFTER_FILE',
            'Send the fields before the file',
            'Các trường thông tin phải được gửi trước tệp',
            { field: part.fieldname },
          );
        // a part declared application/json arrives parsed: only plain text fields are taken
        if (part.valueTruncated || part.fieldnameTruncated || typeof part.value !== 'string')
          throw uploadError(
            'UPLOAD_FIELD_INVALID',
            `Field ${part.fieldname} must be plain text of at most ${MAX_FIELD_BYTES} bytes`,
            `Trường ${part.fieldname} phải là văn bản, dài không quá ${MAX_FIELD_BYTES} byte`,
            { field: part.fieldname },
          );
        if (part.fieldname in raw)
          throw uploadError(
            'UPLOAD_FIELD_REPEATED',
            `Field ${part.fieldname} is sent twice`,
            `Trường ${part.fieldname} bị gửi hai lần`,
            {
              field: part.fieldname,
            },
          );
        raw[part.fieldname] = part.value.normalize('NFC').trim();
        continue;
      }
      if (part.fieldname !== FILE_FIELD) {
        part.file.destroy();
        throw tooManyParts();
      }
      try {
        fields = checkFields<F>(opts.fields, { ...raw });
        opts.check?.(fields);
      } catch (e) {
        part.file.destroy();
        throw e;
      }
      file = await receiveUpload(
        opts.store,
        { stream: part.file, filename: part.filename, mimeType: part.mimetype },
        { maxBytes: opts.maxBytes },
      );
      if (part.file.truncated) throw fileErrors.tooLarge(opts.maxBytes);
    }
  } catch (e) {
    throw translate(e, opts.maxBytes);
  }
  if (!file || fields === undefined)
    throw uploadError(
      'FILE_REQUIRED',
      `The request carries no file (field "${FILE_FIELD}")`,
      `Yêu cầu không kèm tệp (trường "${FILE_FIELD}")`,
    );
  return { fields, file };
}
