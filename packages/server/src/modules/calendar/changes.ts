/**
 * What follows any change to a calendar, whoever makes it (an administrator through the API, the
 * holiday import of the CLI): the open dossiers whose due instants it may move are recomputed
 * (PITFALLS.md B8; modules/dossiers/recalculate.ts does it). The work is queued in the change's own
 * transaction, as an outbox message on the `recalculate` channel per deployment the calendar serves,
 * keyed by the calendar's revision: it exists only if the change commits, and only once.
 */
import type { Db } from '../../db/client.js';
import { enqueue } from '../../jobs/outbox.js';
import * as repo from './repository.js';

export const RECALCULATE_CHANNEL = 'recalculate';

/** Queues the recomputation for the calendar's current revision (the change has bumped it). */
export async function queueRecalculation(trx: Db, calendarId: number): Promise<void> {
  const revision = await repo.revisionOf(trx, calendarId);
  for (const tenantId of await repo.calendarTenants(trx, calendarId))
    await enqueue(trx, {
      tenantId,
      channel: RECALCULATE_CHANNEL,
      topic: 'calendar.changed',
      recipient: `calendar:${calendarId}`,
      payload: { calendarId, revision },
      idempotencyKey: `calendar:${calendarId}:r${revision}`,
      ref: { type: 'calendar', id: calendarId },
    });
}
