/**
 * Content-Disposition for a download (RFC 6266): an ASCII `filename` for old clients and the real
 * name as `filename*` in UTF-8 (RFC 8187, formerly 5987), so "Giấy chứng sinh.pdf" arrives as
 * itself and an old client still gets "Giay chung sinh.pdf", never mojibake.
 */
import { extensionOf, FILE_TYPES, type FileKind } from '../../files/sniff.js';

// attr-char of RFC 8187: encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow
const encodeExtValue = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The name without diacritics (đ → d), every other non-printable-ASCII character and quote as _. */
export function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/**
 * The name offered on download: the cleaned upload name (upload.ts cleanFilename), or
 * `<fallback>.<ext>` when there is none; a name without an extension gets the detected type's.
 */
export function downloadName(filename: string | null, kind: string, fallback: string): string {
  const ext = (FILE_TYPES as Record<string, (typeof FILE_TYPES)[FileKind] | undefined>)[kind]?.extensions[0];
  const base = filename ?? fallback;
  return extensionOf(base) === null && ext ? `${base}.${ext}` : base;
}

export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const ascii = asciiFallback(name);
  return ascii === name
    ? `${type}; filename="${name}"`
    : `${type}; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
