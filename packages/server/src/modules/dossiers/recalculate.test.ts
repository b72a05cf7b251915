/**
 * A calendar change moves open dossiers' due instants as logged actions (PITFALLS.md B8). The story:
 * on Monday 7 December 2026 at 10:00 the city declares that very Monday a day off (announced late,
 * as closures for a storm are); the birth registrations accepted that morning, due at 17:00, become
 * due on Tuesday. A dossier waiting for a supplement, and one already returned, do not move.
 */
import { type DossierAction, replay } from '@motcua/core';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { recalculateDueDates, recalculationChannel } from './recalculate.js';
import { type Dossier, dossierApi, H, journey, vn } from './test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

const stored = (id: number) =>
  t.db
    .selectFrom('dossiers')
    .select(['due_at', 'state', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const logOf = (id: number) =>
  t.db.selectFrom('dossier_actions').selectAll().where('dossier_id', '=', id).orderBy('seq').execute();

describe('a calendar change recomputes open dossiers', () => {
  let open: Dossier;
  let waiting: Dossier;
  let returned: Dossier;
  let calendarId: number;
  let revision: number;

  it('starts with three birth registrations due at 17:00 on the Monday', async () => {
    open = await journey(api, 'appraisal');
    waiting = await journey(api, 'appraisal');
    returned = await journey(api, 'returned');
    for (const d of [open, waiting])
      expect(new Date(d.dueAt as string).getTime()).toBe(vn(2026, 12, 7, 17, 0));
    waiting = await api.act('chuyenvien.hoankiem', waiting, 'request_supplement', {
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản chụp mờ' }],
    });
    calendarId = (
      await t.db.selectFrom('calendars').select('id').where('code', '=', 'ha-noi').executeTakeFirstOrThrow()
    ).id;
  });

  it('queues the recomputation with the calendar change, in its transaction', async () => {
    api.advance(H); // 10:00
    const put = await api.app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${calendarId}/exceptions/2026-12-07`,
      headers: (await api.as('admin')).headers,
      payload: {
        kind: 'swapped_day_off',
        name: 'Nghỉ làm việc do bão',
        legalBasis: 'Công điện của Chủ tịch UBND Thành phố (thử)',
        status: 'official',
      },
    });
    expect(put.statusCode, put.body).toBe(201);
    const queued = await t.db
      .selectFrom('outbox_messages')
      .select(['channel', 'topic', 'payload'])
      .where('channel', '=', 'recalculate')
      .execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ topic: 'calendar.changed', payload: { calendarId } });
    revision = (queued[0]!.payload as { revision: number }).revision;
  });

  it('moves the open dossier by a logged action of the system, and only it', async () => {
    const before = await Promise.all([waiting, returned].map((d) => stored(d.id)));
    const result = await recalculateDueDates(t.appDb, {
      tenantId: open.tenantId as number,
      calendarId,
      revision,
      now: () => vn(2026, 12, 7, 10, 0),
    });
    expect(result.moved).toBe(1);
    const after = await stored(open.id);
    // the clock starts again on Tuesday morning: a same-day procedure is due that evening
    expect(new Date(after.due_at as Date).getTime()).toBe(vn(2026, 12, 8, 17, 0));
    expect(after.state.appointmentAt).toBe(vn(2026, 12, 8, 17, 0));
    const last = (await logOf(open.id)).at(-1)!;
    expect(last).toMatchObject({ type: 'recalculate_due', actor: { kind: 'system' } });
    expect(last.payload).toMatchObject({
      dueAt: vn(2026, 12, 8, 17, 0),
      calendars: `${calendarId}@${revision}`,
    });
    // the stored state is still the replayed log
    const replayed = replay((await logOf(open.id)).map((a) => a.payload as DossierAction));
    expect(replayed.dueAt).toBe(after.state.dueAt);
    // the waiting and the returned dossiers are as they were
    expect(await Promise.all([waiting, returned].map((d) => stored(d.id)))).toEqual(before);
  });

  it('moves nothing twice: a second run (a retried message) finds every dossier in agreement', async () => {
    const version = (await stored(open.id)).version;
    const again = await recalculateDueDates(t.appDb, {
      tenantId: open.tenantId as number,
      calendarId,
      revision,
      now: () => vn(2026, 12, 7, 10, 5),
    });
    expect(again.moved).toBe(0);
    expect((await stored(open.id)).version).toBe(version);
  });

  it('runs from the outbox message through its channel', async () => {
    const remove = await api.app.inject({
      method: 'DELETE',
      url: `/api/v1/calendars/${calendarId}/exceptions/2026-12-07`,
      headers: (await api.as('admin')).headers,
    });
    expect(remove.statusCode, remove.body).toBeLessThan(300);
    const msg = await t.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('channel', '=', 'recalculate')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const deliver = recalculationChannel(t.appDb, () => vn(2026, 12, 7, 10, 30));
    const out = await deliver(
      {
        id: msg.id,
        tenantId: msg.tenant_id,
        channel: msg.channel,
        topic: msg.topic,
        recipient: msg.recipient,
        payload: msg.payload,
        idempotencyKey: msg.idempotency_key,
        deliveryKey: 'x',
        attempt: 1,
        claimToken: 'x',
      },
      new AbortController().signal,
    );
    expect(out?.providerId).toMatch(/moved 1/);
    // the closure withdrawn: due at 17:00 on the Monday again, by a second logged action
    expect(new Date((await stored(open.id)).due_at as Date).getTime()).toBe(vn(2026, 12, 7, 17, 0));
    expect((await logOf(open.id)).filter((a) => a.type === 'recalculate_due')).toHaveLength(2);
    await api.expectReplayable();
  });
});
