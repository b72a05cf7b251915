/**
 * A working calendar changed (a holiday declared or withdrawn, a make-up working day, a new weekly
 * pattern): the open dossiers whose due instant was computed with it get it recomputed, each as a
 * `recalculate_due` action of the system in its own log (PITFALLS.md B8), never by overwriting a
 * column. The calendar's write enqueues the work in its own transaction (calendar/service.ts: an
 * outbox message on the `recalculate` channel), so it survives a crash and runs after the change
 * has committed; the outbox worker runs it through `recalculationChannel`.
 *
 * What is recomputed: dossiers accepted or in processing (and awaiting a payment that does not stop
 * the clock), lead dossiers only (a liên thông child's due instant is its share of the parent's),
 * from their receipt, their pinned version's time limit and their closed pauses, with the calendar
 * as it now is. A dossier whose clock is stopped is left alone: its due instant is recomputed when
 * the clock restarts, with the calendar of that day. A step's own due instant is not moved: it is
 * an internal budget, and the next step is timed with the new calendar. Results already issued,
 * returned or ended keep the due instant they were judged against.
 */
import { createHash } from 'node:crypto';
import { clockStopped, type DossierSnapshot } from '@motcua/core';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import type { Deliver } from '../../jobs/worker.js';
import { appendAction } from './log.js';
import type { DossierRow } from './repository.js';
import { bindingOf } from './service.js';
import { openDossiersForRecalculation } from './service-repository.js';
import { deadlineFrom, limitOf, loadWorld } from './world.js';

const BATCH = 500;

export interface RecalculationResult {
  examined: number;
  moved: number;
  /** dossiers an officer's action changed under us three times running: the next change catches them */
  skipped: number;
}

/** The due instant a dossier's log would get from `calendar` now, or null when it gets none. */
function recomputed(s: DossierSnapshot, world: Awaited<ReturnType<typeof loadWorld>>): number | null {
  if (s.receivedAt === null || s.dueAt === null || clockStopped(s)) return null;
  const pauses = s.pauses.flatMap((p) =>
    p.to !== null && p.to > p.from ? [{ from: p.from, to: p.to }] : [],
  );
  return deadlineFrom(world.calendar, s.receivedAt, limitOf(world.content, s.channel ?? 'direct'), pauses);
}

/** Nothing to move after all (found under the row lock): no action is written. */
class Unchanged extends Error {}

/**
 * Recomputes the due instants of a deployment's open dossiers after calendar `calendarId` reached
 * `revision`. Safe to run twice: each dossier's action carries a key made of the calendar, its
 * revision and the dossier, and a dossier whose due instant already agrees is not touched.
 */
export async function recalculateDueDates(
  db: Db,
  input: { tenantId: number; calendarId: number; revision: number; now: () => number },
): Promise<RecalculationResult> {
  const result: RecalculationResult = { examined: 0, moved: 0, skipped: 0 };
  let after = 0;
  for (;;) {
    const rows = await openDossiersForRecalculation(db, input.tenantId, after, BATCH);
    if (!rows.length) break;
    after = rows.at(-1)!.id;
    for (const first of rows) {
      result.examined++;
      const world = await loadWorld(db, bindingOf(first));
      const due = recomputed(first.state, world);
      if (due === null || due === first.state.dueAt) continue;
      const outcome = await moveDue(db, input, first, world);
      if (outcome === 'moved') result.moved++;
      else if (outcome === 'skipped') result.skipped++;
    }
  }
  return result;
}

async function moveDue(
  db: Db,
  input: { tenantId: number; calendarId: number; revision: number; now: () => number },
  row: DossierRow,
  world: Awaited<ReturnType<typeof loadWorld>>,
): Promise<'moved' | 'unchanged' | 'skipped'> {
  const key = `calendar:${input.calendarId}:r${input.revision}:d${row.id}`;
  const requestHash = createHash('sha256').update(key).digest('hex');
  let version = row.version;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await appendAction(db, {
        tenantId: row.tenant_id,
        dossierId: row.id,
        expectedVersion: version,
        idempotency: { key, requestHash },
        // decided again under the row lock: an officer's action may have moved it meanwhile
        action: async (_trx, s) => {
          const due = recomputed(s, world);
          if (due === null || due === s.dueAt) throw new Unchanged();
          return {
            type: 'recalculate_due',
            at: Math.max(input.now(), s.lastActionAt ?? 0),
            actor: { kind: 'system' },
            dueAt: due,
            calendars: `${input.calendarId}@${input.revision}`,
          };
        },
      });
      return 'moved';
    } catch (e) {
      if (e instanceof Unchanged) return 'unchanged';
      if (e instanceof DomainError && e.code === 'VERSION_CONFLICT') {
        const current = e.details.currentVersion;
        if (typeof current !== 'number') throw e;
        version = current;
        continue;
      }
      // the state moved on to one this action does not follow (ended, clock stopped): nothing to do
      if (e instanceof DomainError && (e.code === 'ACTION_NOT_ALLOWED_IN_STATE' || e.code === 'STATE_FINAL'))
        return 'unchanged';
      throw e;
    }
  }
  return 'skipped';
}

/** The outbox channel that runs a queued recalculation (the worker retries it if it fails). */
export function recalculationChannel(db: Db, now: () => number = Date.now): Deliver {
  return async (m) => {
    const p = m.payload as { calendarId?: unknown; revision?: unknown };
    if (typeof p.calendarId !== 'number' || typeof p.revision !== 'number')
      throw Object.assign(new Error('recalculate message payload: expected {calendarId, revision}'), {
        permanent: true,
      });
    const r = await recalculateDueDates(db, {
      tenantId: m.tenantId,
      calendarId: p.calendarId,
      revision: p.revision,
      now,
    });
    return { providerId: `examined ${r.examined}, moved ${r.moved}, skipped ${r.skipped}` };
  };
}
