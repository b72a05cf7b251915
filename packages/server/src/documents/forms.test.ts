/**
 * Every form of both sets, rendered from realistic data and read back with pdfjs: what a citizen
 * or an inspector would see (header, motto, code, names with every diacritic, numbers, titles,
 * dates), A4 pages, embedded Tinos, NFC text, the QR image, and the 2018/2025 switch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  A4,
  DocumentInputError,
  FORM_CODES,
  type FormCode,
  FormNotInSetError,
  formSetFor,
  formTemplate,
  NATIONAL_TITLE,
  qrMatrix,
  renderForm,
  renderReceipt,
  renderStopNotice,
} from './index.js';
import { QR_PIXELS_PER_MODULE, QR_QUIET_ZONE } from './qr.js';
import { BIRTH, birthRegistrationForms, CONSTRUCTION_DOCUMENTS, constructionReceipt } from './test-data.js';

const now = new Date('2026-11-22T03:00:00Z');
/** Sample PDFs land here for a human to open; overwritten on every run. */
const OUT = path.join(os.tmpdir(), 'motcua-forms');

interface Extracted {
  pages: { width: number; height: number; text: string }[];
  /** all pages, whitespace (including line ends) collapsed to single spaces */
  text: string;
  info: Record<string, unknown>;
  doc: Awaited<ReturnType<typeof getDocument>['promise']>;
}

async function extract(pdf: Buffer): Promise<Extracted> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    verbosity: 0,
  }).promise;
  const pages: Extracted['pages'] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const raw = content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(' ');
    const [, , width, height] = page.view;
    pages.push({ width: width!, height: height!, text: raw.replace(/\s+/g, ' ') });
  }
  const meta = await doc.getMetadata();
  return { pages, text: pages.map((p) => p.text).join(' '), info: meta.info as Record<string, unknown>, doc };
}

/** Font names as written in the file: /BaseFont /ABCDEF+Tinos-Regular (font dictionaries are not compressed). */
function baseFonts(pdf: Buffer): string[] {
  return [
    ...new Set([...pdf.toString('latin1').matchAll(/\/BaseFont \/([A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[2]!)),
  ];
}

const SETS = ['2018', '2025'] as const;
const rendered = new Map<string, { pdf: Buffer; x: Extracted }>();

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  for (const set of SETS) {
    const forms = birthRegistrationForms(set);
    for (const code of FORM_CODES) {
      const data = forms[code];
      if (!data) continue;
      const pdf = await renderForm(code, data as never, { now });
      writeFileSync(path.join(OUT, `${set}-${code}.pdf`), pdf);
      rendered.set(`${set}-${code}`, { pdf, x: await extract(pdf) });
    }
  }
});

const get = (set: string, code: FormCode) => {
  const r = rendered.get(`${set}-${code}`);
  if (!r) throw new Error(`${set}-${code} was not rendered`);
  return r;
};

describe('form sets', () => {
  it('chooses the set by the Vietnam date of receipt: 30/6/2025 → 2018, 1/7/2025 → 2025', () => {
    expect(formSetFor('2025-06-30T16:59:00+07:00')).toBe('2018');
    expect(formSetFor('2025-06-30T23:59:59+07:00')).toBe('2018');
    expect(formSetFor('2025-07-01T00:00:00+07:00')).toBe('2025');
    // 17:30 UTC on 30 June is already 1 July in Hà Nội
    expect(formSetFor('2025-06-30T17:30:00Z')).toBe('2025');
    expect(formSetFor('2019-03-04T08:00:00+07:00')).toBe('2018');
  });

  it('refuses an instant without offset instead of guessing the zone', () => {
    expect(() => formSetFor('2025-07-01T08:00')).toThrow(DocumentInputError);
  });

  it('numbers the forms as each circular does', () => {
    const numbers = (set: '2018' | '2025') =>
      FORM_CODES.flatMap((c) => (set === '2018' && c === 'STOP_NOTICE' ? [] : [formTemplate(set, c).label]));
    expect(numbers('2018')).toEqual([
      'Mẫu số 01',
      'Mẫu số 02',
      'Mẫu số 03',
      'Mẫu số 04',
      'Mẫu số 05',
      'Mẫu số 06',
    ]);
    expect(numbers('2025')).toEqual([
      'Mẫu số 01',
      'Mẫu số 02',
      'Mẫu số 03',
      'Mẫu số 04',
      'Mẫu số 05',
      'Mẫu số 06',
      'Mẫu số 07',
    ]);
    expect(formTemplate('2018', 'APOLOGY_EXTENSION').title).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
    expect(formTemplate('2025', 'APOLOGY_EXTENSION').title).toBe(
      'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
    );
  });

  it('has no stop notice in the 2018 set: a typed error, before any rendering', async () => {
    expect(() => formTemplate('2018', 'STOP_NOTICE')).toThrow(FormNotInSetError);
    const stop = birthRegistrationForms('2025').STOP_NOTICE!;
    const old = { ...stop, receivedAt: '2025-06-30T09:15:00+07:00' };
    const err = await renderStopNotice(old, { now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormNotInSetError);
    expect(err).toMatchObject({
      code: 'FORM_NOT_IN_SET',
      status: 422,
      formCode: 'STOP_NOTICE',
      formSet: '2018',
    });
  });
});

describe.each(SETS)('the %s set', (set) => {
  const codes = FORM_CODES.filter((c) => !(set === '2018' && c === 'STOP_NOTICE'));
  const dateLine =
    set === '2018' ? 'Đông Anh, ngày 30 tháng 6 năm 2025' : 'Hà Nội, ngày 13 tháng 02 năm 2026';

  it.each(codes)('%s: A4, Tinos, header, number, title, code and names read back intact', (code) => {
    const { pdf, x } = get(set, code);
    const form = formTemplate(set, code);
    for (const p of x.pages) {
      const size = code === 'REGISTER' ? [p.height, p.width] : [p.width, p.height];
      expect(size).toEqual([A4.width, A4.height]);
    }
    const fonts = baseFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^Tinos-(Regular|Bold|Italic|BoldItalic)$/);

    expect(x.text).toContain(NATIONAL_TITLE);
    expect(x.text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(x.text).toContain(form.label);
    expect(x.text).toContain(form.heading);
    expect(x.text).toContain(set === '2018' ? '000.36.20.H26-250630-0012' : '000.45.20.H26-260213-0007');
    expect(x.text).toContain('Nguyễn Thị Hường');
    expect(x.text).toContain(set === '2018' ? 'UBND XÃ THỤY LÂM' : 'UBND XÃ THƯ LÂM');
    if (code !== 'REGISTER' && code !== 'APOLOGY_EXTENSION' && code !== 'STOP_NOTICE')
      expect(x.text).toContain(dateLine);
    expect(x.text).toBe(x.text.normalize('NFC'));

    expect(x.info.Title).toBe(
      `${form.label} - ${form.title} - ${code === 'REGISTER' ? (set === '2018' ? '01/06/2025 - 30/06/2025' : '01/02/2026 - 28/02/2026') : set === '2018' ? '000.36.20.H26-250630-0012' : '000.45.20.H26-260213-0007'}`,
    );
    expect(x.info.Author).toBe(set === '2018' ? 'UBND xã Thụy Lâm' : 'UBND xã Thư Lâm');
    expect(x.info.Producer).toBe('MotCua');
    expect(x.info.CreationDate).toBe('D:20261122030000Z');
  });

  it('receipt: times in Vietnam time, documents, register entry, both signature blocks', () => {
    const { x } = get(set, 'RECEIPT');
    const t = x.text;
    expect(t).toContain(
      set === '2018'
        ? '09 giờ 15 phút, ngày 30/06/2025'
        : 'Thời gian nhận hồ sơ: 10 giờ 30 phút, ngày 13/02/2026',
    );
    expect(t).toContain(
      set === '2018' ? '09 giờ 15 phút, ngày 01/07/2025' : '10 giờ 30 phút, ngày 16/02/2026',
    );
    for (const d of BIRTH.documents) expect(t).toContain(d.name);
    expect(t).toContain('Thủ tục đăng ký khai sinh (mã thủ tục 1.001193)');
    expect(t).toContain('Số định danh cá nhân: 001190012345');
    expect(t).toContain(
      set === '2018' ? 'Quyển số: 02/2025, Số thứ tự: 1284' : 'Quyển số: 01/2026, Số thứ tự: 0117',
    );
    expect(t).toContain('NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên)');
    expect(t).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên)');
    expect(t).toContain('Lê Thị Thu Trang');
  });

  it('supplement request and refusal carry their items and reasons', () => {
    const s = get(set, 'SUPPLEMENT_REQUEST').x.text;
    expect(s).toContain('Nội dung cần bổ sung, hoàn thiện');
    expect(s).toContain('Giấy chứng sinh bản chính');
    expect(s).toContain('không có xác nhận của cơ sở y tế nơi trẻ được sinh ra');
    expect(s).toContain('024 3883 1234');
    const r = get(set, 'REFUSAL').x.text;
    expect(r).toContain('Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân phường Cầu Giấy');
    expect(r).toContain('từ chối tiếp nhận, giải quyết hồ sơ này');
  });

  it('apology: original appointment, reason, new date, in the wording of its set', () => {
    const t = get(set, 'APOLOGY_EXTENSION').x.text;
    expect(t).toContain(
      set === '2018' ? 'Đông Anh, ngày 02 tháng 7 năm 2025' : 'Hà Nội, ngày 17 tháng 02 năm 2026',
    );
    expect(t).toContain(set === '2018' ? 'Số: 27/PXL-UBND' : 'Số: 15/UBND-TP');
    expect(t).toContain('Cơ sở dữ liệu quốc gia về dân cư');
    expect(t).toContain('Kính gửi: Ông/bà Nguyễn Thị Hường');
    if (set === '2018')
      expect(t).toContain('hẹn trả kết quả giải quyết hồ sơ vào 16 giờ 00 phút, ngày 04/07/2025');
    else
      expect(t).toContain('đề nghị gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 20/02/2026');
    expect(t).toContain('KT. CHỦ TỊCH PHÓ CHỦ TỊCH');
    expect(t).toContain('Phạm Minh Đức');
  });

  it('control sheet: one row per hand-over with its segment result', () => {
    const t = get(set, 'CONTROL_SHEET').x.text;
    for (const label of ['Trước hạn', 'Đúng hạn', 'Quá hạn', 'Hoàng Văn Nam', 'Lãnh đạo UBND xã'])
      expect(t).toContain(label);
    expect(t).toContain('Cơ quan phối hợp giải quyết hồ sơ: Công an xã (đăng ký thường trú)');
  });

  it('register: the Mẫu 06 columns and a row with its dates', () => {
    const t = get(set, 'REGISTER').x.text;
    for (const h of [
      'STT',
      'Mã hồ sơ',
      'Tên thủ tục hành chính',
      'Ngày, tháng, năm',
      'Nhận hồ sơ',
      'Hẹn trả kết quả',
      'Ghi chú',
    ])
      expect(t).toContain(h);
    expect(t).toContain(set === '2018' ? '30/06/2025 09:15' : '13/02/2026 10:30');
  });
});

describe('the 2025 stop notice', () => {
  it('has code, applicant, procedure, reason, legal ground, signer and date', () => {
    const t = get('2025', 'STOP_NOTICE').x.text;
    expect(t).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(t).toContain('Mã hồ sơ: 000.45.20.H26-260213-0007');
    expect(t).toContain('Thủ tục hành chính: Thủ tục đăng ký khai sinh');
    expect(t).toContain('Lý do: Tòa án nhân dân khu vực 4 - Hà Nội');
    expect(t).toContain('Căn cứ: Nghị định số 118/2025/NĐ-CP');
    expect(t).toContain('Hà Nội, ngày 17 tháng 02 năm 2026');
    expect(t).toContain('Phạm Minh Đức');
  });
});

describe('receipt of a construction permit with 15 documents', () => {
  it('runs the table over two pages, repeating its header, with every document and diacritic', async () => {
    const data = constructionReceipt();
    expect(formSetFor(data.receivedAt)).toBe('2025');
    const pdf = await renderReceipt(data, { now });
    writeFileSync(path.join(OUT, '2025-RECEIPT-construction.pdf'), pdf);
    const x = await extract(pdf);
    expect(x.pages.length).toBe(2);
    for (const p of x.pages) {
      expect([p.width, p.height]).toEqual([A4.width, A4.height]);
      expect(p.text).toContain('Tên giấy tờ Bản chính Bản sao chứng thực Bản sao');
    }
    expect(x.pages[0]!.text).toContain('Trang 1/2');
    expect(x.pages[1]!.text).toContain('Trang 2/2');
    for (const d of CONSTRUCTION_DOCUMENTS) expect(x.text).toContain(d.name);
    expect(x.text).toContain('Đặng Quốc Bảo');
    expect(x.text).toContain('2. Số lượng hồ sơ: 02 (bộ)');
    expect(x.text).toContain('Thời gian nhận hồ sơ: 08 giờ 05 phút, ngày 01/07/2025');
    expect(x.text).toContain('Mẫu số 01');
  });
});

describe('a register of 40 dossiers', () => {
  it('continues on landscape pages, each with the two-tier column header', async () => {
    const data = birthRegistrationForms('2025').REGISTER;
    const row = data.rows[0]!;
    const rows = Array.from({ length: 40 }, (_, i) => ({
      ...row,
      no: i + 1,
      dossierCode: `000.45.20.H26-260213-${String(i + 1).padStart(4, '0')}`,
    }));
    const pdf = await renderForm('REGISTER', { ...data, rows }, { now });
    writeFileSync(path.join(OUT, '2025-REGISTER-40.pdf'), pdf);
    const x = await extract(pdf);
    expect(x.pages.length).toBeGreaterThan(1);
    for (const p of x.pages) {
      expect([p.width, p.height]).toEqual([A4.height, A4.width]);
      expect(p.text).toContain('Ngày, tháng, năm');
      expect(p.text).toContain('Mã hồ sơ');
    }
    for (const r of rows) expect(x.text).toContain(r.dossierCode);
  });
});

describe('NFC', () => {
  const nfd = <T>(v: T): T =>
    JSON.parse(JSON.stringify(v), (_k, s) => (typeof s === 'string' ? s.normalize('NFD') : s));

  it('draws decomposed input as composed text', async () => {
    const input = nfd(birthRegistrationForms('2025').RECEIPT);
    expect(input.applicant.name).not.toBe('Nguyễn Thị Hường');
    const x = await extract(await renderReceipt(input, { now }));
    expect(x.text).toContain('Nguyễn Thị Hường');
    expect(x.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(x.text).not.toMatch(/[\u0300-\u036f]/);
    expect(x.text).toBe(x.text.normalize('NFC'));
    expect(x.info.Author).toBe('UBND xã Thư Lâm');
  });
});

describe('reproducibility', () => {
  it('gives the same bytes for the same input and `now`', async () => {
    const again = await renderForm('APOLOGY_EXTENSION', birthRegistrationForms('2018').APOLOGY_EXTENSION, {
      now,
    });
    expect(again.equals(get('2018', 'APOLOGY_EXTENSION').pdf)).toBe(true);
  });
});

describe('QR code', () => {
  const url = 'https://motcua.hanoi.example/tra-cuu/000.45.20.H26-260213-0007';

  it('builds the symbol of the tracking URL', () => {
    const m = qrMatrix(url);
    expect(m.size).toBe(17 + 4 * m.version);
    expect(m.rows).toHaveLength(m.size);
    // the three finder patterns: a dark 7×7 ring around a dark 3×3 core, light in between
    const finder = (r0: number, c0: number) =>
      Array.from({ length: 7 }, (_, r) =>
        Array.from({ length: 7 }, (_, c) => {
          const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
          return ring !== 2;
        }),
      ).every((row, r) => row.every((dark, c) => m.rows[r0 + r]![c0 + c] === dark));
    expect(finder(0, 0)).toBe(true);
    expect(finder(0, m.size - 7)).toBe(true);
    expect(finder(m.size - 7, 0)).toBe(true);
    // and it is the symbol the library encodes for that text, not for another
    const ref = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    expect(m.rows.flat().map((d) => (d ? 1 : 0))).toEqual(Array.from(ref.data));
    expect(qrMatrix(`${url}1`).rows).not.toEqual(m.rows);
  });

  it('prints that symbol as the image on the receipt', async () => {
    const { x } = get('2025', 'RECEIPT');
    const page = await x.doc.getPage(1);
    const ops = await page.getOperatorList();
    const at = ops.fnArray.indexOf(OPS.paintImageXObject);
    expect(at).toBeGreaterThanOrEqual(0);
    const name = (ops.argsArray[at] as [string])[0];
    const img = await new Promise<{ width: number; height: number; kind: number; data: Uint8ClampedArray }>(
      (resolve) => page.objs.get(name, resolve),
    );
    const m = qrMatrix(url);
    const px = QR_PIXELS_PER_MODULE;
    expect(img.width).toBe((m.size + 2 * QR_QUIET_ZONE) * px);
    const channels = img.data.length / (img.width * img.height);
    const darkAt = (r: number, c: number) => {
      const y = (QR_QUIET_ZONE + r) * px + px / 2;
      const xx = (QR_QUIET_ZONE + c) * px + px / 2;
      return img.data[(y * img.width + xx) * channels]! < 128;
    };
    const decoded = m.rows.map((row, r) => row.map((_, c) => darkAt(r, c)));
    expect(decoded).toEqual(m.rows);
    // other forms carry no image
    const refusal = await get('2025', 'REFUSAL').x.doc.getPage(1);
    expect((await refusal.getOperatorList()).fnArray).not.toContain(OPS.paintImageXObject);
  });
});
