import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { chunked } from '../test/file-fixtures.js';
import { LocalBlobStore } from './store.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function freshStore(maxBytes = 1024 * 1024): LocalBlobStore {
  const root = mkdtempSync(path.join(tmpdir(), 'motcua-blobs-'));
  roots.push(root);
  return new LocalBlobStore(root, { maxBytes });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every regular file under the root, relative (blobs and leftovers alike). */
function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('LocalBlobStore', () => {
  it('stores a stream under ab/cd/<sha256> and reads it back', async () => {
    const store = freshStore();
    const data = randomBytes(200_000);
    const put = await store.put(chunked(data, 4096));
    expect(put).toEqual({ sha256: sha(data), size: data.length, created: true });
    expect(filesUnder(store.rootDir)).toEqual([
      path.join(put.sha256.slice(0, 2), put.sha256.slice(2, 4), put.sha256),
    ]);
    expect(await store.has(put.sha256)).toBe(true);
    expect((await buffer(store.get(put.sha256))).equals(data)).toBe(true);
    expect(readFileSync(store.pathOf(put.sha256)).equals(data)).toBe(true);
  });

  it('keeps one copy of identical content (dedupe)', async () => {
    const store = freshStore();
    const data = Buffer.from('Giấy chứng nhận quyền sử dụng đất');
    const first = await store.put(chunked(data, 5));
    const second = await store.put(Readable.from([data]));
    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    expect(filesUnder(store.rootDir)).toHaveLength(1);
  });

  it('ends with one blob when the same content is uploaded concurrently', async () => {
    const store = freshStore(8 * 1024 * 1024);
    const data = randomBytes(3 * 1024 * 1024);
    const results = await Promise.all(Array.from({ length: 4 }, () => store.put(chunked(data, 64 * 1024))));
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha(data)]));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(filesUnder(store.rootDir)).toEqual([path.relative(store.rootDir, store.pathOf(sha(data)))]);
  });

  it('accepts exactly the limit and refuses one byte more, leaving nothing behind', async () => {
    const store = freshStore(100_000);
    expect((await store.put(chunked(Buffer.alloc(100_000, 1), 3000))).size).toBe(100_000);
    const over = chunked(Buffer.alloc(100_001, 2), 3000);
    expect(await errorCode(store.put(over))).toBe('FILE_TOO_LARGE');
    expect(over.destroyed).toBe(true); // the upload is cut off, not read to the end
    expect(filesUnder(store.rootDir)).toHaveLength(1);
    expect(readdirSync(store.tempDir)).toEqual([]);
  });

  it('stops reading as soon as the limit is passed', async () => {
    const store = freshStore(10_000);
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield Buffer.alloc(1000);
      }
    }
    expect(await errorCode(store.put(endless(), { maxBytes: 5_000 }))).toBe('FILE_TOO_LARGE');
    expect(pulled).toBe(6);
    expect(readdirSync(store.tempDir)).toEqual([]);
  });

  it('cleans up the temp file when the source fails mid-way', async () => {
    const store = freshStore();
    async function* broken() {
      yield Buffer.alloc(10_000, 3);
      throw new Error('connection reset by the client');
    }
    await expect(store.put(broken())).rejects.toThrow('connection reset');
    expect(filesUnder(store.rootDir)).toEqual([]);
  });

  it('answers FILE_NOT_FOUND for a missing blob and refuses names that are not a hash', async () => {
    const store = freshStore();
    const missing = sha(Buffer.from('never stored'));
    expect(await store.has(missing)).toBe(false);
    expect(await errorCode(buffer(store.get(missing)))).toBe('FILE_NOT_FOUND');
    for (const bad of ['../../etc/passwd', missing.toUpperCase(), `${missing}0`, ''])
      expect(() => store.get(bad)).toThrow(DomainError);
    expect(await errorCode(store.has('../x'))).toBe('FILE_HASH_INVALID');
  });

  it('deletes a blob (idempotently)', async () => {
    const store = freshStore();
    const { sha256 } = await store.put(Readable.from([Buffer.from('x')]));
    await store.delete(sha256);
    expect(await store.has(sha256)).toBe(false);
    await store.delete(sha256);
  });

  it('stores an empty stream (the upload layer refuses empty files, the store does not care)', async () => {
    const store = freshStore();
    expect(await store.put(Readable.from([]))).toEqual({
      sha256: sha(Buffer.alloc(0)),
      size: 0,
      created: true,
    });
  });

  it('sweeps temp files a crashed process left behind, not live ones', async () => {
    const store = freshStore();
    await store.put(Readable.from([Buffer.from('creates the temp dir')]));
    const stale = path.join(store.tempDir, 'crashed.part');
    const live = path.join(store.tempDir, 'live.part');
    writeFileSync(stale, 'half');
    writeFileSync(live, 'half');
    const now = Date.now();
    utimesSync(stale, new Date(now - 48 * 3600_000), new Date(now - 48 * 3600_000));
    expect(await store.removeStaleTemp(now)).toBe(1);
    expect(readdirSync(store.tempDir)).toEqual(['live.part']);
  });
});
