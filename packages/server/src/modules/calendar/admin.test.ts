/** Calendar administration: audited, scoped to the deployment, effective at once. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
let admin: Session;
let specialist: Session;
let tenantCalendar: number;
let national: number;

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
  admin = await signIn(app, 'admin');
  specialist = await signIn(app, 'chuyenvien.stp');
  tenantCalendar = (
    await t.db.selectFrom('calendars').select('id').where('code', '=', 'ha-noi').executeTakeFirstOrThrow()
  ).id;
  national = (
    await t.db
      .selectFrom('calendars')
      .select('id')
      .where('code', '=', 'vn-public-sector')
      .executeTakeFirstOrThrow()
  ).id;
});

const dueOn = async (calendarId: number, receivedAt: string, amount = 1) =>
  (
    await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/deadline',
      payload: { receivedAt, limit: { amount, unit: 'working_days' }, calendarId },
    })
  ).json().dueAt;
const audits = (action: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('calendar administration', () => {
  it('shows a year with inherited official days', async () => {
    const res = await app.inject({
      url: `/api/v1/calendars/${tenantCalendar}/years/2026`,
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: 'ha-noi', weeklyInherited: true, standardDayHours: 8 });
    expect(body.exceptions.find((e: { date: string }) => e.date === '2026-02-17')).toMatchObject({
      inherited: true,
      status: 'official',
    });
  });

  it('adds a local closure that takes effect at once, audited', async () => {
    expect(await dueOn(tenantCalendar, '2026-10-09T08:00:00+07:00')).toBe('2026-10-12T08:00:00+07:00');
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${tenantCalendar}/exceptions/2026-10-12`,
      headers: admin.headers,
      payload: {
        kind: 'swapped_day_off',
        name: 'Nghỉ bù ngày Giải phóng Thủ đô',
        legalBasis: 'Quyết định của UBND Thành phố (thử)',
        status: 'official',
      },
    });
    expect(put.statusCode).toBe(201);
    expect(await dueOn(tenantCalendar, '2026-10-09T08:00:00+07:00')).toBe('2026-10-13T08:00:00+07:00');
    // the national calendar is untouched
    expect(await dueOn(national, '2026-10-09T08:00:00+07:00')).toBe('2026-10-12T08:00:00+07:00');
    const [entry] = await audits('calendar.exception.create');
    expect(entry).toMatchObject({
      actor_label: 'admin',
      entity_type: 'calendar',
      entity_id: String(tenantCalendar),
      before: null,
    });

    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/calendars/${tenantCalendar}/exceptions/2026-10-12`,
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(204);
    expect(await dueOn(tenantCalendar, '2026-10-09T08:00:00+07:00')).toBe('2026-10-12T08:00:00+07:00');
    expect(await audits('calendar.exception.delete')).toHaveLength(1);
  });

  it('refuses a make-up working day on a weekday (422) and a non-existent date (400)', async () => {
    const weekday = await app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${tenantCalendar}/exceptions/2026-10-14`,
      headers: admin.headers,
      payload: { kind: 'makeup_working_day', name: 'Làm bù', legalBasis: null, status: 'official' },
    });
    expect(weekday.statusCode).toBe(422);
    expect(weekday.json().error.code).toBe('MAKEUP_DAY_NOT_WEEKEND');
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${tenantCalendar}/exceptions/2026-02-30`,
      headers: admin.headers,
      payload: { kind: 'statutory', name: 'Không có', legalBasis: null, status: 'official' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('edits working periods (a 7-hour day), validated first', async () => {
    const p = ['08:00-11:30', '13:30-17:00'];
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${tenantCalendar}/working-time`,
      headers: admin.headers,
      payload: { weekly: { 1: ['11:30-08:00'] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_PERIOD');
    const ok = await app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${tenantCalendar}/working-time`,
      headers: admin.headers,
      payload: { weekly: { 1: p, 2: p, 3: p, 4: p, 5: p } },
    });
    expect(ok.statusCode).toBe(200);
    const d = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/deadline',
      payload: {
        receivedAt: '2026-03-02T08:00:00+07:00',
        limit: { amount: 1, unit: 'working_days' },
        calendarId: tenantCalendar,
      },
    });
    expect(d.json()).toMatchObject({ dueAt: '2026-03-02T17:00:00+07:00', standardDayHours: 7 });
    expect(await audits('calendar.working_time.update')).toHaveLength(1);
    // back to inheriting the national periods
    await app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${tenantCalendar}/working-time`,
      headers: admin.headers,
      payload: { weekly: null },
    });
  });

  it('derives a provisional 2027 and confirms it; refuses to derive over an official year', async () => {
    const derived = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2027/derive`,
      headers: admin.headers,
    });
    expect(derived.statusCode).toBe(200);
    const days = derived.json().exceptions;
    expect(days).toContainEqual(
      expect.objectContaining({ date: '2027-02-06', name: 'Tết Nguyên đán', status: 'provisional' }),
    );
    // 24/11 is shipped as a disabled rule: not derived until an administrator enables it
    expect(days.find((d: { date: string }) => d.date === '2027-11-24')).toBeUndefined();
    const cal = await app.inject({
      url: `/api/v1/calendars/${tenantCalendar}/years/2027`,
      headers: { cookie: admin.cookie },
    });
    expect(cal.json().exceptions.every((e: { status: string }) => e.status === 'provisional')).toBe(true);

    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2027/confirm`,
      headers: admin.headers,
    });
    expect(confirmed.json()).toEqual({ year: 2027, confirmed: days.length });
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2027/derive`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('YEAR_HAS_OFFICIAL_SCHEDULE');
    const over2026 = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2026/derive`,
      headers: admin.headers,
    });
    expect(over2026.statusCode).toBe(409);
  });

  it('imports an annual notice as CSV, and refuses a bad one whole', async () => {
    const csv =
      'date,kind,name,legal_basis,status,confidence\n2028-01-01,statutory,Tết Dương lịch,Thông báo (thử),official,high\n2028-01-08,makeup_working_day,Làm bù,Thông báo (thử),official,high\n';
    const ok = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/import`,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ inserted: 2, rejected: [] });
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/import`,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: 'date,kind,name,legal_basis,status,confidence\n2028-13-01,statutory,Sai,,official,\n',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.rejected[0]).toMatchObject({ line: 2, field: 'date' });
    expect(await audits('calendar.import')).toHaveLength(1);
  });

  it('keeps the national calendar read-only and the others to administrators with a CSRF token', async () => {
    const nat = await app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${national}/exceptions/2026-10-12`,
      headers: admin.headers,
      payload: { kind: 'statutory', name: 'Thử', legalBasis: null, status: 'official' },
    });
    expect(nat.statusCode).toBe(403);
    expect(nat.json().error.details.reason).toBe('NATIONAL_CALENDAR_READ_ONLY');
    const notAdmin = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2029/derive`,
      headers: specialist.headers,
    });
    expect(notAdmin.statusCode).toBe(403);
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2029/derive`,
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.json().error.code).toBe('CSRF_TOKEN_INVALID');
    // an agency administrator does not reach the city's calendar
    const agencyAdmin = await signIn(app, 'quantri.stp');
    const narrow = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2029/derive`,
      headers: agencyAdmin.headers,
    });
    expect(narrow.statusCode).toBe(403);
    expect(narrow.json().error.details.reason).toBe('CALENDAR_OUTSIDE_SCOPE');
    const otherTenant = await signIn(app, 'hn3.admin');
    const cross = await app.inject({
      url: `/api/v1/calendars/${tenantCalendar}/years/2026`,
      headers: { cookie: otherTenant.cookie },
    });
    expect(cross.statusCode).toBe(404);
  });

  it('adds an enacted holiday as data (24/11) and derives it; the national rule stays disabled', async () => {
    const rules = await app.inject({
      url: `/api/v1/calendars/${tenantCalendar}/holiday-rules`,
      headers: { cookie: admin.cookie },
    });
    expect(rules.json()).toContainEqual(
      expect.objectContaining({ name: 'Ngày Văn hóa Việt Nam', enabled: false, inherited: true }),
    );
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/holiday-rules`,
      headers: admin.headers,
      payload: {
        name: 'Không có',
        calendarKind: 'solar',
        month: 2,
        day: 31,
        legalBasis: null,
        enabled: true,
        validFrom: null,
      },
    });
    expect(bad.statusCode).toBe(400);
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/holiday-rules`,
      headers: admin.headers,
      payload: {
        name: 'Ngày Văn hóa Việt Nam',
        calendarKind: 'solar',
        month: 11,
        day: 24,
        legalBasis: 'Luật sửa đổi (thử)',
        enabled: true,
        validFrom: '2030-01-01',
      },
    });
    expect(created.statusCode).toBe(201);
    const derived = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2030/derive`,
      headers: admin.headers,
    });
    expect(derived.json().exceptions).toContainEqual(
      expect.objectContaining({ date: '2030-11-24', name: 'Ngày Văn hóa Việt Nam' }),
    );
    const off = await app.inject({
      method: 'PATCH',
      url: `/api/v1/calendars/${tenantCalendar}/holiday-rules/${created.json().id}`,
      headers: admin.headers,
      payload: { enabled: false },
    });
    expect(off.json().enabled).toBe(false);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${tenantCalendar}/years/2030/derive`,
      headers: admin.headers,
    });
    expect(again.json().exceptions.find((e: { date: string }) => e.date === '2030-11-24')).toBeUndefined();
    expect(await audits('calendar.holiday_rule.update')).toHaveLength(1);
  });
});
