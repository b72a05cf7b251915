/** The public computing endpoints: deadline, lunar ↔ solar, days. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
});

const post = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/calendar/deadline', payload: payload as object });

describe('POST /api/v1/calendar/deadline', () => {
  it('computes across Tết 2026 and explains every day, without sign-in', async () => {
    const res = await post({
      receivedAt: '2026-02-13T10:00:00+07:00',
      limit: { amount: 3, unit: 'working_days' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dueAt: '2026-02-25T10:00:00+07:00',
      workingHoursCounted: 24,
      pausedWorkingHours: 0,
      standardDayHours: 8,
      calendar: { code: 'vn-public-sector' },
    });
    const tet = body.explanation.find((d: { date: string }) => d.date === '2026-02-17');
    expect(tet).toMatchObject({
      working: false,
      reason: { kind: 'statutory', name: expect.stringContaining('Tết') },
    });
  });

  it('accepts UTC instants and applies pauses', async () => {
    const res = await post({
      receivedAt: '2026-03-02T01:00:00Z',
      limit: { amount: 1, unit: 'working_days' },
      pauses: [{ from: '2026-03-02T09:00:00+07:00', to: '2026-03-03T09:00:00+07:00' }],
    });
    expect(res.json()).toMatchObject({ dueAt: '2026-03-04T08:00:00+07:00', pausedWorkingHours: 8 });
  });

  it('uses an agency calendar: the city centre counts Saturday mornings', async () => {
    const cal = await t.db
      .selectFrom('calendars')
      .select('id')
      .where('code', '=', 'ha-noi-ttpvhcc')
      .executeTakeFirstOrThrow();
    const res = await post({
      receivedAt: '2026-03-06T16:00:00+07:00',
      limit: { amount: 1, unit: 'working_days' },
      calendarId: cal.id,
    });
    expect(res.json().dueAt).toBe('2026-03-09T11:00:00+07:00');
    const national = await post({
      receivedAt: '2026-03-06T16:00:00+07:00',
      limit: { amount: 1, unit: 'working_days' },
    });
    expect(national.json().dueAt).toBe('2026-03-09T16:00:00+07:00');
  });

  it.each([
    [{ receivedAt: '2026-02-13T10:00:00', limit: { amount: 3, unit: 'working_days' } }, 'INVALID_INSTANT'],
    [{ receivedAt: '13/02/2026 10:00', limit: { amount: 3, unit: 'working_days' } }, 'INVALID_INSTANT'],
    [
      { receivedAt: '2026-02-13T10:00:00+07:00', limit: { amount: -1, unit: 'working_days' } },
      'AMOUNT_OUT_OF_RANGE',
    ],
    [
      { receivedAt: '2026-02-13T10:00:00+07:00', limit: { amount: 4000, unit: 'calendar_days' } },
      'AMOUNT_OUT_OF_RANGE',
    ],
    [{ receivedAt: '2026-02-13T10:00:00+07:00', limit: { amount: 3, unit: 'weeks' } }, 'UNKNOWN_UNIT'],
    [
      {
        receivedAt: '2026-02-13T10:00:00+07:00',
        limit: { amount: 3, unit: 'working_days' },
        pauses: [{ from: '2026-02-13T11:00:00+07:00', to: '2026-02-13T10:30:00+07:00' }],
      },
      'PAUSE_INVALID',
    ],
    [
      {
        receivedAt: '2026-02-13T10:00:00+07:00',
        limit: { amount: 3, unit: 'working_days' },
        pauses: [
          { from: '2026-02-13T10:30:00+07:00', to: '2026-02-13T11:00:00+07:00' },
          { from: '2026-02-13T10:45:00+07:00', to: '2026-02-13T11:30:00+07:00' },
        ],
      },
      'PAUSE_OVERLAP',
    ],
    [{ receivedAt: '2026-02-13T10:00:00+07:00', limit: { amount: 3 } }, 'VALIDATION_FAILED'],
  ])('refuses %j with 400 %s', async (payload, code) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, messageVi: expect.any(String) });
  });

  it('404 for an unknown calendar', async () => {
    const res = await post({
      receivedAt: '2026-02-13T10:00:00+07:00',
      limit: { amount: 1, unit: 'working_days' },
      calendarId: 99999,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('lunar and solar conversion', () => {
  it('converts Tết 2026 both ways with the can-chi of the year', async () => {
    const lunar = await app.inject('/api/v1/calendar/lunar?date=2026-02-17');
    expect(lunar.json()).toEqual({ day: 1, month: 1, year: 2026, leap: false, yearCanChi: 'Bính Ngọ' });
    const solar = await app.inject('/api/v1/calendar/solar?day=10&month=3&year=2026');
    expect(solar.json().date).toBe('2026-04-26');
  });

  it('follows Vietnam, not China: Tết 1985 was 21 January', async () => {
    expect((await app.inject('/api/v1/calendar/lunar?date=1985-01-21')).json()).toMatchObject({
      day: 1,
      month: 1,
      year: 1985,
    });
  });

  it('refuses dates outside 1900–2100 and lunar dates that do not exist', async () => {
    const early = await app.inject('/api/v1/calendar/lunar?date=1899-12-31');
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('LUNAR_OUT_OF_RANGE');
    const leap = await app.inject('/api/v1/calendar/solar?day=1&month=5&year=2024&leap=true');
    expect(leap.statusCode).toBe(400);
    expect(leap.json().error.code).toBe('LUNAR_INVALID_DATE');
    const invalid = await app.inject('/api/v1/calendar/lunar?date=2025-02-29');
    expect(invalid.statusCode).toBe(400);
  });
});

describe('GET /api/v1/calendar/days', () => {
  it('lists working and non-working days with kind, name and lunar date', async () => {
    const res = await app.inject('/api/v1/calendar/days?from=2026-02-13&to=2026-02-23');
    expect(res.statusCode).toBe(200);
    const days = res.json().days;
    expect(days).toHaveLength(11);
    expect(days[0]).toMatchObject({ date: '2026-02-13', working: true, hours: 8 });
    expect(days[4]).toMatchObject({
      date: '2026-02-17',
      working: false,
      reason: { kind: 'statutory' },
      lunar: { day: 1, month: 1 },
    });
    expect(days[10]).toMatchObject({ date: '2026-02-23', working: true });
  });

  it('shows make-up Saturdays as working days', async () => {
    const res = await app.inject('/api/v1/calendar/days?from=2026-01-10&to=2026-01-10');
    expect(res.json().days[0]).toMatchObject({ working: true, makeup: { name: expect.any(String) } });
  });

  it('refuses a reversed or too long range', async () => {
    expect((await app.inject('/api/v1/calendar/days?from=2026-02-23&to=2026-02-13')).json().error.code).toBe(
      'DATE_RANGE_INVALID',
    );
    expect((await app.inject('/api/v1/calendar/days?from=2020-01-01&to=2026-01-01')).statusCode).toBe(400);
    expect((await app.inject('/api/v1/calendar/days?from=2026-02-30&to=2026-03-01')).json().error.code).toBe(
      'INVALID_DATE',
    );
  });
});
