/**
 * Loads the project's reference dataset (data/, see data/README.md) into an empty database: the
 * first start of a fresh deployment, and the test template. Each kind is loaded only when its
 * table is empty, so a start-up never overwrites what administrators changed since.
 */
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/client.js';
import { runImport } from './service.js';
import type { ImportResult } from './types.js';

export const DATA_DIR = fileURLToPath(new URL('../../../../../data/', import.meta.url));

export const REFERENCE_FILES = [
  { kind: 'admin-units', file: 'admin-units/units.csv', table: 'admin_units' },
  { kind: 'unit-successions', file: 'admin-units/succession-2025.csv', table: 'admin_unit_successions' },
  { kind: 'holidays', file: 'holidays/vn-public-sector-2020-2026.csv', table: 'calendar_exceptions' },
  { kind: 'procedures', file: 'procedures/procedures.jsonl.gz', table: 'procedures' },
] as const;

export async function loadReferenceData(
  db: Db,
  opts: { log?: (msg: string) => void; onlyMissing?: boolean; dataDir?: string } = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const ref of REFERENCE_FILES) {
    if (opts.onlyMissing !== false) {
      const { n } = await db
        .selectFrom(ref.table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n) > 0) continue;
    }
    const started = Date.now();
    const r = await runImport(db, ref.kind, `${opts.dataDir ?? DATA_DIR}${ref.file}`, { actor: 'startup' });
    opts.log?.(
      `reference data ${ref.kind}: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged (${Date.now() - started} ms)`,
    );
    results.push(r);
  }
  return results;
}
