/**
 * `npm run motcua -- <command>`: the administrator's command line.
 *   import <kind> <file> [--skip-invalid] [--dry-run] [--calendar CODE]
 *   import-reference [--all]      load data/ (only empty tables unless --all)
 *   seed-demo                     create the demo deployments if missing
 *   migrate                       apply database migrations
 *   rebuild-facts [--check] [--missing]
 *                                 fold every dossier's log into its monitoring facts (--missing:
 *                                 only dossiers without any; --check: report differences, write nothing)
 *   rebuild-counters [--from-log] [--check]
 *                                 recompute the day counters from the facts (--from-log: refold the
 *                                 facts from the log first; --check: report differences, write nothing)
 *   kinds                         list import kinds
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/bootstrap.js';
import { seedDemo } from '../modules/demo/seed.js';
import { rebuildCounters } from '../modules/monitoring/counters.js';
import { rebuildFacts } from '../modules/monitoring/facts.js';
import { today } from '../modules/org/service.js';
import { loadReferenceData } from '../modules/reference/load.js';
import { ImportFileError } from '../modules/reference/read-file.js';
import { IMPORTERS, ImportRejected, runImport, UnknownImportKind } from '../modules/reference/service.js';
import type { ImportResult, Reject } from '../modules/reference/types.js';

const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

function printRejects(file: string, rejects: Reject[]) {
  for (const r of rejects)
    err(`${file}:${r.line}${r.field ? ` [${r.field}]` : ''}: ${r.reason} — ${r.reasonVi}`);
}

function printResult(r: ImportResult) {
  out(
    `${r.dryRun ? '(dry run, nothing written) ' : ''}${r.kind} ${r.file}: ${r.rows} rows, ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`,
  );
  if (r.rejected.length) printRejects(r.file, r.rejected);
}

/** A progress line on stderr, redrawn at most every 200 ms when it is a terminal. */
function progress(label: string) {
  let last = 0;
  let finished = false;
  return (done: number, total: number) => {
    const now = Date.now();
    if (finished || (now - last < 200 && done < total)) return;
    finished = done >= total;
    last = now;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (process.stderr.isTTY)
      process.stderr.write(`\r${label}: ${done}/${total} (${pct}%)${done >= total ? '\n' : ''}`);
    else if (done >= total || pct % 25 === 0) err(`${label}: ${done}/${total} (${pct}%)`);
  };
}

export async function cli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'skip-invalid': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      calendar: { type: 'string' },
      all: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      missing: { type: 'boolean', default: false },
      'from-log': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    out('usage: motcua import <kind> <file> [--skip-invalid] [--dry-run] [--calendar CODE]');
    out('       motcua import-reference [--all] | seed-demo | migrate | kinds');
    out('       motcua rebuild-facts [--check] [--missing]');
    out('       motcua rebuild-counters [--from-log] [--check]');
    return command || values.help ? 0 : 2;
  }
  if (command === 'kinds') {
    for (const i of Object.values(IMPORTERS)) out(`${i.kind.padEnd(18)} ${i.description}`);
    return 0;
  }
  if (command === 'import') {
    const [kind, file] = rest;
    if (!kind || !file) {
      err('usage: motcua import <kind> <file>');
      return 2;
    }
    if (!IMPORTERS[kind]) {
      err(new UnknownImportKind(kind).message);
      return 2;
    }
  } else if (
    !['import-reference', 'seed-demo', 'migrate', 'rebuild-facts', 'rebuild-counters'].includes(command)
  ) {
    err(`unknown command "${command}"`);
    return 2;
  }

  const config = loadConfig();
  const database = await openDatabase(config, err, { poolSize: 2 });
  try {
    switch (command) {
      case 'import': {
        const [kind, file] = rest as [string, string];
        const result = await runImport(database.db, kind, file, {
          skipInvalid: values['skip-invalid'],
          dryRun: values['dry-run'],
          onProgress: progress(kind),
          params: values.calendar ? { calendar: values.calendar } : {},
          actor: `cli:${process.env.USER ?? 'unknown'}`,
        });
        printResult(result);
        return 0;
      }
      case 'import-reference':
        for (const r of await loadReferenceData(database.db, { onlyMissing: !values.all, log: err }))
          printResult(r);
        return 0;
      case 'seed-demo': {
        const { created } = await seedDemo(database.db, today());
        out(created.length ? `created ${created.join(', ')}` : 'demo deployments already exist');
        return 0;
      }
      case 'rebuild-facts': {
        const r = await rebuildFacts(database.db, { check: values.check, onlyMissing: values.missing });
        if (values.check) {
          out(`${r.dossiers} dossiers checked, ${r.differing.length} with facts that differ from their log`);
          if (r.differing.length) err(`differing: ${r.differing.slice(0, 50).join(', ')}`);
          return r.differing.length ? 1 : 0;
        }
        out(`${r.dossiers} dossiers, ${r.written} facts written`);
        return 0;
      }
      case 'rebuild-counters': {
        const r = await rebuildCounters(database.db, { check: values.check, fromLog: values['from-log'] });
        if (values.check) {
          out(
            `${r.tenants} deployments, ${r.dossiers} dossiers, ${r.counters} counters rebuilt: ${r.differing.length} live counters differ (${r.uncounted} dossiers not counted yet)`,
          );
          for (const d of r.differing.slice(0, 50))
            err(
              `differing: tenant ${d.key.tenant_id} agency ${d.key.agency_id} procedure ${d.key.procedure_id} ${d.key.channel} ${d.key.class} day ${d.key.day}: live ${d.live}, rebuilt ${d.rebuilt}`,
            );
          return r.differing.length ? 1 : 0;
        }
        out(
          `${r.factsWritten === undefined ? '' : `${r.factsWritten} facts rewritten from the log; `}${r.tenants} deployments, ${r.dossiers} dossiers, ${r.counters} counters written`,
        );
        return 0;
      }
      default:
        out('migrations are up to date');
        return 0;
    }
  } catch (e) {
    if (e instanceof ImportRejected) {
      printRejects(e.file, e.rejected);
      err(e.message);
      return 1;
    }
    if (e instanceof ImportFileError) {
      err(`${e.message} — ${e.messageVi}`);
      return 1;
    }
    throw e;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  cli(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((e) => {
      err(e instanceof ConfigError ? e.message : String(e?.stack ?? e));
      process.exit(1);
    });
}
