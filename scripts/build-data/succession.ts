import { join } from 'node:path';
import type { AdminUnits } from './admin-units.js';
import { byKeys, check, field, type Row, readCsv } from './io.js';

export const SUCCESSION_COLUMNS = [
  'old_code',
  'old_level',
  'new_code',
  'new_level',
  'effective',
  'kind',
  'confidence',
  'note',
] as const;

const EFFECTIVE = '2025-07-01';
const LEVEL_ORDER: Record<string, number> = { province: 0, district: 1, commune: 2 };

const WARD_MAPPING_COLS = [
  'old_ward_code',
  'old_ward_name',
  'old_district_code',
  'old_district_name',
  'old_province_code',
  'old_province_name',
  'new_ward_code',
  'new_ward_name',
  'new_province_code',
  'new_province_name',
  'dvhcvn_merge_type',
  'old_ward_split',
  'source',
  'sources_agree',
  'confidence',
];
const PROVINCE_MAPPING_COLS = [
  'old_province_code',
  'old_province_name',
  'new_province_code',
  'new_province_name',
];

/**
 * Spot checks against the resolution text reported in admin-units/README.md. They only annotate
 * the rows: confidence stays as the source gives it.
 */
const SPOT_CHECKS: ReadonlyMap<string, string> = new Map([
  ['23521>23500', 'README spot check: resolution text confirms this target'],
  ['23521>23425', 'README spot check: resolution text contradicts this target'],
  ['31771>31777', 'README spot check: resolution text confirms this target'],
  ['31771>31232', 'README spot check: resolution text contradicts this target'],
  ['20669>20242', 'README spot check: LLM error in dvhcvn'],
]);

export interface SuccessionRow extends Row {
  old_code: string;
  old_level: string;
  new_code: string;
  new_level: string;
  effective: string;
  kind: string;
  confidence: string;
  note: string;
}

/**
 * kind: `full` — the whole old unit went into this new unit (old_ward_split = no);
 * `partial` — dvhcvn marks this as a partial transfer: the old unit was divided and this new unit
 * received part of it; `split` — the old unit has several targets but the row is not marked
 * partial (the sources disagree on how it was divided), so the target must be checked.
 */
function wardKind(mergeType: string, split: string, code: string): string {
  check(split === 'yes' || split === 'no', `mapping ${code}: old_ward_split "${split}"`);
  check(['full', 'partial', ''].includes(mergeType), `mapping ${code}: merge type "${mergeType}"`);
  if (split === 'no') {
    check(mergeType === 'full', `mapping ${code}: unsplit row with merge type "${mergeType}"`);
    return 'full';
  }
  return mergeType === 'partial' ? 'partial' : 'split';
}

function wardNote(r: Row, agreedTargets: number): string {
  const notes: string[] = [];
  const source = field(r, 'source');
  if (source === 'dvhcvn' || source === 'bando') notes.push(`only in ${source}`);
  else if (field(r, 'sources_agree') === 'no') notes.push('sources disagree on the other targets');
  if (agreedTargets === 0) notes.push('no target agreed by both sources');
  const spot = SPOT_CHECKS.get(`${field(r, 'old_ward_code')}>${field(r, 'new_ward_code')}`);
  if (spot !== undefined) notes.push(spot);
  return notes.join('; ');
}

export function buildSuccession(dir: string, au: AdminUnits): SuccessionRow[] {
  const wardRows = readCsv(join(dir, 'mapping_ward_2025_old_to_new.csv'), WARD_MAPPING_COLS);
  const agreed = new Map<string, number>();
  for (const r of wardRows) {
    const old = field(r, 'old_ward_code');
    agreed.set(old, (agreed.get(old) ?? 0) + (field(r, 'confidence') === 'high' ? 1 : 0));
  }
  const districtsWithCommunes = new Set([...au.pre.communes.values()].map((u) => u.parent_code));
  const out: SuccessionRow[] = [];
  const pairs = new Set<string>();
  const provincePairs = new Map<string, { high: boolean }>();

  for (const r of wardRows) {
    const oldWard = field(r, 'old_ward_code');
    const newCode = field(r, 'new_ward_code');
    const confidence = field(r, 'confidence');
    check(confidence === 'high' || confidence === 'review', `mapping ${oldWard}: confidence "${confidence}"`);
    const target = au.reform.communes.get(newCode);
    check(target !== undefined, `mapping: new commune ${newCode} not in the 2025-07-01 list`);
    check(target.parent_code === field(r, 'new_province_code'), `mapping ${newCode}: new province mismatch`);

    let oldCode: string;
    let oldLevel: string;
    let note: string;
    if (oldWard === '') {
      // Island districts that had no communes became special zones (đặc khu).
      oldCode = field(r, 'old_district_code');
      oldLevel = 'district';
      check(field(r, 'source') === 'district-level (no communes)', `mapping: empty old code for ${oldCode}`);
      const district = au.pre.districts.get(oldCode);
      check(district !== undefined, `mapping: old district ${oldCode} unknown`);
      check(!districtsWithCommunes.has(oldCode), `mapping: district ${oldCode} has communes`);
      check(
        district.parent_code === field(r, 'old_province_code'),
        `mapping ${oldCode}: old province mismatch`,
      );
      check(target.unit_type === 'Đặc khu', `mapping ${oldCode}: target ${newCode} is not a special zone`);
      note = 'island district without communes became a special zone (đặc khu)';
    } else {
      oldCode = oldWard;
      oldLevel = 'commune';
      const commune = au.pre.communes.get(oldCode);
      check(commune !== undefined, `mapping: old commune ${oldCode} not in the pre-2025 list`);
      check(
        commune.parent_code === field(r, 'old_district_code'),
        `mapping ${oldCode}: old district mismatch`,
      );
      check(
        au.pre.districts.get(commune.parent_code)?.parent_code === field(r, 'old_province_code'),
        `mapping ${oldCode}: old province mismatch`,
      );
      note = wardNote(r, agreed.get(oldCode) ?? 0);
    }
    const kind = wardKind(field(r, 'dvhcvn_merge_type'), field(r, 'old_ward_split'), oldCode);
    const key = `${oldLevel}:${oldCode}>${newCode}`;
    check(!pairs.has(key), `mapping: duplicate pair ${key}`);
    pairs.add(key);
    out.push({
      old_code: oldCode,
      old_level: oldLevel,
      new_code: newCode,
      new_level: 'commune',
      effective: EFFECTIVE,
      kind,
      confidence,
      note,
    });
    const pp = `${field(r, 'old_province_code')}>${target.parent_code}`;
    const prev = provincePairs.get(pp);
    provincePairs.set(pp, { high: (prev?.high ?? false) || confidence === 'high' });
  }
  const mappedOld = new Set(out.filter((s) => s.old_level === 'commune').map((s) => s.old_code));
  check(mappedOld.size === au.pre.communes.size, `mapping covers ${mappedOld.size} old communes`);
  const mappedNew = new Set(out.map((s) => s.new_code));
  check(mappedNew.size === au.reform.communes.size, `mapping reaches ${mappedNew.size} new communes`);

  const provinceRows = readCsv(join(dir, 'mapping_province_2025_old_to_new.csv'), PROVINCE_MAPPING_COLS);
  const targetsPerOld = new Map<string, number>();
  for (const r of provinceRows) {
    const old = field(r, 'old_province_code');
    targetsPerOld.set(old, (targetsPerOld.get(old) ?? 0) + 1);
  }
  for (const r of provinceRows) {
    const oldCode = field(r, 'old_province_code');
    const newCode = field(r, 'new_province_code');
    check(au.pre.provinces.has(oldCode), `province mapping: old ${oldCode} unknown`);
    check(au.reform.provinces.has(newCode), `province mapping: new ${newCode} unknown`);
    const support = provincePairs.get(`${oldCode}>${newCode}`);
    check(support !== undefined, `province mapping ${oldCode}>${newCode} has no commune rows`);
    provincePairs.delete(`${oldCode}>${newCode}`);
    out.push({
      old_code: oldCode,
      old_level: 'province',
      new_code: newCode,
      new_level: 'province',
      effective: EFFECTIVE,
      kind: targetsPerOld.get(oldCode) === 1 ? 'full' : 'partial',
      confidence: support.high ? 'high' : 'review',
      note: support.high ? '' : 'derived only from confidence=review commune rows',
    });
  }
  check(provincePairs.size === 0, `commune rows imply province pairs missing from the province mapping`);
  check(
    new Set(provinceRows.map((r) => field(r, 'old_province_code'))).size === au.pre.provinces.size,
    'province mapping does not cover every old province',
  );

  return out.sort(
    byKeys(
      (s) => LEVEL_ORDER[s.old_level] ?? 9,
      (s) => s.old_code,
      (s) => s.new_code,
    ),
  );
}
