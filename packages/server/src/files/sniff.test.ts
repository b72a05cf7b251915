import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  contentTypes,
  DOCM_MAIN,
  docxEntries,
  elfHeader,
  peHeader,
  signedXml,
  tinyDocx,
  tinyJpeg,
  tinyOdt,
  tinyPdf,
  tinyPng,
  tinyTiff,
  tinyXlsx,
  zip,
} from '../test/file-fixtures.js';
import {
  checkFileType,
  type DeclaredFile,
  extensionOf,
  type FileKind,
  normaliseMimeType,
  sniff,
} from './sniff.js';

function refusal(head: Uint8Array, declared: DeclaredFile, allowed?: readonly FileKind[]) {
  try {
    checkFileType(head, declared, allowed);
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, status: e.status, ...e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

const fixtures: [FileKind, string, string, () => Buffer | Promise<Buffer>][] = [
  ['pdf', 'Don de nghi.pdf', 'application/pdf', tinyPdf],
  ['png', 'anh-the.png', 'image/png', tinyPng],
  ['jpeg', 'CCCD mat truoc.JPG', 'image/jpeg', tinyJpeg],
  ['tiff', 'scan-0001.tif', 'image/tiff', tinyTiff],
  [
    'docx',
    'to-khai.docx',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    tinyDocx,
  ],
  ['xlsx', 'danh-sach.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', tinyXlsx],
  ['odt', 'to-khai.odt', 'application/vnd.oasis.opendocument.text', tinyOdt],
  ['xml', 'giay-to-ky-so.xml', 'text/xml', signedXml],
];

describe('content sniffing: the accepted types', () => {
  it.each(fixtures)('recognises a real %s file', async (kind, filename, mimeType, make) => {
    const bytes = await make();
    expect(sniff(bytes)).toEqual({ kind, detected: kind });
    expect(checkFileType(bytes, { filename, mimeType }).kind).toBe(kind);
    // a declaration that says nothing never disagrees
    expect(
      checkFileType(bytes, { filename: 'tep-khong-duoi', mimeType: 'application/octet-stream' }).kind,
    ).toBe(kind);
    expect(checkFileType(bytes, {}).kind).toBe(kind);
  });

  it('reads the ZIP local headers, not the name: a DOCX is a DOCX under any ZIP MIME type', () => {
    expect(
      checkFileType(tinyDocx(), { filename: 'x.docx', mimeType: 'application/x-zip-compressed' }).kind,
    ).toBe('docx');
  });

  it('recognises DOCX from streaming producers (sizes after the data) and with [Content_Types].xml last', () => {
    expect(sniff(zip(docxEntries(), { descriptors: true })).kind).toBe('docx');
    const [types, ...rest] = docxEntries();
    expect(sniff(zip([...rest, types!])).kind).toBe('docx');
    expect(sniff(zip([...rest, types!], { descriptors: true })).kind).toBe('docx');
  });

  it('judges only the head it is given: a DOCX whose first 64 KiB are a big stored image still passes', () => {
    const [types, rels, doc] = docxEntries();
    const big = zip([
      doc!,
      { name: 'word/media/image1.png', data: Buffer.alloc(200_000, 7), store: true },
      rels!,
      types!,
    ]);
    expect(sniff(big.subarray(0, 64 * 1024)).kind).toBe('docx');
  });
});

describe('content sniffing: refusals', () => {
  it('refuses an ELF or PE executable disguised as .pdf as a mismatch, naming what it is', () => {
    expect(refusal(elfHeader(), { filename: 'don.pdf', mimeType: 'application/pdf' })).toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      status: 415,
      detected: 'elf-executable',
      declared: { extension: 'pdf', mimeType: 'application/pdf' },
    });
    expect(refusal(peHeader(), { filename: 'don.pdf' })).toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      detected: 'pe-executable',
    });
    // only the MIME type lies
    expect(refusal(peHeader(), { filename: 'setup', mimeType: 'application/pdf' }).code).toBe(
      'FILE_TYPE_MISMATCH',
    );
  });

  it('refuses an executable that says what it is as not allowed', () => {
    expect(
      refusal(peHeader(), { filename: 'setup.exe', mimeType: 'application/x-msdownload' }),
    ).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      detected: 'pe-executable',
    });
  });

  it('refuses an accepted type declared as another one', async () => {
    expect(refusal(tinyPng(), { filename: 'don.pdf' })).toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      detected: 'png',
    });
    expect(refusal(await tinyPdf(), { filename: 'don.pdf', mimeType: 'image/png' }).code).toBe(
      'FILE_TYPE_MISMATCH',
    );
    expect(refusal(tinyDocx(), { filename: 'bang.xlsx' }).code).toBe('FILE_TYPE_MISMATCH');
    // double extension: the last one counts
    expect(refusal(await tinyPdf(), { filename: 'don.pdf.exe' }).code).toBe('FILE_TYPE_MISMATCH');
  });

  it('refuses macro-enabled, encrypted, generic and other ZIP containers', () => {
    const docm = zip(docxEntries(DOCM_MAIN));
    expect(refusal(docm, { filename: 'to-khai.docx' })).toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      detected: 'ooxml-macro',
    });
    expect(refusal(docm, { filename: 'to-khai.docm' }).code).toBe('FILE_TYPE_NOT_ALLOWED');
    const withVba = zip([...docxEntries().slice(1), { name: 'word/vbaProject.bin', data: Buffer.alloc(64) }]);
    expect(sniff(withVba)).toEqual({ kind: null, detected: 'ooxml-macro' });
    expect(sniff(zip(docxEntries(), { encrypted: true })).detected).toBe('zip-encrypted');
    expect(sniff(zip([{ name: 'a.txt', data: 'x' }]))).toEqual({ kind: null, detected: 'zip' });
    expect(sniff(tinyOdt('application/vnd.oasis.opendocument.spreadsheet')).detected).toBe(
      'odf:application/vnd.oasis.opendocument.spreadsheet',
    );
    const pptx = zip([
      {
        name: '[Content_Types].xml',
        data: contentTypes(
          'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
        ),
      },
    ]);
    expect(sniff(pptx).detected).toBe('pptx');
  });

  it('does not inflate a zip bomb posing as [Content_Types].xml', () => {
    const bomb = zip([{ name: '[Content_Types].xml', data: Buffer.alloc(50 * 1024 * 1024, 0x41) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const started = Date.now();
    expect(sniff(bomb)).toEqual({ kind: null, detected: 'zip' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses HTML, SVG and XML with a DTD, whatever they are called', () => {
    const html = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>');
    expect(refusal(html, { filename: 'giay-to.xml' })).toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      detected: 'html',
    });
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    );
    expect(sniff(svg).detected).toBe('svg');
    const xxe = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
    );
    expect(sniff(xxe).detected).toBe('xml-with-doctype');
    expect(sniff(Buffer.from('hello <b>')).detected).toBe('unknown');
  });

  it('refuses a PDF header that is not at byte 0 (polyglots)', async () => {
    const pdf = await tinyPdf();
    expect(sniff(Buffer.concat([Buffer.from('junk\n'), pdf])).kind).toBe(null);
    expect(sniff(Buffer.from('%PDF-x')).kind).toBe(null);
  });

  it('refuses an empty file with FILE_EMPTY', () => {
    expect(refusal(Buffer.alloc(0), { filename: 'don.pdf' })).toMatchObject({
      code: 'FILE_EMPTY',
      status: 400,
    });
  });

  it('applies the allowed list of the upload', async () => {
    const pdf = await tinyPdf();
    expect(checkFileType(pdf, { filename: 'a.pdf' }, ['pdf']).kind).toBe('pdf');
    expect(refusal(tinyDocx(), { filename: 'a.docx' }, ['pdf'])).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      allowed: ['PDF'],
    });
    expect(refusal(tinyDocx(), { filename: 'a.pdf' }, ['pdf']).code).toBe('FILE_TYPE_MISMATCH');
  });

  it('reads declarations loosely where clients differ and strictly where they lie', () => {
    expect(extensionOf('C:\\fakepath\\Đơn.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBe(null);
    expect(extensionOf('a.tar.gz')).toBe('gz');
    expect(normaliseMimeType(' Application/PDF; charset=binary')).toBe('application/pdf');
    expect(normaliseMimeType('application/octet-stream')).toBe(null);
    expect(normaliseMimeType(undefined)).toBe(null);
  });
});
