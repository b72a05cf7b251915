import { join } from 'node:path';
import { vietnameseNameKey } from '../../packages/core/src/catalog/index.js';
import { addDays, byKeys, check, field, type Row, readCsv } from './io.js';

export const UNIT_COLUMNS = [
  'code',
  'level',
  'parent_code',
  'unit_type',
  'name',
  'full_name',
  'name_en',
  'valid_from',
  'valid_to',
] as const;

type Level = 'province' | 'district' | 'commune';
const LEVEL_ORDER: Record<Level, number> = { province: 0, district: 1, commune: 2 };

const REFORM_2025 = '2025-07-01';
/** 30/2026/QH16 (Đồng Nai city) and 237/NQ-UBTVQH16 (10 Đồng Nai wards), per admin-units/README.md. */
export const CHANGES_2026 = '2026-04-30';

/** The changes the shared README documents for the latest list; anything else stops the build. */
const EXPECTED_2026 = { provinces: ['75'], communesInProvince: '75', communeCount: 10 };

/**
 * Name differences between the 2025-07-01 list and the latest list that are not legal changes.
 * 00745: sapnhap.bando.com.vn already spelled it "Phố Bảng" on 2025-07-17, so the latest list
 * corrects a spelling rather than recording a renaming on 2026-04-30.
 */
const SPELLING_CORRECTIONS: ReadonlyMap<string, string> = new Map([['00745', 'Phố Bảng']]);

const PROVINCE_TYPES = new Set(['Tỉnh', 'Thành phố trực thuộc trung ương']);
const DISTRICT_TYPES = new Set(['Quận', 'Huyện', 'Thị xã', 'Thành phố']);
const COMMUNE_TYPES_PRE = new Set(['Phường', 'Xã', 'Thị trấn']);
const COMMUNE_TYPES_2025 = new Set(['Phường', 'Xã', 'Đặc khu']);

const PROVINCE_COLS = ['code', 'name', 'name_en', 'full_name', 'full_name_en', 'code_name', 'unit_type'];
const DISTRICT_COLS = ['code', 'province_code', ...PROVINCE_COLS.slice(1)];
const WARD_PRE_COLS = ['code', 'district_code', 'province_code', ...PROVINCE_COLS.slice(1)];
const WARD_COLS = DISTRICT_COLS;

export interface Unit extends Row {
  code: string;
  level: Level;
  parent_code: string;
  unit_type: string;
  name: string;
  full_name: string;
  name_en: string;
  valid_from: string;
  valid_to: string;
}

interface ListSpec {
  level: Level;
  codeLength: number;
  types: ReadonlySet<string>;
  parentColumn: string | null;
  count: number;
}

function toUnits(rows: Row[], spec: ListSpec, validFrom: string, validTo: string, file: string): Unit[] {
  check(rows.length === spec.count, `${file}: ${rows.length} rows, expected ${spec.count}`);
  const seen = new Set<string>();
  return rows.map((r) => {
    const code = field(r, 'code');
    check(new RegExp(`^\\d{${spec.codeLength}}$`, 'u').test(code), `${file}: bad code "${code}"`);
    check(!seen.has(code), `${file}: duplicate code ${code}`);
    seen.add(code);
    const unitType = field(r, 'unit_type');
    check(spec.types.has(unitType), `${file}: ${code} has unknown unit_type "${unitType}"`);
    const name = field(r, 'name');
    const fullName = field(r, 'full_name');
    check(name !== '' && fullName !== '', `${file}: ${code} has an empty name`);
    if (spec.level !== 'province') {
      check(
        vietnameseNameKey(fullName) === vietnameseNameKey(`${unitType} ${name}`),
        `${file}: ${code} full_name "${fullName}" does not match "${unitType} ${name}"`,
      );
    }
    return {
      code,
      level: spec.level,
      parent_code: spec.parentColumn === null ? '' : field(r, spec.parentColumn),
      unit_type: unitType,
      name,
      full_name: fullName,
      name_en: field(r, 'name_en'),
      valid_from: validFrom,
      valid_to: validTo,
    };
  });
}

function index(units: Unit[]): Map<string, Unit> {
  return new Map(units.map((u) => [u.code, u]));
}

function checkParents(children: Unit[], parents: Map<string, Unit>, what: string): void {
  for (const c of children) {
    check(parents.has(c.parent_code), `${what}: ${c.code} has unknown parent ${c.parent_code}`);
  }
}

export interface Diff2026 {
  changed: Array<{ code: string; level: Level; from: string; to: string }>;
  cosmetic: { tonePlacementOrCase: number; spelling: string[]; nameEn: number };
}

/** Compares one level of the 2025-07-01 list with the latest list; returns rows to close and open. */
function diffLatest(
  base: Unit[],
  latest: Map<string, Unit>,
  diff: Diff2026,
): { closed: Set<string>; opened: Unit[] } {
  check(base.length === latest.size, `latest list has ${latest.size} units, 2025-07-01 has ${base.length}`);
  const closed = new Set<string>();
  const opened: Unit[] = [];
  for (const old of base) {
    const cur = latest.get(old.code);
    check(cur !== undefined, `latest list lacks ${old.code}`);
    if (cur.name_en !== old.name_en) diff.cosmetic.nameEn++;
    const sameName = vietnameseNameKey(cur.name) === vietnameseNameKey(old.name);
    const spelling = SPELLING_CORRECTIONS.get(old.code);
    if (!sameName && spelling !== undefined) {
      check(cur.name === spelling, `${old.code}: expected spelling "${spelling}", found "${cur.name}"`);
      diff.cosmetic.spelling.push(`${old.code} ${old.full_name} → ${cur.full_name}`);
    } else if (sameName && (cur.name !== old.name || cur.full_name !== old.full_name)) {
      if (cur.unit_type === old.unit_type) diff.cosmetic.tonePlacementOrCase++;
    }
    const legal =
      cur.unit_type !== old.unit_type ||
      cur.parent_code !== old.parent_code ||
      (!sameName && spelling === undefined);
    if (!legal) continue;
    const name = sameName ? old.name : cur.name;
    const fullName =
      vietnameseNameKey(cur.full_name) === vietnameseNameKey(old.full_name) ? old.full_name : cur.full_name;
    closed.add(old.code);
    opened.push({ ...cur, name, full_name: fullName, valid_from: CHANGES_2026, valid_to: '' });
    diff.changed.push({ code: old.code, level: old.level, from: old.full_name, to: fullName });
  }
  return { closed, opened };
}

export interface AdminUnits {
  units: Unit[];
  pre: { provinces: Map<string, Unit>; districts: Map<string, Unit>; communes: Map<string, Unit> };
  reform: { provinces: Map<string, Unit>; communes: Map<string, Unit> };
  diff: Diff2026;
}

export function buildAdminUnits(dir: string): AdminUnits {
  const f = (name: string) => join(dir, name);
  const preEnd = addDays(REFORM_2025, -1);
  const prov = (count: number): ListSpec => ({
    level: 'province',
    codeLength: 2,
    types: PROVINCE_TYPES,
    parentColumn: null,
    count,
  });
  const preProvinces = toUnits(
    readCsv(f('pre2025_provinces.csv'), PROVINCE_COLS),
    prov(63),
    '',
    preEnd,
    'pre2025_provinces',
  );
  const preDistricts = toUnits(
    readCsv(f('pre2025_districts.csv'), DISTRICT_COLS),
    { level: 'district', codeLength: 3, types: DISTRICT_TYPES, parentColumn: 'province_code', count: 696 },
    '',
    preEnd,
    'pre2025_districts',
  );
  const preWardRows = readCsv(f('pre2025_wards.csv'), WARD_PRE_COLS);
  const preCommunes = toUnits(
    preWardRows,
    {
      level: 'commune',
      codeLength: 5,
      types: COMMUNE_TYPES_PRE,
      parentColumn: 'district_code',
      count: 10_035,
    },
    '',
    preEnd,
    'pre2025_wards',
  );
  const pre = {
    provinces: index(preProvinces),
    districts: index(preDistricts),
    communes: index(preCommunes),
  };
  checkParents(preDistricts, pre.provinces, 'pre2025_districts');
  checkParents(preCommunes, pre.districts, 'pre2025_wards');
  for (const r of preWardRows) {
    const district = pre.districts.get(field(r, 'district_code'));
    check(
      district?.parent_code === field(r, 'province_code'),
      `pre2025_wards: ${field(r, 'code')} province disagrees with its district`,
    );
  }

  const communeSpec = (count: number): ListSpec => ({
    level: 'commune',
    codeLength: 5,
    types: COMMUNE_TYPES_2025,
    parentColumn: 'province_code',
    count,
  });
  const reformProvinces = toUnits(
    readCsv(f('20250701_provinces.csv'), PROVINCE_COLS),
    prov(34),
    REFORM_2025,
    '',
    '20250701_provinces',
  );
  const reformCommunes = toUnits(
    readCsv(f('20250701_wards.csv'), WARD_COLS),
    communeSpec(3321),
    REFORM_2025,
    '',
    '20250701_wards',
  );
  const reform = { provinces: index(reformProvinces), communes: index(reformCommunes) };
  checkParents(reformCommunes, reform.provinces, '20250701_wards');

  const latestProvinces = toUnits(
    readCsv(f('current_provinces.csv'), PROVINCE_COLS),
    prov(34),
    CHANGES_2026,
    '',
    'current_provinces',
  );
  const latestCommunes = toUnits(
    readCsv(f('current_wards.csv'), WARD_COLS),
    communeSpec(3321),
    CHANGES_2026,
    '',
    'current_wards',
  );
  checkParents(latestCommunes, index(latestProvinces), 'current_wards');

  const diff: Diff2026 = { changed: [], cosmetic: { tonePlacementOrCase: 0, spelling: [], nameEn: 0 } };
  const p = diffLatest(reformProvinces, index(latestProvinces), diff);
  const c = diffLatest(reformCommunes, index(latestCommunes), diff);
  check(
    [...p.closed].join() === EXPECTED_2026.provinces.join(),
    `unexpected 2026 province changes: ${[...p.closed].join()}`,
  );
  check(
    c.opened.length === EXPECTED_2026.communeCount &&
      c.opened.every((u) => u.parent_code === EXPECTED_2026.communesInProvince),
    `unexpected 2026 commune changes: ${c.opened.map((u) => `${u.code} ${u.full_name}`).join('; ')}`,
  );
  check(
    diff.cosmetic.spelling.length === SPELLING_CORRECTIONS.size,
    'a listed spelling correction no longer occurs',
  );
  const closed = new Set([...p.closed, ...c.closed]);
  const closeAt = addDays(CHANGES_2026, -1);
  const close = (u: Unit): Unit =>
    closed.has(u.code) && u.valid_from === REFORM_2025 ? { ...u, valid_to: closeAt } : u;

  const units = [
    ...preProvinces,
    ...preDistricts,
    ...preCommunes,
    ...reformProvinces.map(close),
    ...reformCommunes.map(close),
    ...p.opened,
    ...c.opened,
  ].sort(
    byKeys(
      (u) => u.valid_from,
      (u) => LEVEL_ORDER[u.level],
      (u) => u.code,
    ),
  );
  return { units, pre, reform, diff };
}
