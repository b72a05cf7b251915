/**
 * Receiving one uploaded file: peek at the first bytes to decide what it is (sniff.ts), then stream
 * the head and the rest into the blob store, which hashes, counts and enforces the size limit.
 * Memory per upload is the peeked head (SNIFF_BYTES, plus at most one chunk), whatever the file size.
 *
 * Takes any Node Readable, e.g. the `file` stream @fastify/multipart gives. A refused file's stream
 * is destroyed rather than drained, so a large refused upload is not read to the end.
 */
import type { Readable } from 'node:stream';
import { checkFileType, type FileKind, SNIFF_BYTES } from './sniff.js';
import type { BlobStore, StoredBlob } from './store.js';

export interface UploadInput {
  stream: Readable | AsyncIterable<Uint8Array | string>;
  /** the name the client declared (multipart `filename`) */
  filename?: string | null;
  /** the MIME type the client declared (multipart `mimetype`) */
  mimeType?: string | null;
}

export interface UploadOptions {
  maxBytes: number;
  /** the kinds this upload accepts (per procedure document, say); default: every accepted kind */
  allowed?: readonly FileKind[];
  /** bytes read before deciding the type; default SNIFF_BYTES */
  sniffBytes?: number;
}

export interface ReceivedFile extends StoredBlob {
  kind: FileKind;
  /** the MIME type of the detected content, which is what MotCua serves, not the declared one */
  mimeType: string;
  /** the declared name, cleaned for display (cleanFilename) */
  filename: string | null;
}

const toBytes = (c: Uint8Array | string): Uint8Array => (typeof c === 'string' ? Buffer.from(c) : c);

export interface Peeked {
  head: Uint8Array;
  /** the whole stream again: the peeked chunks, then the rest as it arrives */
  stream: AsyncIterable<Uint8Array>;
  /** gives up on the rest: destroys the source */
  cancel(): Promise<void>;
}

/** Reads at least `bytes` bytes (or the whole stream when shorter) without losing any. */
export async function peek(source: AsyncIterable<Uint8Array | string>, bytes: number): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  while (total < bytes) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const chunk = toBytes(r.value);
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  const joined = Buffer.concat(chunks);
  const cancel = async () => {
    if (!ended) {
      ended = true;
      await it.return?.();
    }
  };
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* chunks;
      while (!ended) {
        const r = await it.next();
        if (r.done) {
          ended = true;
          return;
        }
        yield toBytes(r.value);
      }
    } finally {
      // the consumer stopped early (size limit, store failure): stop the source too
      await cancel();
    }
  }
  return { head: joined.subarray(0, bytes), stream: replay(), cancel };
}

// Control (Cc) and format (Cf) characters: line breaks and NULs, and the bidirectional overrides
// that let "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
const CONTROL = /[\p{Cc}\p{Cf}]/gu;

/**
 * The declared name, fit to show and to offer on download: NFC (macOS sends decomposed Vietnamese),
 * no path (old browsers send C:\fakepath\…), no control or bidi characters, no trailing dots or
 * spaces, at most 200 characters with the extension kept. Null when nothing is left.
 */
export function cleanFilename(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = base
    .replace(CONTROL, '')
    .trim()
    .replace(/[. ]+$/, '');
  if (name === '' || /^\.+$/.test(name)) return null;
  if (name.length <= 200) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return name.slice(0, 200 - ext.length) + ext;
}

/**
 * Checks the type from the head and the declaration, then stores the stream. Throws DomainError
 * FILE_EMPTY, FILE_TYPE_NOT_ALLOWED, FILE_TYPE_MISMATCH (before storing anything) or
 * FILE_TOO_LARGE (from the store, which leaves nothing behind).
 */
export async function receiveUpload(
  store: BlobStore,
  input: UploadInput,
  options: UploadOptions,
): Promise<ReceivedFile> {
  const filename = cleanFilename(input.filename);
  const peeked = await peek(input.stream, options.sniffBytes ?? SNIFF_BYTES);
  let type: ReturnType<typeof checkFileType>;
  try {
    type = checkFileType(peeked.head, { filename, mimeType: input.mimeType }, options.allowed);
  } catch (e) {
    await peeked.cancel();
    throw e;
  }
  const stored = await store.put(peeked.stream, { maxBytes: options.maxBytes });
  return { ...stored, kind: type.kind, mimeType: type.mimeType, filename };
}
