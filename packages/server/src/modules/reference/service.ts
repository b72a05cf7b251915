/**
 * Runs an import: read → parse → validate (all rows, all reasons) → write, in one transaction.
 * A file with rejected rows writes nothing unless skipInvalid is set; a re-run of the same file
 * changes nothing (every importer upserts by its natural key and counts unchanged rows).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { adminUnitsImporter } from './importers/admin-units.js';
import { agenciesImporter } from './importers/agencies.js';
import { holidaysImporter } from './importers/holidays.js';
import { proceduresImporter } from './importers/procedures.js';
import { successionsImporter } from './importers/successions.js';
import { type ImportFile, importFileFromText, readImportFile } from './read-file.js';
import type { ImportContext, Importer, ImportOptions, ImportResult, Reject } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a registry of importers of different row types
export const IMPORTERS: Record<string, Importer<any>> = Object.fromEntries(
  [adminUnitsImporter, successionsImporter, holidaysImporter, proceduresImporter, agenciesImporter].map(
    (i) => [i.kind, i],
  ),
);

export class UnknownImportKind extends Error {
  constructor(readonly kind: string) {
    super(`unknown import kind "${kind}"; known kinds: ${Object.keys(IMPORTERS).join(', ')}`);
  }
}

export class ImportRejected extends Error {
  constructor(
    readonly file: string,
    readonly rejected: Reject[],
  ) {
    super(
      `${file}: ${rejected.length} row(s) rejected; nothing was imported (use --skip-invalid to import the valid rows)`,
    );
  }
}

/** Thrown inside the transaction to roll a dry run back after counting. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

export async function runImport(
  db: Db,
  kind: string,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (!IMPORTERS[kind]) throw new UnknownImportKind(kind);
  return runImportOf(db, kind, readImportFile(file), options);
}

/** The same from text already in memory (an upload), e.g. an annual holiday notice. */
export async function runImportText(
  db: Db,
  kind: string,
  name: string,
  text: string,
  options: ImportOptions = {},
) {
  if (!IMPORTERS[kind]) throw new UnknownImportKind(kind);
  return runImportOf(db, kind, importFileFromText(name, text), options);
}

async function runImportOf(
  db: Db,
  kind: string,
  input: ImportFile,
  options: ImportOptions,
): Promise<ImportResult> {
  try {
    return await db.transaction().execute((trx) => importWithin(trx, kind, input, options));
  } catch (e) {
    if (e instanceof DryRunRollback) return e.result;
    throw e;
  }
}

/**
 * The import itself, inside the caller's transaction (so a caller can audit in the same one).
 * Throws ImportRejected when rows were refused and skipInvalid is not set.
 */
export async function importWithin(
  trx: Db,
  kind: string,
  input: ImportFile,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const importer = IMPORTERS[kind];
  if (!importer) throw new UnknownImportKind(kind);
  const startedAt = new Date();
  // One import of a kind at a time: two concurrent runs would race on the natural keys.
  await sql`select pg_advisory_xact_lock(hashtext(${`motcua-import:${kind}`}))`.execute(trx);
  const rejects: Reject[] = [];
  const ctx: ImportContext = {
    trx,
    rejects,
    options,
    reject: (line, field, reason, reasonVi) => rejects.push({ line, field, reason, reasonVi }),
  };
  const rows = importer.parse(input.text, ctx);
  const unparsed = rejects.length;
  const valid = await importer.validate(rows, ctx);
  rejects.sort((a, b) => a.line - b.line);
  if (rejects.length && !options.skipInvalid) throw new ImportRejected(input.name, rejects);
  const counts = await importer.apply(valid, ctx);
  options.onProgress?.(valid.length, valid.length);
  const result: ImportResult = {
    kind,
    file: input.name,
    rows: rows.length + unparsed,
    rejected: rejects,
    dryRun: !!options.dryRun,
    ...counts,
  };
  if (options.dryRun) throw new DryRunRollback(result);
  await trx
    .insertInto('import_runs')
    .values({
      kind,
      file_name: input.name,
      file_sha256: input.sha256,
      started_at: startedAt,
      ...counts,
      rejected: rejects.length,
      actor: options.actor ?? 'cli',
    })
    .execute();
  return result;
}
