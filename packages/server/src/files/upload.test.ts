import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { chunked, peHeader, tinyDocx, tinyPdf } from '../test/file-fixtures.js';
import { SNIFF_BYTES } from './sniff.js';
import { LocalBlobStore } from './store.js';
import { cleanFilename, peek, receiveUpload } from './upload.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
function freshStore(): LocalBlobStore {
  const root = mkdtempSync(path.join(tmpdir(), 'motcua-upload-'));
  roots.push(root);
  return new LocalBlobStore(root, { maxBytes: 50 * 1024 * 1024 });
}
const blobCount = (store: LocalBlobStore) =>
  readdirSync(store.rootDir, { recursive: true, withFileTypes: true }).filter(
    (d) => d.isFile() && !d.parentPath.startsWith(store.tempDir),
  ).length;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError');
}

/** A PDF padded past the sniffing window, so the stored file is more than the peeked head. */
async function bigPdf(bytes: number): Promise<Buffer> {
  const pdf = await tinyPdf();
  return Buffer.concat([pdf, Buffer.alloc(bytes - pdf.length, 0x20)]);
}

describe('receiveUpload', () => {
  it('sniffs, hashes and stores a real PDF streamed in small chunks', async () => {
    const store = freshStore();
    const pdf = await bigPdf(300_000);
    const got = await receiveUpload(
      store,
      { stream: chunked(pdf, 7_000), filename: 'Đơn đề nghị.pdf', mimeType: 'application/pdf' },
      { maxBytes: 1024 * 1024 },
    );
    expect(got).toEqual({
      sha256: sha(pdf),
      size: pdf.length,
      created: true,
      kind: 'pdf',
      mimeType: 'application/pdf',
      filename: 'Đơn đề nghị.pdf',
    });
    expect((await buffer(store.get(got.sha256))).equals(pdf)).toBe(true);
  });

  it('peeks at the head only: the rest of the stream is not read before the type is decided', async () => {
    let pulled = 0;
    const pdf = await bigPdf(1024 * 1024);
    async function* source() {
      for (let i = 0; i < pdf.length; i += 8192) {
        pulled++;
        yield pdf.subarray(i, i + 8192);
      }
    }
    const peeked = await peek(source(), SNIFF_BYTES);
    expect(peeked.head.length).toBe(SNIFF_BYTES);
    expect(pulled).toBe(SNIFF_BYTES / 8192);
    expect((await buffer(Readable.from(peeked.stream))).equals(pdf)).toBe(true);
    expect(pulled).toBe(128);
  });

  it('refuses an executable renamed .pdf before storing anything, and stops reading it', async () => {
    const store = freshStore();
    const exe = Buffer.concat([peHeader(), Buffer.alloc(2 * SNIFF_BYTES)]);
    const stream = chunked(exe, 4096);
    expect(
      await refusal(
        receiveUpload(
          store,
          { stream, filename: 'hoa-don.pdf', mimeType: 'application/pdf' },
          { maxBytes: 1e6 },
        ),
      ),
    ).toBe('FILE_TYPE_MISMATCH');
    expect(stream.destroyed).toBe(true);
    expect(readdirSync(store.rootDir)).toEqual([]);
  });

  it('refuses an empty file and a file just over the limit, leaving no temp file', async () => {
    const store = freshStore();
    expect(
      await refusal(
        receiveUpload(store, { stream: Readable.from([]), filename: 'a.pdf' }, { maxBytes: 1000 }),
      ),
    ).toBe('FILE_EMPTY');
    const limit = 200_000;
    const over = await bigPdf(limit + 1);
    expect(
      await refusal(
        receiveUpload(store, { stream: chunked(over, 10_000), filename: 'a.pdf' }, { maxBytes: limit }),
      ),
    ).toBe('FILE_TOO_LARGE');
    expect(blobCount(store)).toBe(0);
    expect(readdirSync(store.tempDir)).toEqual([]);
    const exact = await bigPdf(limit);
    expect(
      (await receiveUpload(store, { stream: chunked(exact), filename: 'a.pdf' }, { maxBytes: limit })).size,
    ).toBe(limit);
  });

  it('stores one blob when the same document is uploaded twice at once', async () => {
    const store = freshStore();
    const docx = tinyDocx();
    const both = await Promise.all(
      ['to-khai.docx', 'to-khai (1).docx'].map((filename) =>
        receiveUpload(store, { stream: chunked(docx, 100), filename }, { maxBytes: 1e6 }),
      ),
    );
    expect(both.map((r) => r.sha256)).toEqual([sha(docx), sha(docx)]);
    expect(both.map((r) => r.filename)).toEqual(['to-khai.docx', 'to-khai (1).docx']);
    expect(both.filter((r) => r.created)).toHaveLength(1);
    expect(blobCount(store)).toBe(1);
    expect(readdirSync(store.tempDir)).toEqual([]);
  });

  it('honours the allowed kinds of the upload', async () => {
    const store = freshStore();
    expect(
      await refusal(
        receiveUpload(
          store,
          { stream: chunked(tinyDocx()), filename: 'a.docx' },
          { maxBytes: 1e6, allowed: ['pdf'] },
        ),
      ),
    ).toBe('FILE_TYPE_NOT_ALLOWED');
  });
});

describe('cleanFilename', () => {
  it.each([
    ['C:\\fakepath\\Đơn.pdf', 'Đơn.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['Đơn'.normalize('NFD') + '.pdf', 'Đơn.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['scan.pdf. . ', 'scan.pdf'],
    ['a\u0000b\r\n.pdf', 'ab.pdf'],
    ['..', null],
    ['', null],
    [null, null],
  ])('%j → %j', (raw, clean) => {
    expect(cleanFilename(raw)).toBe(clean);
  });

  it('shortens a long name and keeps its extension', () => {
    const name = cleanFilename(`${'Giấy tờ '.repeat(50)}.docx`)!;
    expect(name.length).toBe(200);
    expect(name.endsWith('.docx')).toBe(true);
  });
});
