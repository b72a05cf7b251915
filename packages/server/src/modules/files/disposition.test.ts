import { describe, expect, it } from 'vitest';
import { asciiFallback, contentDisposition, downloadName } from './disposition.js';

describe('Content-Disposition of a download', () => {
  it('sends a plain ASCII name as it is', () => {
    expect(contentDisposition('attachment', 'to-khai.pdf')).toBe('attachment; filename="to-khai.pdf"');
  });

  it('sends a Vietnamese name as UTF-8 (RFC 8187) with an unaccented fallback', () => {
    expect(contentDisposition('inline', 'Đơn đề nghị (bản chính).pdf')).toBe(
      `inline; filename="Don de nghi (ban chinh).pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B%20%28b%E1%BA%A3n%20ch%C3%ADnh%29.pdf`,
    );
  });

  it('never lets a quote, a backslash or a percent sign break the header', () => {
    expect(asciiFallback('a"b\\c%d.pdf')).toBe('a_b_c_d.pdf');
    expect(contentDisposition('attachment', 'a"b.pdf')).toBe(
      `attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`,
    );
  });

  it('names a file without a name, or without an extension, by its detected type', () => {
    expect(downloadName(null, 'png', 'tep-12')).toBe('tep-12.png');
    expect(downloadName('scan', 'tiff', 'x')).toBe('scan.tif');
    expect(downloadName('scan.pdf', 'pdf', 'x')).toBe('scan.pdf');
  });
});
