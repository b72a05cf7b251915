/**
 * A late dossier: a same-day birth registration accepted on Monday morning is not signed by the
 * end of the day; the one-stop unit apologises with a new appointment (Mẫu 04). The appointment
 * moves; the due instant that decides lateness does not (TIME.md §1.5, PITFALLS B5).
 */
import { classifyFinished } from '@motcua/core';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { type Dossier, dossierApi, H, journey, vn } from './test-helpers.js';
import { calendarOf } from './world.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

describe('a late dossier with an apology', () => {
  let d: Dossier;
  let due: number;

  it('is due at the end of the day it was accepted', async () => {
    d = await journey(api, 'signing');
    due = new Date(d.dueAt as string).getTime();
    expect(due).toBe(vn(2026, 12, 7, 17, 0));
  });

  it('refuses an apology whose new appointment is not later', async () => {
    await api.refused(
      'motcua.hoankiem',
      d,
      'apologise',
      { reason: 'Chậm ký', newAppointmentAt: '2026-12-07T16:00:00+07:00' },
      422,
      'APPOINTMENT_NOT_LATER',
    );
  });

  it('records the apology: the appointment moves, the due instant stays', async () => {
    api.advance(6 * H); // 15:00
    d = await api.act('motcua.hoankiem', d, 'apologise', {
      reason: 'Lãnh đạo Ủy ban nhân dân phường đi công tác đột xuất, chưa ký được Giấy khai sinh',
      newAppointmentAt: '2026-12-08T11:00:00+07:00',
    });
    expect(new Date(d.appointmentAt as string).getTime()).toBe(vn(2026, 12, 8, 11, 0));
    expect(new Date(d.dueAt as string).getTime()).toBe(due);
    const msgs = await t.db
      .selectFrom('outbox_messages')
      .select('channel')
      .where('topic', '=', 'dossier.apology')
      .execute();
    expect(msgs.length).toBe(2);
    const pdf = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/forms/APOLOGY_EXTENSION`);
    expect(pdf.statusCode, pdf.body).toBe(200);
  });

  it('finishes the next morning, before the new appointment, and is still late', async () => {
    api.advance(18 * H + 30 * 60_000); // Tuesday 09:30
    d = await api.act('lanhdao.hoankiem', d, 'approve');
    d = await api.act('lanhdao.hoankiem', d, 'sign');
    d = await api.act('lanhdao.hoankiem', d, 'forward');
    d = await api.act('vanthu.hoankiem', d, 'issue_result');
    const finished = new Date(d.finishedAt as string).getTime();
    expect(finished).toBeLessThan(new Date(d.appointmentAt as string).getTime());
    const cal = await calendarOf(t.db, d.competentAgencyId as number);
    expect(classifyFinished(cal, finished, new Date(d.dueAt as string).getTime())).toBe('late');
  });

  it('shows the new appointment on the public tracking page', async () => {
    const r = await api.app.inject({ method: 'GET', url: `/api/v1/tracking/${d.code}` });
    expect(new Date(r.json().appointmentAt).getTime()).toBe(vn(2026, 12, 8, 11, 0));
    await api.expectReplayable();
  });
});
