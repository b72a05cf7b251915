import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
    readonly messageVi: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'ImportFileError';
  }
}

export interface ImportFile {
  name: string;
  sha256: string;
  text: string;
}

/**
 * Reads an import file: gzip is unpacked by its magic bytes, the text must be UTF-8 (the line of
 * the first bad byte is reported — a CP1258 or UTF-16 export is a common mistake), a BOM is
 * dropped, line endings are normalised and text is put in Unicode NFC so codes and names compare.
 */
export function readImportFile(file: string): ImportFile {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      file,
      null,
      `cannot read the file (${code ?? String(e)})`,
      `không đọc được tệp (${code ?? String(e)})`,
    );
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch {
      throw new ImportFileError(file, null, 'the gzip data is corrupt', 'dữ liệu nén gzip bị hỏng');
    }
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))
    throw new ImportFileError(
      file,
      1,
      'the file is UTF-16; save it as UTF-8',
      'tệp mã hóa UTF-16; hãy lưu lại dạng UTF-8',
    );
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    throw new ImportFileError(
      file,
      firstBadLine(buf),
      'the file is not valid UTF-8 (save it as UTF-8)',
      'tệp không đúng mã UTF-8 (hãy lưu lại dạng UTF-8)',
    );
  }
  return { name: path.basename(file), sha256, text: normaliseText(text) };
}

function normaliseText(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return t.replace(/\r\n?/g, '\n').normalize('NFC');
}

/** An uploaded text (already decoded by the HTTP layer) as an import file. */
export function importFileFromText(name: string, text: string): ImportFile {
  return { name, sha256: createHash('sha256').update(text).digest('hex'), text: normaliseText(text) };
}

function firstBadLine(buf: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      try {
        decoder.decode(buf.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
