/**
 * The monitoring read model (migration 0015): per dossier, the facts the indicators and the
 * periodic report count. Live, it is written with every action (dossiers/repository.ts
 * insertAction); here it is rebuilt from the action log, which is the truth: `motcua rebuild-facts`
 * after an upgrade across 0015, after a bulk load that wrote dossiers by SQL (bench/), or to check
 * the live model (`--check` reports the dossiers whose facts differ and changes nothing).
 */
import { type DossierAction, factsOfLog, type LoggedFacts } from '@motcua/core';
import type { Db } from '../../db/client.js';
import * as repo from './repository.js';

export interface RebuildResult {
  dossiers: number;
  written: number;
  /** with `check`: the dossiers whose stored facts differ from their log's */
  differing: number[];
}

/** The stored facts of a dossier in the core's shape, due instant history included. */
export function storedFacts(row: repo.FactsRow): LoggedFacts {
  return { ...row.facts, dueHistory: row.due_history };
}

/**
 * Folds every dossier's log (or only those without facts) into its facts, in batches by id.
 * `check`: compares instead of writing.
 */
export async function rebuildFacts(
  db: Db,
  opts: { onlyMissing?: boolean; check?: boolean; batch?: number; tenantId?: number } = {},
): Promise<RebuildResult> {
  const batch = opts.batch ?? 500;
  const out: RebuildResult = { dossiers: 0, written: 0, differing: [] };
  let after = 0;
  for (;;) {
    const dossiers = await repo.dossiersAfter(db, after, batch, opts);
    if (!dossiers.length) break;
    after = dossiers.at(-1)!.id;
    const logs = await repo.logsOf(
      db,
      dossiers.map((d) => d.id),
    );
    const stored = opts.check
      ? await repo.factsOf(
          db,
          dossiers.map((d) => d.id),
        )
      : new Map<number, repo.FactsRow>();
    for (const d of dossiers) {
      out.dossiers++;
      const facts = factsOfLog((logs.get(d.id) ?? []) as DossierAction[]);
      if (opts.check) {
        const s = stored.get(d.id);
        if (!s || JSON.stringify(normalise(storedFacts(s))) !== JSON.stringify(normalise(facts)))
          out.differing.push(d.id);
        continue;
      }
      await repo.writeFacts(db, d, facts);
      out.written++;
    }
  }
  return out;
}

/** Key order as the core builds it, so that two equal facts print equal. */
function normalise(f: LoggedFacts): LoggedFacts {
  return {
    channel: f.channel,
    receivedAt: f.receivedAt,
    refusedAt: f.refusedAt ?? null,
    dueHistory: f.dueHistory.map((h) => ({ from: h.from, dueAt: h.dueAt })),
    end: f.end ? { kind: f.end.kind, at: f.end.at } : null,
    withdrawnAt: f.withdrawnAt,
    pauses: f.pauses.map((p) => ({ kind: p.kind, from: p.from, to: p.to })),
    supplementRequests: f.supplementRequests,
    apologiesAt: [...f.apologiesAt],
    dueAt: f.dueAt,
    rating: f.rating,
    version: f.version,
  };
}
