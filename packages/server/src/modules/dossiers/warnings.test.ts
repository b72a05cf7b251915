/** Warnings before a step or a dossier is due, and once it is overdue, queued by a periodic scan. */
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { dossierApi, H, journey, vn } from './test-helpers.js';
import { queueDueWarnings } from './warnings.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));
const warnings = () =>
  t.db
    .selectFrom('outbox_messages')
    .select(['topic', 'recipient'])
    .where('topic', 'like', 'dossier.%due%')
    .execute();

describe('due warnings', () => {
  it('tells the step’s officers before the step is due, the assignee when there is one, and only once', async () => {
    const d = await journey(api, 'appraisal');
    const stepDue = new Date(d.stepDueAt as string).getTime();
    // far from the step's due instant: nothing
    expect(await queueDueWarnings(t.db, api.clock.t, { withinHours: 1 })).toBe(0);
    const n = await queueDueWarnings(t.db, stepDue - 30 * 60_000, { withinHours: 1 });
    expect(n).toBeGreaterThan(0);
    expect((await warnings()).map((w) => w.recipient)).toContain('chuyenvien.hoankiem@example.vn');
    // the same scan again queues nothing more
    expect(await queueDueWarnings(t.db, stepDue - 20 * 60_000, { withinHours: 1 })).toBe(0);
  });

  it('warns that a dossier is overdue, not while its clock is stopped', async () => {
    const d = await journey(api, 'appraisal');
    const due = new Date(d.dueAt as string).getTime();
    const before = (await warnings()).filter((w) => w.topic === 'dossier.overdue').length;
    const paused = await api.act('chuyenvien.hoankiem', d, 'request_supplement', {
      items: [{ name: 'A', reason: 'B' }],
    });
    expect(paused.status).toBe('supplement_requested');
    await queueDueWarnings(t.db, due + 2 * H, { withinHours: 1 });
    const other = await journey(api, 'appraisal');
    await queueDueWarnings(t.db, new Date(other.dueAt as string).getTime() + 2 * H, { withinHours: 1 });
    const overdue = (await warnings()).filter((w) => w.topic === 'dossier.overdue');
    // the running dossiers are overdue; the paused one is not among them
    expect(overdue.length).toBeGreaterThan(before);
    const refs = await t.db
      .selectFrom('outbox_messages')
      .select('ref_id')
      .where('topic', '=', 'dossier.overdue')
      .execute();
    expect(refs.map((r) => r.ref_id)).not.toContain(paused.code);
  });
});
