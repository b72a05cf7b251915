/**
 * Builds MotCua's compact reference dataset under data/ from the raw reference data in
 * ../shared/data (see data/README.md). Same input → byte-identical output; any surprise in the
 * input aborts with a non-zero exit code.
 *
 *   node --conditions=source --import tsx scripts/build-data.ts [--shared ../shared/data]
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAdminUnits, UNIT_COLUMNS } from './build-data/admin-units.js';
import {
  buildHolidays,
  buildLunar,
  HOLIDAY_COLUMNS,
  LEAP_COLUMNS,
  OBSERVANCE_COLUMNS,
} from './build-data/holidays.js';
import { check, DataError, gzipDeterministic, toCsv, writeFile } from './build-data/io.js';
import { buildProcedures } from './build-data/procedures.js';
import { buildSuccession, SUCCESSION_COLUMNS } from './build-data/succession.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function main(): void {
  const { values } = parseArgs({ options: { shared: { type: 'string', default: '../shared/data' } } });
  const shared = resolve(repoRoot, values.shared);
  check(existsSync(join(shared, 'README.md')), `no reference data at ${shared}`);
  const out = join(repoRoot, 'data');
  // Everything is built before anything is written, so a failed build leaves data/ untouched.
  const outputs: Array<[string, string | Buffer, number]> = [];
  const emit = (path: string, data: string | Buffer, rows: number) => {
    outputs.push([path, data, rows]);
  };

  const au = buildAdminUnits(join(shared, 'admin-units'));
  emit('admin-units/units.csv', toCsv(UNIT_COLUMNS, au.units), au.units.length);
  const succession = buildSuccession(join(shared, 'admin-units'), au);
  emit('admin-units/succession-2025.csv', toCsv(SUCCESSION_COLUMNS, succession), succession.length);

  const holidays = buildHolidays(join(shared, 'holidays'));
  emit(
    'holidays/vn-public-sector-2020-2026.csv',
    toCsv(HOLIDAY_COLUMNS, holidays.days),
    holidays.days.length,
  );
  const lunar = buildLunar(join(shared, 'holidays'), holidays);
  emit(
    'holidays/lunar-observances-2020-2035.csv',
    toCsv(OBSERVANCE_COLUMNS, lunar.observances),
    lunar.observances.length,
  );
  emit(
    'holidays/lunar-leap-months-2020-2035.csv',
    toCsv(LEAP_COLUMNS, lunar.leapMonths),
    lunar.leapMonths.length,
  );

  const procedures = buildProcedures(join(shared, 'procedures'));
  const ndjson = `${procedures.lines.join('\n')}\n`;
  emit('procedures/procedures.jsonl.gz', gzipDeterministic(ndjson), procedures.lines.length);

  const count = (pred: (u: (typeof au.units)[number]) => boolean) => au.units.filter(pred).length;
  const period = (from: string) =>
    (['province', 'district', 'commune'] as const).map(
      (level) => `${level} ${count((u) => u.valid_from === from && u.level === level)}`,
    );
  console.log(`input: ${shared}`);
  console.log(`admin units pre-2025: ${period('').join(', ')}`);
  console.log(`admin units 2025-07-01: ${period('2025-07-01').join(', ')}`);
  console.log(`admin units 2026-04-30 (changed): ${period('2026-04-30').join(', ')}`);
  for (const c of au.diff.changed) console.log(`  2026 change ${c.level} ${c.code}: ${c.from} → ${c.to}`);
  const cos = au.diff.cosmetic;
  console.log(
    `  cosmetic only: ${cos.tonePlacementOrCase} tone-placement/case, ${cos.nameEn} English names, spelling: ${cos.spelling.join('; ')}`,
  );
  const kinds = new Map<string, number>();
  for (const s of succession)
    kinds.set(
      `${s.old_level}/${s.kind}/${s.confidence}`,
      (kinds.get(`${s.old_level}/${s.kind}/${s.confidence}`) ?? 0) + 1,
    );
  console.log(
    `succession rows: ${succession.length} (${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')})`,
  );
  const hk = new Map<string, number>();
  for (const d of holidays.days) hk.set(d.kind ?? '', (hk.get(d.kind ?? '') ?? 0) + 1);
  console.log(`holiday dates: ${holidays.days.length} (${[...hk].map(([k, v]) => `${k} ${v}`).join(', ')})`);
  if (holidays.confidenceLowered.length > 0)
    console.log(`  confidence lowered: ${holidays.confidenceLowered.join('; ')}`);
  console.log(`lunar observances: ${lunar.observances.length}, leap months: ${lunar.leapMonths.length}`);
  const s = procedures.stats;
  console.log(`procedures: ${procedures.lines.length}, flagged for review: ${s.flaggedRecords}`);
  console.log(
    `  channels ${s.channels}: time value missing ${s.timeValueMissing}, unit missing ${s.timeUnitMissing}; ` +
      `fees: amount ${s.feesParsedAmount}, free ${s.feesFree}, no information ${s.feesMissing}, ambiguous ${s.feesAmbiguous}`,
  );
  console.log(`  documents ${s.documents}: quantity ambiguous ${s.quantitiesAmbiguous}`);
  if (s.badCodes.length > 0)
    console.log(`  codes not matching d.dddddd (kept, flagged): ${s.badCodes.join(', ')}`);
  console.log(`  records sharing a source_url (flagged): ${s.duplicateSourceUrls.join(', ')}`);
  for (const [path, data, rows] of outputs) {
    const bytes = writeFile(join(out, path), data);
    console.log(`wrote ${relative(repoRoot, join(out, path))}: ${rows} rows, ${bytes} bytes`);
  }
}

try {
  main();
} catch (e) {
  if (e instanceof DataError) {
    console.error(`build-data: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
