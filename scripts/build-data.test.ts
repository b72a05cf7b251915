/**
 * Consistency checks on the committed dataset in data/. They read only data/, so they hold for
 * whoever changes the files, with or without the raw reference data next to the repository.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

function readCsv(path: string): { header: string[]; rows: Array<Record<string, string>> } {
  const text = readFileSync(join(dataDir, path), 'utf8');
  const [header = [], ...body] = parse(text) as string[][];
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))) };
}

const units = readCsv('admin-units/units.csv');
const succession = readCsv('admin-units/succession-2025.csv');
const holidays = readCsv('holidays/vn-public-sector-2020-2026.csv');
const observances = readCsv('holidays/lunar-observances-2020-2035.csv');
const leapMonths = readCsv('holidays/lunar-leap-months-2020-2035.csv');

type Unit = Record<string, string>;
const count = (pred: (u: Unit) => boolean) => units.rows.filter(pred).length;
const atLevel = (from: string, level: string) => (u: Unit) => u.valid_from === from && u.level === level;
/** Validity as comparable bounds: an empty start is open to the past, an empty end to the future. */
const span = (u: Unit): [string, string] => [u.valid_from || '0000-00-00', u.valid_to || '9999-99-99'];

describe('data/admin-units/units.csv', () => {
  it('has the expected columns and period sizes', () => {
    expect(units.header).toEqual([
      'code',
      'level',
      'parent_code',
      'unit_type',
      'name',
      'full_name',
      'name_en',
      'valid_from',
      'valid_to',
    ]);
    expect([
      count(atLevel('', 'province')),
      count(atLevel('', 'district')),
      count(atLevel('', 'commune')),
    ]).toEqual([63, 696, 10_035]);
    expect(count(atLevel('2025-07-01', 'province'))).toBe(34);
    expect(count(atLevel('2025-07-01', 'district'))).toBe(0);
    expect(count(atLevel('2025-07-01', 'commune'))).toBe(3321);
    // The latest list: 34 provinces and 3,321 communes in force, whichever period they come from.
    expect(count((u) => u.valid_to === '' && u.level === 'province')).toBe(34);
    expect(count((u) => u.valid_to === '' && u.level === 'commune')).toBe(3321);
  });

  it('closes pre-2025 units on 2025-06-30 and records Đồng Nai becoming a city on 2026-04-30', () => {
    for (const u of units.rows.filter((x) => x.valid_from === '')) expect(u.valid_to).toBe('2025-06-30');
    const dongNai = units.rows.filter((u) => u.code === '75' && u.level === 'province');
    expect(dongNai.map((u) => [u.valid_from, u.valid_to, u.unit_type])).toEqual([
      ['', '2025-06-30', 'Tỉnh'],
      ['2025-07-01', '2026-04-29', 'Tỉnh'],
      ['2026-04-30', '', 'Thành phố trực thuộc trung ương'],
    ]);
    const newWards = units.rows.filter((u) => u.valid_from === '2026-04-30' && u.level === 'commune');
    expect(newWards).toHaveLength(10);
    for (const w of newWards) expect([w.parent_code, w.unit_type]).toEqual(['75', 'Phường']);
  });

  it('uses ISO dates, known levels and NFC text, in the documented order', () => {
    const order = { province: 0, district: 1, commune: 2 } as Record<string, number>;
    const key = (u: Unit) => [u.valid_from ?? '', order[u.level ?? ''] ?? 9, u.code ?? ''] as const;
    const before = (a: Unit, b: Unit) => {
      const [x, y] = [key(a), key(b)];
      return x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
    };
    for (const u of units.rows) {
      expect(u.valid_from).toMatch(/^(?:\d{4}-\d{2}-\d{2})?$/);
      expect(u.valid_to).toMatch(/^(?:\d{4}-\d{2}-\d{2})?$/);
      expect(order[u.level ?? '']).toBeDefined();
      expect(u.name).toBe(u.name?.normalize('NFC'));
    }
    units.rows.slice(1).forEach((u, i) => {
      const prev = units.rows[i] as Unit;
      expect(before(prev, u), `${prev.code} before ${u.code}`).toBe(true);
    });
  });

  it('never has two rows for one unit at the same time', () => {
    const byKey = new Map<string, Unit[]>();
    for (const u of units.rows)
      byKey.set(`${u.level}:${u.code}`, [...(byKey.get(`${u.level}:${u.code}`) ?? []), u]);
    for (const [key, rows] of byKey) {
      const spans = rows.map(span).sort();
      for (let i = 1; i < spans.length; i++) {
        expect((spans[i - 1] as [string, string])[1] < (spans[i] as [string, string])[0], key).toBe(true);
      }
    }
  });

  it('gives every unit a parent that exists for the whole of its validity', () => {
    const rowsOf = new Map<string, Unit[]>();
    for (const u of units.rows)
      rowsOf.set(`${u.level}:${u.code}`, [...(rowsOf.get(`${u.level}:${u.code}`) ?? []), u]);
    for (const u of units.rows) {
      if (u.level === 'province') {
        expect(u.parent_code).toBe('');
        continue;
      }
      // Before the reform communes hang under districts; from 2025-07-01 directly under provinces.
      const level = u.level === 'commune' && u.valid_from === '' ? 'district' : 'province';
      const [from, to] = span(u);
      const parents = rowsOf.get(`${level}:${u.parent_code}`) ?? [];
      expect(parents.length, `${u.code} parent ${u.parent_code}`).toBeGreaterThan(0);
      const covers = (day: string) => parents.some((p) => span(p)[0] <= day && day <= span(p)[1]);
      expect(covers(from) && covers(to), `${u.code} (${from}…${to}) parent ${u.parent_code}`).toBe(true);
    }
  });
});

describe('data/admin-units/succession-2025.csv', () => {
  const pre = new Set(units.rows.filter((u) => u.valid_from === '').map((u) => `${u.level}:${u.code}`));
  const reform = new Set(
    units.rows.filter((u) => u.valid_from === '2025-07-01').map((u) => `${u.level}:${u.code}`),
  );

  it('refers only to units of the right periods', () => {
    expect(succession.header).toEqual([
      'old_code',
      'old_level',
      'new_code',
      'new_level',
      'effective',
      'kind',
      'confidence',
      'note',
    ]);
    for (const s of succession.rows) {
      expect(pre.has(`${s.old_level}:${s.old_code}`), `old ${s.old_level} ${s.old_code}`).toBe(true);
      expect(reform.has(`${s.new_level}:${s.new_code}`), `new ${s.new_level} ${s.new_code}`).toBe(true);
      expect(s.effective).toBe('2025-07-01');
      expect(['full', 'partial', 'split']).toContain(s.kind);
      expect(['high', 'review']).toContain(s.confidence);
    }
  });

  it('maps every old commune and province and reaches every new commune', () => {
    const old = (level: string) =>
      new Set(succession.rows.filter((s) => s.old_level === level).map((s) => s.old_code));
    expect(old('commune').size).toBe(10_035);
    expect(old('province').size).toBe(63);
    expect(old('district').size).toBe(5);
    expect(
      new Set(succession.rows.filter((s) => s.new_level === 'commune').map((s) => s.new_code)).size,
    ).toBe(3321);
  });
});

describe('data/holidays', () => {
  const byDate = new Map(holidays.rows.map((h) => [h.date, h]));

  it('lists each date once, in order, without weekend rows', () => {
    expect(holidays.header).toEqual(['date', 'kind', 'name', 'legal_basis', 'status', 'confidence']);
    expect(byDate.size).toBe(holidays.rows.length);
    expect(holidays.rows.map((h) => h.date)).toEqual([...byDate.keys()].sort());
    for (const h of holidays.rows) {
      expect(['statutory', 'compensatory', 'swapped_day_off', 'makeup_working_day']).toContain(h.kind);
      expect(h.status).toBe('official');
      expect(h.legal_basis).not.toBe('');
    }
  });

  it('contains known dates', () => {
    for (const d of ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']) {
      expect(byDate.get(d)).toMatchObject({ kind: 'statutory', name: 'Tết Nguyên đán' });
    }
    expect(byDate.get('2024-05-04')?.kind).toBe('makeup_working_day');
    expect(byDate.get('2025-04-26')?.kind).toBe('makeup_working_day');
    expect(byDate.get('2026-09-02')).toMatchObject({ kind: 'statutory', name: 'Quốc khánh' });
    expect(byDate.get('2024-04-29')?.kind).toBe('swapped_day_off');
    expect(byDate.has('2025-02-01')).toBe(false);
  });

  it('has lunar reference dates and leap months', () => {
    const find = (solar: string) => observances.rows.find((o) => o.solar_date === solar);
    expect(find('2025-01-29')).toMatchObject({
      lunar_year: '2025',
      lunar_month: '1',
      lunar_day: '1',
      leap: 'false',
    });
    expect(find('2026-04-26')).toMatchObject({ lunar_month: '3', lunar_day: '10', year_can_chi: 'Bính Ngọ' });
    expect(leapMonths.rows).toContainEqual({
      lunar_year: '2025',
      leap_month: '6',
      leap_month_start_solar: '2025-07-25',
    });
    expect(leapMonths.rows).toHaveLength(6);
  });
});

describe('data/procedures/procedures.jsonl.gz', () => {
  const lines = gunzipSync(readFileSync(join(dataDir, 'procedures/procedures.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const procedures = lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('has 2,642 unique records sorted by code', () => {
    expect(procedures).toHaveLength(2642);
    const codes = procedures.map((p) => String(p.code));
    expect(new Set(codes).size).toBe(2642);
    expect(codes).toEqual([...codes].sort());
  });

  it('keeps provenance and review flags on every record', () => {
    for (const p of procedures) {
      expect(String(p.sourceUrl)).toMatch(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//);
      expect(Array.isArray(p.reviewFlags)).toBe(true);
      const channels = p.channels as Array<{ channel: string; timeLimit: { unit: string | null } }>;
      for (const c of channels) {
        expect(['direct', 'online', 'postal']).toContain(c.channel);
        expect([null, 'working_days', 'calendar_days', 'working_hours', 'months']).toContain(
          c.timeLimit.unit,
        );
      }
      if (!/^\d\.\d{6}$/.test(String(p.code))) expect(p.reviewFlags).toContain('code_format');
    }
  });

  it('contains the birth registration procedure', () => {
    const birth = procedures.find((p) => p.code === '1.001193');
    expect(birth).toMatchObject({ name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch', levels: ['Cấp xã'] });
  });
});
