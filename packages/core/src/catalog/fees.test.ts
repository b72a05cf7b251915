import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFees } from './fees.js';

describe('parseFees', () => {
  it('reads a plain amount in the portal format', () => {
    expect(parseFees('2,000,000 Việt Nam Đồng')).toEqual({
      items: [{ label: null, amountVnd: 2_000_000, free: false, text: '2,000,000 Việt Nam Đồng' }],
      note: '',
      ambiguous: false,
    });
  });

  it('keeps an amount whose description agrees with it and splits off the glued note', () => {
    const r = parseFees('70,000 VNĐ(70.000 đồng/Giấy chứng nhận)Nộp hồ sơ trực tiếp tại Sở Tư pháp.');
    expect(r.items).toEqual([
      { label: null, amountVnd: 70_000, free: false, text: '70,000 VNĐ(70.000 đồng/Giấy chứng nhận)' },
    ]);
    expect(r.note).toBe('Nộp hồ sơ trực tiếp tại Sở Tư pháp.');
    expect(r.ambiguous).toBe(false);
    expect(parseFees('2,000,000 VNĐ(* Theo Thông tư 25/2022/TT-BTC: 02 triệu đồng/lần cấp.)').ambiguous).toBe(
      false,
    );
  });

  it('takes a label from the description', () => {
    const r = parseFees('100,000 VNĐ(Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần)');
    expect(r.items[0]).toMatchObject({
      label: 'Phí công bố nội dung đăng ký doanh nghiệp',
      amountVnd: 100_000,
    });
  });

  it('reads free procedures', () => {
    for (const text of [
      'Miễn phí',
      'Miễn phí(Không)',
      'Miễn phí(Không quy định.)',
      'Miễn phí(Không thu lệ phí)',
    ]) {
      const r = parseFees(text);
      expect(r.ambiguous).toBe(false);
      expect(r.items).toEqual([{ label: null, amountVnd: null, free: true, text }]);
    }
    expect(parseFees('Miễn phí06 ngày làm việc, kể từ ngày nhận đủ hồ sơ')).toMatchObject({
      items: [{ free: true, text: 'Miễn phí' }],
      note: '06 ngày làm việc, kể từ ngày nhận đủ hồ sơ',
      ambiguous: false,
    });
  });

  it('has no fee item when the portal has no fee information', () => {
    expect(parseFees('Không có thông tin(1) Trường hợp giao nộp mẫu vật')).toEqual({
      items: [],
      note: '(1) Trường hợp giao nộp mẫu vật',
      ambiguous: false,
    });
  });

  it('does not quantify fees set by a People’s Council', () => {
    const r = parseFees('Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)');
    expect(r.ambiguous).toBe(true);
    expect(r.items[0]).toMatchObject({ amountVnd: null, free: false });
    expect(r.items[0]?.text).toContain('Hội đồng nhân dân');
    expect(parseFees('50,000 VNĐ(Theo mức do HĐND cấp tỉnh quy định)').items[0]?.amountVnd).toBeNull();
  });

  it('keeps the amount when only some groups of people are exempt', () => {
    const r = parseFees(
      '8,000 VNĐ(8.000 đồng/Văn bản. Miễn lệ phí cho người thuộc hộ nghèo; người khuyết tật.)',
    );
    expect(r).toMatchObject({ ambiguous: false, items: [{ amountVnd: 8000 }] });
    expect(parseFees('Miễn phí(Miễn lệ phí (Thông tư số 47/2019/TT-BTC))')).toMatchObject({
      ambiguous: false,
      items: [{ free: true }],
    });
  });

  it('does not call a fee free when the note says someone else sets or charges it', () => {
    for (const text of [
      'Miễn phí(do Ủy ban nhân dân cấp tỉnh quy định.)',
      'Miễn phí(Trả phí cho đơn vị cung cấp dịch vụ.)',
    ]) {
      expect(parseFees(text), text).toMatchObject({
        ambiguous: true,
        items: [{ free: false, amountVnd: null }],
      });
    }
  });

  it('does not quantify percentages, rates or contradicting amounts', () => {
    for (const text of [
      'VNĐ(- Lệ phí đăng ký doanh nghiệp: Bằng 50% mức thu lệ phí quy định)',
      '275,000 VNĐ(275.000 đ/tấn)',
      '20,000,000 Việt Nam Đồng((áp dụng mức phí 10.000.000 đồng/hồ sơ đến hết ngày 31/12/2026))',
      '15,000,000 VNĐ(đồng (Miễn phí từ ngày 07/4/2026 đến 30/6/2026 theo Thông tư 40/2026/TT-BTC)',
      '200,000 Việt Nam Đồng(200.000 đồng/ hộ chiếu. Cấp lại do bị mất: 400.000đ/hộ chiếu)',
      '2,500,000 Việt Nam Đồng(Phí : Đồng (Từ ngày 01/7/2025 đến hết ngày 31/12/2026 áp dụng theo Thông tư 64/2025))',
    ]) {
      const r = parseFees(text);
      expect(r.ambiguous, text).toBe(true);
      expect(r.items[0]?.amountVnd, text).toBeNull();
    }
  });

  it('does not scale heads typed in thousands', () => {
    const r = parseFees('150 VNĐ(150.000 đồng/lần/thẻ.)');
    expect(r).toMatchObject({ ambiguous: true, items: [{ amountVnd: null }] });
  });

  it('keeps foreign-currency fees as text', () => {
    expect(parseFees('10 USD(10 USD/lần)')).toMatchObject({
      ambiguous: true,
      items: [{ amountVnd: null, free: false, text: '10 USD(10 USD/lần)' }],
    });
  });

  it('reads a missing head amount only from a single unambiguous description amount', () => {
    expect(parseFees('VNĐ(lệ phí hải quan 20.000 đồng/ tờ khai hải quan.)').items[0]?.amountVnd).toBe(20_000);
    expect(parseFees('VNĐ(đối với 1 tờ khai)')).toMatchObject({
      ambiguous: true,
      items: [{ amountVnd: null }],
    });
  });

  it('flags a "Miễn phí" head contradicted by its description', () => {
    const r = parseFees('Miễn phí(- Dưới 5 tấn: 50.000 đồng/giấy; - Trên 15 tấn: 150.000 đồng/giấy.)');
    expect(r).toMatchObject({ ambiguous: true, items: [{ free: false, amountVnd: null }] });
  });

  it('treats an unclosed description as ambiguous and keeps all of it', () => {
    const text = '1,500,000 VNĐ(Lệ phí đăng ký (Miễn lệ phí từ ngày 07/4/2026)- Nộp hồ sơ trực tiếp';
    const r = parseFees(text);
    expect(r.ambiguous).toBe(true);
    expect(r.items[0]?.text).toBe(text);
    expect(r.note).toBe('');
  });

  it('flags text that does not start with a known fee head', () => {
    expect(parseFees('Theo quy định')).toEqual({
      items: [{ label: null, amountVnd: null, free: false, text: 'Theo quy định' }],
      note: '',
      ambiguous: true,
    });
    expect(parseFees('   ')).toEqual({ items: [], note: '', ambiguous: false });
  });

  it('reads every plain portal amount from 1,000 VND up exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 2_000_000_000 }),
        fc.constantFrom('Việt Nam Đồng', 'VNĐ'),
        (n, unit) => {
          const r = parseFees(`${n.toLocaleString('en-US')} ${unit}`);
          expect(r).toMatchObject({ ambiguous: false, items: [{ amountVnd: n, free: false }] });
        },
      ),
    );
  });

  it('never throws, and gives amounts only as non-negative integers of unambiguous fees', () => {
    const pieces = fc.constantFrom(
      'Miễn phí',
      'Không có thông tin',
      '1,000 VNĐ',
      'VNĐ',
      '(',
      ')',
      '50.000 đồng',
      'HĐND',
      '%',
      ' ',
      'phí: 12',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 8 }), (parts) => {
        const r = parseFees(parts.join(''));
        for (const item of r.items) {
          if (item.amountVnd !== null) {
            expect(Number.isSafeInteger(item.amountVnd) && item.amountVnd >= 0).toBe(true);
            expect(r.ambiguous).toBe(false);
          }
        }
      }),
    );
  });
});
