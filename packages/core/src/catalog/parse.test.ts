import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractResultCodes,
  joinApplicantFragments,
  normalizeMultiline,
  normalizeText,
  parseChannel,
  parseQuantity,
  parseTimeUnit,
  vietnameseNameKey,
} from './parse.js';

describe('normalizeText', () => {
  it('composes NFD Vietnamese, collapses whitespace and trims', () => {
    const nfd = 'Ho\u0300a  Bi\u0300nh\n\t'.normalize('NFD');
    expect(normalizeText(` ${nfd}`)).toBe('Hòa Bình');
  });

  it('is idempotent and leaves no double or edge whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).toBe(once.normalize('NFC'));
        expect(once).not.toMatch(/\s\s|^\s|\s$/u);
      }),
    );
  });
});

describe('normalizeMultiline', () => {
  it('keeps line breaks but trims lines and squeezes blank runs', () => {
    expect(normalizeMultiline('Bước 1:  nộp \r\n\r\n\r\n  Bước 2:\tnhận ')).toBe(
      'Bước 1: nộp\n\nBước 2: nhận',
    );
  });
});

describe('vietnameseNameKey', () => {
  it('ignores tone placement and case', () => {
    expect(vietnameseNameKey('Hoà Bình')).toBe(vietnameseNameKey('Hòa Bình'));
    expect(vietnameseNameKey('Thuỷ')).toBe(vietnameseNameKey('Thủy'));
    expect(vietnameseNameKey('xã Bắc Sơn')).toBe(vietnameseNameKey('Xã Bắc Sơn'));
    expect(vietnameseNameKey('Thanh Hoá')).toBe(vietnameseNameKey('Thanh Hóa'));
  });

  it('keeps vowel quality and different tones apart', () => {
    expect(vietnameseNameKey('Phó Bảng')).not.toBe(vietnameseNameKey('Phố Bảng'));
    expect(vietnameseNameKey('Hòa')).not.toBe(vietnameseNameKey('Hóa'));
  });

  it('does not depend on where the tone mark sits within a syllable', () => {
    const tones = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    fc.assert(
      fc.property(fc.constantFrom('oa', 'oe', 'uy'), fc.constantFrom(...tones), (pair, tone) => {
        const first = `h${pair[0]}${tone}${pair[1]}`;
        const second = `h${pair[0]}${pair[1]}${tone}`;
        expect(vietnameseNameKey(first)).toBe(vietnameseNameKey(second));
      }),
    );
  });
});

describe('parseTimeUnit / parseChannel', () => {
  it('maps the portal vocabulary', () => {
    expect(parseTimeUnit('Ngày làm việc')).toBe('working_days');
    expect(parseTimeUnit('Ngày')).toBe('calendar_days');
    expect(parseTimeUnit('Giờ')).toBe('working_hours');
    expect(parseTimeUnit('Tháng')).toBe('months');
    expect(parseTimeUnit(' ngày  làm việc ')).toBe('working_days');
    expect(parseChannel('Trực tiếp')).toBe('direct');
    expect(parseChannel('Trực tuyến')).toBe('online');
    expect(parseChannel('Dịch vụ bưu chính')).toBe('postal');
  });

  it('returns null for missing or unknown values instead of a default', () => {
    for (const raw of ['(unit missing)', '', 'Tuần', 'constructor', 'toString']) {
      expect(parseTimeUnit(raw)).toBeNull();
      expect(parseChannel(raw)).toBeNull();
    }
  });
});

describe('parseQuantity', () => {
  it.each([
    ['1 bản chính', 1, 0, 0],
    ['0 bản chính,1 bản sao', 0, 0, 1],
    ['1 bản chính, 1 bản sao chứng thực', 1, 1, 0],
    ['01 bản chính và 01 bản sao', 1, 0, 1],
    ['03 bản chính', 3, 0, 0],
    ['1 bản chính,7 bản sao', 1, 0, 7],
    ['0 bản chính', 0, 0, 0],
    ['2 bản sao có chứng thực', 0, 2, 0],
  ])('%s', (raw, originals, certifiedCopies, copies) => {
    expect(parseQuantity(raw)).toEqual({ originals, certifiedCopies, copies, raw, ambiguous: false });
  });

  it('flags counts glued to the end of the document name and keeps the displayed digit', () => {
    expect(parseQuantity('20261 bản chính,1 bản sao')).toMatchObject({
      originals: 1,
      copies: 1,
      ambiguous: true,
    });
    expect(parseQuantity('181 bản chính,1 bản sao')).toMatchObject({ originals: 1, ambiguous: true });
    expect(parseQuantity('0061781 bản chính')).toMatchObject({ originals: 1, ambiguous: true });
    expect(parseQuantity('11 bản chính').ambiguous).toBe(true);
  });

  it('flags text it does not understand', () => {
    expect(parseQuantity('')).toMatchObject({ originals: 0, copies: 0, ambiguous: true });
    expect(parseQuantity('một bộ')).toMatchObject({ ambiguous: true, raw: 'một bộ' });
    expect(parseQuantity('1 bản chính hoặc bản điện tử').ambiguous).toBe(true);
    expect(parseQuantity('1 bản chính, 2 bản chính').ambiguous).toBe(true);
  });

  it('reads any well-formed combination exactly', () => {
    const count = fc.integer({ min: 0, max: 9 });
    fc.assert(
      fc.property(count, count, count, fc.boolean(), (o, c, s, pad) => {
        const n = (x: number) => (pad ? `0${x}` : `${x}`);
        const raw = `${n(o)} bản chính,${n(s)} bản sao, ${n(c)} bản sao chứng thực`;
        expect(parseQuantity(raw)).toEqual({
          originals: o,
          certifiedCopies: c,
          copies: s,
          raw,
          ambiguous: false,
        });
      }),
    );
  });

  it('never throws and always keeps the normalised raw text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const q = parseQuantity(s);
        expect(q.raw).toBe(normalizeText(s));
        expect(Number.isInteger(q.originals + q.copies + q.certifiedCopies)).toBe(true);
      }),
    );
  });
});

describe('extractResultCodes', () => {
  it('finds national codes even when the next word is glued on', () => {
    expect(extractResultCodes('Quyết định lần 1, lần 2Mã: KQ.G01.00262')).toEqual(['KQ.G01.00262']);
    expect(extractResultCodes('Mã: KQ.G07.000122Văn bản Mã: KQ.g07.000123 KQ.G07.000122')).toEqual([
      'KQ.G07.000122',
      'KQ.G07.000123',
    ]);
    expect(extractResultCodes('Mã: KQ.H11.000045Từ khóa')).toEqual(['KQ.H11.000045']);
  });

  it('ignores agency-internal codes', () => {
    expect(extractResultCodes('Quyết định hành chínhMã: 000.00.00.G11-KQ1711')).toEqual([]);
    expect(extractResultCodes('')).toEqual([]);
  });

  it('finds every generated code embedded in text', () => {
    const code = fc
      .tuple(fc.constantFrom('G', 'H'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999_999 }))
      .map(([l, a, b]) => `KQ.${l}${String(a).padStart(2, '0')}.${String(b).padStart(6, '0')}`);
    fc.assert(
      fc.property(fc.uniqueArray(code, { maxLength: 5 }), (codes) => {
        expect(extractResultCodes(codes.map((c) => `Giấy phépMã: ${c}Từ khóa`).join('\n'))).toEqual(codes);
      }),
    );
  });
});

describe('joinApplicantFragments', () => {
  it('re-joins fragments split inside parentheses and lower-case continuations', () => {
    expect(
      joinApplicantFragments([
        'Tổ chức (không bao gồm doanh nghiệp',
        'HTX)',
        'Công dân Việt Nam',
        'Cán bộ',
        'công chức',
        'viên chức',
      ]),
    ).toEqual([
      'Tổ chức (không bao gồm doanh nghiệp, HTX)',
      'Công dân Việt Nam',
      'Cán bộ, công chức, viên chức',
    ]);
  });

  it('loses no text', () => {
    const part = fc.constantFrom('Doanh nghiệp', 'HTX)', 'Tổ chức (A', 'công chức', 'Người nước ngoài');
    fc.assert(
      fc.property(fc.array(part), (parts) => {
        expect(joinApplicantFragments(parts).join(', ')).toBe(parts.join(', '));
      }),
    );
  });
});
