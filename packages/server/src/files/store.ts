/**
 * Content-addressed blob storage: a file is stored once under its SHA-256, whoever uploads it and
 * however often. The hash is computed while the bytes stream in, so nothing holds a whole file in
 * memory and the recorded hash is the hash of exactly what was stored.
 *
 * `BlobStore` is the seam for S3-compatible storage: an S3 store can stream to a temporary key
 * (multipart upload) while hashing, then copy to `ab/cd/<sha256>` server-side when the key is new,
 * the same protocol as the local store's temp file and link.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileErrors } from './errors.js';

export interface StoredBlob {
  /** lower-case hex SHA-256 of the stored bytes */
  sha256: string;
  size: number;
  /** false when an identical blob was already stored (dedupe) */
  created: boolean;
}

export interface PutOptions {
  /** refuse with FILE_TOO_LARGE beyond this many bytes; default: the store's limit */
  maxBytes?: number;
}

export interface BlobStore {
  /** Consumes the stream; on any failure nothing is left behind and the source is destroyed. */
  put(source: AsyncIterable<Uint8Array | string>, options?: PutOptions): Promise<StoredBlob>;
  /** The blob's bytes; the stream fails with FILE_NOT_FOUND when there is none. */
  get(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
  /**
   * Removes a blob. Blobs are shared by every dossier that uploaded the same bytes, so only a
   * collector that has checked no row still references the hash may call this.
   */
  delete?(sha256: string): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEMP_DIR = 'tmp';

const errno = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code;

export interface LocalBlobStoreOptions {
  /** default size limit of put() */
  maxBytes: number;
}

/**
 * Blobs on local disk at `<root>/ab/cd/<sha256>`, written through `<root>/tmp/` (same file
 * system, so the final step is atomic). A blob appears complete or not at all: the temp file is
 * fsynced, then hard-linked to its final name, which never replaces an existing blob; the
 * directory entry is fsynced too.
 */
export class LocalBlobStore implements BlobStore {
  readonly maxBytes: number;

  constructor(
    readonly rootDir: string,
    options: LocalBlobStoreOptions,
  ) {
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 0)
      throw new RangeError(`maxBytes must be a non-negative integer, got ${options.maxBytes}`);
    this.maxBytes = options.maxBytes;
  }

  /** The blob's path; refuses anything but a hex digest (the name reaches the file system). */
  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw fileErrors.invalidHash(sha256);
    return path.join(this.rootDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  get tempDir(): string {
    return path.join(this.rootDir, TEMP_DIR);
  }

  async put(source: AsyncIterable<Uint8Array | string>, options: PutOptions = {}): Promise<StoredBlob> {
    const maxBytes = options.maxBytes ?? this.maxBytes;
    await mkdir(this.tempDir, { recursive: true });
    const temp = path.join(this.tempDir, `${randomUUID()}.part`);
    const fh = await open(temp, 'wx', 0o640);
    let closed = false;
    try {
      const hash = createHash('sha256');
      let size = 0;
      // Leaving this loop by a throw calls the iterator's return(), which destroys a Readable source:
      // an oversized upload is cut off instead of being read to the end.
      for await (const chunk of source) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.byteLength;
        if (size > maxBytes) throw fileErrors.tooLarge(maxBytes);
        hash.update(bytes);
        for (let off = 0; off < bytes.byteLength; ) {
          const { bytesWritten } = await fh.write(bytes, off, bytes.byteLength - off);
          off += bytesWritten;
        }
      }
      await fh.sync();
      await fh.close();
      closed = true;
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await mkdir(path.dirname(final), { recursive: true });
      const outcome = await this.publish(temp, final, size);
      await syncDir(path.dirname(final));
      return { sha256, size, created: outcome !== 'existing' };
    } finally {
      if (!closed) await fh.close().catch(() => {});
      // after a link the temp name is a second name of the blob; after a rename it is gone
      await unlink(temp).catch((e) => (errno(e) === 'ENOENT' ? undefined : Promise.reject(e)));
    }
  }

  /**
   * link() fails with EEXIST instead of replacing, so the first copy of a blob stays and two
   * concurrent uploads of the same bytes end as one file. A file system without hard links
   * falls back to rename(), which replaces atomically (the content is identical by construction).
   */
  private async publish(
    temp: string,
    final: string,
    size: number,
  ): Promise<'linked' | 'renamed' | 'existing'> {
    try {
      await link(temp, final);
      return 'linked';
    } catch (e) {
      if (errno(e) === 'EEXIST') {
        // Same name means same hash; a size that differs can only be damage done outside MotCua,
        // and the fresh copy repairs it.
        if ((await stat(final)).size === size) return 'existing';
      } else if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK'].includes(errno(e) ?? '')) throw e;
      await rename(temp, final);
      return 'renamed';
    }
  }

  get(sha256: string): Readable {
    const file = this.pathOf(sha256);
    async function* read() {
      let fh: Awaited<ReturnType<typeof open>>;
      try {
        fh = await open(file, 'r');
      } catch (e) {
        throw errno(e) === 'ENOENT' ? fileErrors.notFound(sha256) : e;
      }
      // the read stream closes the handle when it ends or is destroyed
      yield* fh.createReadStream();
    }
    return Readable.from(read(), { objectMode: false });
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (e) {
      if (errno(e) === 'ENOENT') return false;
      throw e;
    }
  }

  async delete(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((e) => (errno(e) === 'ENOENT' ? undefined : Promise.reject(e)));
  }

  /**
   * Removes temp files a crashed process left behind (a live upload's temp file is younger than
   * any sensible `maxAgeMs`). `now` is passed in, like every clock read in MotCua.
   */
  async removeStaleTemp(now: number, maxAgeMs = 24 * 3600_000): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tempDir);
    } catch (e) {
      if (errno(e) === 'ENOENT') return 0;
      throw e;
    }
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const file = path.join(this.tempDir, name);
      const info = await stat(file).catch(() => null);
      if (info && now - info.mtimeMs > maxAgeMs) {
        await unlink(file).catch(() => {});
        removed++;
      }
    }
    return removed;
  }
}

/** fsync a directory so a new entry survives a crash (POSIX); other systems cannot and need not. */
async function syncDir(dir: string): Promise<void> {
  let fh: Awaited<ReturnType<typeof open>> | null = null;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (e) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes(errno(e) ?? '')) throw e;
  } finally {
    await fh?.close().catch(() => {});
  }
}
