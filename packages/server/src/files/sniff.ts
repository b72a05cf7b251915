/**
 * What a file is, judged by its first bytes, never by its name (PITFALLS E5). The accepted types are
 * those a dossier carries: scans (PDF, JPEG, PNG, TIFF), office documents (DOCX, XLSX, ODT) and
 * signed e-documents (XML). Everything else is refused, and so is a file whose declared name or MIME
 * type claims something other than its content (an .exe renamed .pdf, a PNG named .pdf).
 *
 * Sniffing is a gate, not a validator: a PDF with a valid header may still be broken, and malware
 * scanning is a separate step. The office formats are ZIP containers; the decision reads the ZIP's
 * local headers in the head of the stream: ODF's first entry `mimetype` (stored, by the ODF spec),
 * OOXML's `[Content_Types].xml` (inflated with a size cap) and, when a producer writes that entry
 * last (System.IO.Packaging does), the main part's entry name.
 */
import { constants, inflateRawSync } from 'node:zlib';
import { fileErrors } from './errors.js';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'tiff' | 'docx' | 'xlsx' | 'odt' | 'xml';

export interface FileType {
  kind: FileKind;
  label: string;
  /** the MIME type MotCua records and serves */
  mimeType: string;
  extensions: readonly string[];
  /** MIME types a client may declare for it (browsers and scanners differ) */
  declaredMimeTypes: readonly string[];
}

// Some clients declare any ZIP container by its container type.
const ZIP_MIME = ['application/zip', 'application/x-zip-compressed'];
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODT_MIME = 'application/vnd.oasis.opendocument.text';

export const FILE_TYPES: Readonly<Record<FileKind, FileType>> = {
  pdf: {
    kind: 'pdf',
    label: 'PDF',
    mimeType: 'application/pdf',
    extensions: ['pdf'],
    declaredMimeTypes: ['application/pdf', 'application/x-pdf'],
  },
  jpeg: {
    kind: 'jpeg',
    label: 'JPEG',
    mimeType: 'image/jpeg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    declaredMimeTypes: ['image/jpeg', 'image/pjpeg', 'image/jpg'],
  },
  png: {
    kind: 'png',
    label: 'PNG',
    mimeType: 'image/png',
    extensions: ['png'],
    declaredMimeTypes: ['image/png', 'image/x-png'],
  },
  tiff: {
    kind: 'tiff',
    label: 'TIFF',
    mimeType: 'image/tiff',
    extensions: ['tif', 'tiff'],
    declaredMimeTypes: ['image/tiff', 'image/x-tiff'],
  },
  docx: {
    kind: 'docx',
    label: 'DOCX',
    mimeType: DOCX_MIME,
    extensions: ['docx'],
    declaredMimeTypes: [DOCX_MIME, ...ZIP_MIME],
  },
  xlsx: {
    kind: 'xlsx',
    label: 'XLSX',
    mimeType: XLSX_MIME,
    extensions: ['xlsx'],
    declaredMimeTypes: [XLSX_MIME, ...ZIP_MIME],
  },
  odt: {
    kind: 'odt',
    label: 'ODT',
    mimeType: ODT_MIME,
    extensions: ['odt'],
    declaredMimeTypes: [ODT_MIME, ...ZIP_MIME],
  },
  xml: {
    kind: 'xml',
    label: 'XML',
    mimeType: 'application/xml',
    extensions: ['xml'],
    declaredMimeTypes: ['application/xml', 'text/xml'],
  },
};

export const ALL_FILE_KINDS = Object.keys(FILE_TYPES) as FileKind[];

/** How much of the stream is read before deciding; the rest streams straight to the store. */
export const SNIFF_BYTES = 64 * 1024;

/** An accepted kind, or a short name of what else it looks like (for the error details and logs). */
export type Sniffed = { kind: FileKind; detected: FileKind } | { kind: null; detected: string };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const ok = (kind: FileKind): Sniffed => ({ kind, detected: kind });
const other = (detected: string): Sniffed => ({ kind: null, detected });

export function sniff(head: Uint8Array): Sniffed {
  // %PDF-1.7: the header at byte 0. Readers tolerate junk before it, we do not: junk before the
  // header is how polyglot files (an executable that is also a "PDF") are built.
  if (startsWith(head, ascii('%PDF-')) && head[5] !== undefined && head[5] >= 0x30 && head[5] <= 0x39)
    return ok('pdf');
  if (startsWith(head, [0xff, 0xd8, 0xff])) return ok('jpeg');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ok('png');
  // classic TIFF and BigTIFF, little- and big-endian
  if (
    startsWith(head, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(head, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])
  )
    return ok('tiff');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(head);
  if (startsWith(head, ascii('MZ'))) return other('pe-executable');
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return other('elf-executable');
  if (
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((s) => startsWith(head, s))
  )
    return other('mach-o-executable');
  // legacy .doc/.xls, and password-protected DOCX/XLSX (an encrypted OOXML is an OLE container)
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return other('ole-compound');
  if (startsWith(head, ascii('GIF8'))) return other('gif');
  if (startsWith(head, ascii('Rar!'))) return other('rar');
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return other('7z');
  if (startsWith(head, ascii('{\\rtf'))) return other('rtf');
  if (startsWith(head, ascii('#!'))) return other('script');
  const xml = sniffXml(head);
  if (xml) return xml === 'xml' ? ok('xml') : other(xml);
  return other('unknown');
}

/**
 * XML by its markup: optional UTF-8 BOM, prolog (declaration, comments, processing instructions),
 * then a root element. Refused look-alikes: HTML and SVG (they run scripts when opened in a
 * browser) and any DOCTYPE (no signed e-document needs a DTD, and a DTD is what XXE and entity
 * expansion attacks ride on when the signature is verified). UTF-16 XML is not accepted.
 */
function sniffXml(head: Uint8Array): string | null {
  let b = head;
  if (startsWith(b, [0xef, 0xbb, 0xbf])) b = b.subarray(3);
  if (b.includes(0)) return null;
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const rest = text.slice(i, i + 16);
    if (rest.startsWith('<?')) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (rest.startsWith('<!--')) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return null;
      i = end + 3;
    } else if (/^<!doctype/i.test(rest)) {
      return /^<!doctype\s+html/i.test(text.slice(i, i + 32)) ? 'html' : 'xml-with-doctype';
    } else {
      const root = /^<([A-Za-z_][\w.:-]*)[\s/>]/.exec(text.slice(i, i + 256));
      if (!root) return null;
      const local = (root[1]!.split(':').pop() ?? '').toLowerCase();
      return local === 'html' ? 'html' : local === 'svg' ? 'svg' : 'xml';
    }
  }
}

const OOXML_MAIN: Record<string, string> = {
  [`${DOCX_MIME}.main+xml`]: 'docx',
  [`${XLSX_MIME}.main+xml`]: 'xlsx',
  'application/vnd.ms-word.document.macroEnabled.main+xml': 'docm',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml': 'xlsm',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml': 'dotx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml': 'xltx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': 'pptx',
};
// Inflating [Content_Types].xml from a 64 KiB head: cap the output, a tiny deflate stream can
// claim gigabytes (a zip bomb aimed at the sniffer).
const MAX_INFLATE = 512 * 1024;
const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/** Walks the ZIP local file headers present in the head. */
function sniffZip(head: Uint8Array): Sniffed {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const names: string[] = [];
  let at = 0;
  for (
    let entries = 0;
    entries < 500 && at + 30 <= head.length && startsWith(head, LOCAL_HEADER, at);
    entries++
  ) {
    const flags = view.getUint16(at + 6, true);
    const method = view.getUint16(at + 8, true);
    const size = view.getUint32(at + 18, true);
    const nameLen = view.getUint16(at + 26, true);
    const extraLen = view.getUint16(at + 28, true);
    const dataAt = at + 30 + nameLen + extraLen;
    if (dataAt > head.length) break;
    const name = Buffer.from(head.subarray(at + 30, at + 30 + nameLen)).toString('utf8');
    if (flags & 1) return other('zip-encrypted');
    // bit 3: sizes follow the data (streamed producers); 0xffffffff: ZIP64
    const sizeKnown = (flags & 8) === 0 && size !== 0xffffffff;
    const data = head.subarray(dataAt, sizeKnown ? Math.min(head.length, dataAt + size) : head.length);
    if (entries === 0 && name === 'mimetype' && method === 0 && sizeKnown) {
      const mime = Buffer.from(data).toString('ascii').trim();
      return mime === ODT_MIME ? ok('odt') : other(`odf:${mime.slice(0, 80)}`);
    }
    if (name === '[Content_Types].xml') {
      const verdict = contentTypesVerdict(method, data);
      if (verdict) return verdict === 'docx' || verdict === 'xlsx' ? ok(verdict) : other(verdict);
    }
    names.push(name);
    if (sizeKnown) at = dataAt + size;
    else {
      // Unknown length: the next entry starts at the next local-header signature.
      const next = Buffer.from(head.buffer, head.byteOffset, head.byteLength).indexOf(
        Buffer.from(LOCAL_HEADER),
        dataAt,
      );
      if (next < 0) break;
      at = next;
    }
  }
  // [Content_Types].xml not in the head: judge by the main part's entry, refusing macro projects.
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return other('ooxml-macro');
  const word = names.includes('word/document.xml');
  const excel = names.includes('xl/workbook.xml');
  if (word !== excel) return ok(word ? 'docx' : 'xlsx');
  return other('zip');
}

/** The document type [Content_Types].xml declares, or null if the head holds too little of it. */
function contentTypesVerdict(method: number, data: Uint8Array): string | null {
  let xml: string;
  try {
    const bytes =
      method === 0
        ? data
        : method === 8
          ? inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_INFLATE })
          : null;
    if (!bytes) return null;
    xml = Buffer.from(bytes).toString('utf8');
  } catch {
    return null;
  }
  // Macros anywhere in the package are refused, whatever the main part claims.
  if (/macroEnabled|vbaProject/i.test(xml)) return 'ooxml-macro';
  const found = new Set(
    [...xml.matchAll(/ContentType\s*=\s*"([^"]+)"/g)]
      .map((m) => OOXML_MAIN[m[1]!])
      .filter((k): k is string => k !== undefined),
  );
  return found.size === 1 ? [...found][0]! : found.size > 1 ? 'ooxml-ambiguous' : null;
}

export interface DeclaredFile {
  filename?: string | null;
  mimeType?: string | null;
}

/** Declarations that say nothing: what browsers send for an unknown type. */
const NO_CLAIM = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

export function extensionOf(filename: string | null | undefined): string | null {
  const base = (filename ?? '').split(/[/\\]/).pop()!.trim();
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
  return ext === '' ? null : ext;
}

export function normaliseMimeType(mimeType: string | null | undefined): string | null {
  const m = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  return NO_CLAIM.has(m) ? null : m;
}

/**
 * The accepted type of a file from its head and its declaration, or a DomainError:
 * FILE_EMPTY; FILE_TYPE_MISMATCH when the declared extension or MIME type names another type than
 * the content (or names an accepted type the content is not); FILE_TYPE_NOT_ALLOWED otherwise.
 * A declaration that says nothing (no extension, application/octet-stream) never disagrees.
 */
export function checkFileType(
  head: Uint8Array,
  declared: DeclaredFile,
  allowed: readonly FileKind[] = ALL_FILE_KINDS,
): FileType {
  if (head.length === 0) throw fileErrors.empty();
  const found = sniff(head);
  const extension = extensionOf(declared.filename);
  const mimeType = normaliseMimeType(declared.mimeType);
  const labels = allowed.map((k) => FILE_TYPES[k].label);
  if (found.kind === null || !allowed.includes(found.kind)) {
    const claimsAllowed = allowed.some(
      (k) =>
        (extension !== null && FILE_TYPES[k].extensions.includes(extension)) ||
        (mimeType !== null && FILE_TYPES[k].declaredMimeTypes.includes(mimeType)),
    );
    if (claimsAllowed) throw fileErrors.typeMismatch(found.detected, { extension, mimeType });
    throw fileErrors.typeNotAllowed(found.detected, labels);
  }
  const type = FILE_TYPES[found.kind];
  if (
    (extension !== null && !type.extensions.includes(extension)) ||
    (mimeType !== null && !type.declaredMimeTypes.includes(mimeType))
  )
    throw fileErrors.typeMismatch(found.detected, { extension, mimeType });
  return type;
}
