/**
 * Working calendars and legal deadlines over HTTP. The arithmetic is core's; this module loads a
 * calendar (with its parents' exceptions), caches it by revision, maps typed core errors to 400s,
 * and runs the audited administration of calendars.
 */
import {
  buildCalendar,
  CalendarError,
  type CalendarException,
  type CalendarInput,
  canAct,
  computeDeadline,
  deriveProvisionalHolidays,
  describeDay,
  isoDateOf,
  isValidDate,
  type Limit,
  LunarError,
  parseIsoDate,
  solarToLunar,
  type WorkCalendar,
} from '@motcua/core';
import { type AuthContext, resolveTarget } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { DomainError, errors } from '../../errors.js';
import { recordAudit } from '../audit/repository.js';
import type { RequestMeta } from '../org/service.js';
import { importFileFromText } from '../reference/read-file.js';
import { ImportRejected, importWithin } from '../reference/service.js';
import { queueRecalculation } from './changes.js';
import * as repo from './repository.js';

/** Core refusals (bad instants, amounts, pauses, dates) become 400s with the core's own code. */
export function asDomainError(e: unknown): never {
  if (e instanceof CalendarError || e instanceof LunarError)
    throw new DomainError(
      400,
      e.code,
      e.message,
      e.messageVi,
      'details' in e ? (e.details as Record<string, unknown>) : {},
    );
  throw e;
}

const cache = new Map<string, { calendar: WorkCalendar; row: repo.CalendarRow }>();

/**
 * Counts the calendar writes of this process, once each has committed or failed: what keeps a
 * built calendar beside a dossier's world (dossiers/world.ts, MOTCUA_CATALOG_CACHE_MS) drops it
 * at once on a change made here; a change made by another process is seen within that lifetime.
 */
let writes = 0;
export const calendarWrites = () => writes;

/**
 * A write to calendar `id` in one transaction, which also queues the recomputation of the open
 * dossiers' due instants it may move (PITFALLS.md B8; dossiers/recalculate.ts does it): one outbox
 * message per deployment the calendar serves, keyed by the calendar's new revision.
 */
async function writeCalendar<T>(db: Db, id: number, fn: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const out = await fn(trx);
      await queueRecalculation(trx, id);
      return out;
    });
  } finally {
    writes++;
  }
}

export async function loadCalendar(
  db: Db,
  calendarId?: number,
): Promise<{ calendar: WorkCalendar; row: repo.CalendarRow }> {
  const id = calendarId ?? (await repo.calendarIdByCode(db, repo.NATIONAL_CALENDAR));
  const chain = id === undefined ? [] : await repo.calendarChain(db, id);
  const self = chain[0];
  if (!self) throw errors.notFound('calendar', calendarId ?? repo.NATIONAL_CALENDAR, 'lịch làm việc');
  const key = chain.map((c) => `${c.id}:${c.revision}`).join('|');
  const hit = cache.get(key);
  if (hit) return hit;
  // exceptions: the nearest calendar wins on a date (an agency may re-open a day its parent closed)
  const byDate = new Map<string, CalendarException>();
  for (const c of [...chain].reverse())
    for (const e of await repo.exceptionsOf(db, [c.id])) byDate.set(e.date, e);
  const input: CalendarInput = {
    weekly: chain.find((c) => c.weekly_pattern)?.weekly_pattern ?? {},
    exceptions: [...byDate.values()],
    utcOffsetMinutes: self.utc_offset_minutes,
    sameDayCutoff: self.same_day_cutoff,
  };
  const standardDay = chain.find((c) => c.standard_day)?.standard_day;
  if (standardDay) input.standardDay = standardDay;
  let calendar: WorkCalendar;
  try {
    calendar = buildCalendar(input);
  } catch (e) {
    return asDomainError(e);
  }
  if (cache.size > 200) cache.clear();
  const entry = { calendar, row: self };
  cache.set(key, entry);
  return entry;
}

/** ISO-8601 with the calendar's offset, e.g. 2026-02-25T10:00:00+07:00 (what a citizen reads). */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const OFFSET_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant must carry its offset: "2026-02-13T10:00" alone would be a guess about the zone. */
export function parseInstant(value: string, field: string): number {
  const ms = OFFSET_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new DomainError(
      400,
      'INVALID_INSTANT',
      `${field}: "${value}" is not an ISO-8601 instant with an offset (e.g. 2026-02-13T10:00:00+07:00)`,
      `${field}: "${value}" không phải thời điểm ISO-8601 có múi giờ (ví dụ 2026-02-13T10:00:00+07:00)`,
      { field },
    );
  return ms;
}

export interface DeadlineRequest {
  receivedAt: string;
  /** the unit is checked by the engine, which answers UNKNOWN_UNIT */
  limit: { amount: number; unit: string };
  pauses?: { from: string; to: string }[];
  calendarId?: number;
  explain?: boolean;
}

export async function deadline(db: Db, req: DeadlineRequest) {
  const receivedAt = parseInstant(req.receivedAt, 'receivedAt');
  const pauses = (req.pauses ?? []).map((p, i) => ({
    from: parseInstant(p.from, `pauses/${i}/from`),
    to: parseInstant(p.to, `pauses/${i}/to`),
  }));
  const { calendar, row } = await loadCalendar(db, req.calendarId);
  try {
    const d = computeDeadline(
      calendar,
      { receivedAt, limit: req.limit as Limit, pauses },
      { explain: req.explain !== false },
    );
    return {
      dueAt: isoWithOffset(d.dueAt, calendar.utcOffsetMinutes),
      receivedAt: isoWithOffset(receivedAt, calendar.utcOffsetMinutes),
      limit: d.limit,
      calendar: { id: row.id, code: row.code, name: row.name },
      standardDayHours: calendar.standardDayMinutes / 60,
      workingHoursCounted: d.workingMinutesCounted / 60,
      pausedWorkingHours: d.pausedWorkingMinutes / 60,
      ...(d.targetDate ? { targetDate: d.targetDate } : {}),
      explanation: d.explanation ?? [],
    };
  } catch (e) {
    return asDomainError(e);
  }
}

export const MAX_DAYS_RANGE = 731;

export async function days(db: Db, q: { from: string; to: string; calendarId?: number }) {
  let from: number;
  let to: number;
  try {
    from = parseIsoDate(q.from);
    to = parseIsoDate(q.to);
  } catch (e) {
    return asDomainError(e);
  }
  if (to < from || to - from >= MAX_DAYS_RANGE)
    throw new DomainError(
      400,
      'DATE_RANGE_INVALID',
      `from must not be after to, and the range must be at most ${MAX_DAYS_RANGE} days`,
      `ngày bắt đầu phải trước ngày kết thúc, và khoảng tối đa ${MAX_DAYS_RANGE} ngày`,
      { max: MAX_DAYS_RANGE },
    );
  const { calendar, row } = await loadCalendar(db, q.calendarId);
  const out = [];
  for (let d = from; d <= to; d++) {
    const info = describeDay(calendar, d);
    const iso = isoDateOf(d);
    let lunar = null;
    try {
      const l = solarToLunar({
        year: Number(iso.slice(0, 4)),
        month: Number(iso.slice(5, 7)),
        day: Number(iso.slice(8, 10)),
      });
      lunar = { day: l.day, month: l.month, year: l.year, leap: l.leap };
    } catch {
      // outside 1900–2100 the lunar date is simply not shown
    }
    out.push({ ...info, hours: info.minutes / 60, lunar });
  }
  return { calendar: { id: row.id, code: row.code, name: row.name }, days: out };
}

// ── administration ──────────────────────────────────────────────────────────────────────────

/** National reference calendar: maintained by the operators (motcua import holidays), read-only here. */
export async function writableCalendar(db: Db, auth: AuthContext, id: number) {
  const chain = await repo.calendarChain(db, id);
  const self = chain[0];
  if (!self || (self.tenant_id !== null && self.tenant_id !== auth.tenantId))
    throw errors.notFound('calendar', id, 'lịch làm việc');
  if (self.tenant_id === null)
    throw errors.forbidden({
      reason: 'NATIONAL_CALENDAR_READ_ONLY',
      hint: 'edit your deployment calendar; the national one changes through `motcua import holidays`',
    });
  // An agency calendar is its agency's administrators' business; the deployment calendar belongs
  // to administrators who reach the whole deployment.
  const tenant = await db
    .selectFrom('tenants')
    .select('root_unit_id')
    .where('id', '=', self.tenant_id)
    .executeTakeFirstOrThrow();
  const ref =
    self.agency_id !== null
      ? { agencyId: self.agency_id }
      : tenant.root_unit_id !== null
        ? { adminUnitId: tenant.root_unit_id }
        : null;
  const target = ref ? await resolveTarget(db, ref) : null;
  if (!target || !canAct(auth.positions, ['admin'], target))
    throw errors.forbidden({ reason: 'CALENDAR_OUTSIDE_SCOPE' });
  return { self, chain };
}

function audit(
  auth: AuthContext,
  meta: RequestMeta,
  action: string,
  calendarId: number,
  before: unknown,
  after: unknown,
) {
  return {
    tenantId: auth.tenantId,
    actorId: auth.staffId,
    actorLabel: auth.username,
    action,
    entityType: 'calendar',
    entityId: calendarId,
    before,
    after,
    requestId: meta.requestId,
    ip: meta.ip,
  };
}

export async function getCalendar(db: Db, auth: AuthContext | null, id: number, year: number) {
  const chain = await repo.calendarChain(db, id);
  const self = chain[0];
  if (!self || (self.tenant_id !== null && self.tenant_id !== auth?.tenantId))
    throw errors.notFound('calendar', id, 'lịch làm việc');
  const { calendar } = await loadCalendar(db, id);
  const own = new Set([self.id]);
  const rows = await repo.exceptionsOf(
    db,
    chain.map((c) => c.id),
    { from: `${year}-01-01`, to: `${year}-12-31` },
  );
  const nearest = new Map<string, repo.ExceptionRow>();
  for (const c of [...chain].reverse())
    for (const r of rows.filter((x) => x.calendarId === c.id)) nearest.set(r.date, r);
  return {
    id: self.id,
    code: self.code,
    name: self.name,
    parentId: self.parent_id,
    agencyId: self.agency_id,
    revision: self.revision,
    weekly: chain.find((c) => c.weekly_pattern)?.weekly_pattern ?? {},
    weeklyInherited: !self.weekly_pattern,
    standardDayHours: calendar.standardDayMinutes / 60,
    sameDayCutoff: self.same_day_cutoff,
    year,
    exceptions: [...nearest.values()]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((e) => ({
        date: e.date,
        kind: e.kind,
        name: e.name,
        legalBasis: e.legalBasis,
        status: e.status,
        confidence: e.confidence,
        inherited: !own.has(e.calendarId),
      })),
  };
}

export async function putException(
  db: Db,
  auth: AuthContext,
  id: number,
  e: CalendarException,
  meta: RequestMeta,
) {
  try {
    parseIsoDate(e.date);
  } catch (err) {
    asDomainError(err);
  }
  if (e.kind === 'makeup_working_day' && [0, 6].indexOf(new Date(`${e.date}T00:00:00Z`).getUTCDay()) < 0)
    throw errors.rule(
      'MAKEUP_DAY_NOT_WEEKEND',
      `${e.date} is a weekday; a make-up working day replaces a weekend day`,
      `${e.date} không phải ngày nghỉ cuối tuần nên không thể là ngày làm bù`,
    );
  await writableCalendar(db, auth, id);
  return writeCalendar(db, id, async (trx) => {
    const before = await repo.findException(trx, id, e.date);
    const after = await repo.upsertException(trx, id, e);
    await repo.bumpRevision(trx, id);
    await recordAudit(
      trx,
      audit(
        auth,
        meta,
        before ? 'calendar.exception.update' : 'calendar.exception.create',
        id,
        before ?? null,
        after,
      ),
    );
    return { created: !before, exception: after };
  });
}

export async function removeException(
  db: Db,
  auth: AuthContext,
  id: number,
  date: string,
  meta: RequestMeta,
) {
  await writableCalendar(db, auth, id);
  return writeCalendar(db, id, async (trx) => {
    const before = await repo.deleteException(trx, id, date);
    if (!before) throw errors.notFound('calendar exception', date, 'ngày ngoại lệ');
    await repo.bumpRevision(trx, id);
    await recordAudit(trx, audit(auth, meta, 'calendar.exception.delete', id, before, null));
  });
}

export async function setWorkingTime(
  db: Db,
  auth: AuthContext,
  id: number,
  v: { weekly: Record<string, string[]> | null; standardDay?: string[] | null; sameDayCutoff?: string },
  meta: RequestMeta,
) {
  const { self } = await writableCalendar(db, auth, id);
  const next = {
    weekly: v.weekly,
    standardDay: v.standardDay ?? null,
    sameDayCutoff: v.sameDayCutoff ?? self.same_day_cutoff,
  };
  // validate with the same builder the engine uses, before anything is written
  try {
    if (next.weekly)
      buildCalendar({
        weekly: next.weekly,
        exceptions: [],
        ...(next.standardDay ? { standardDay: next.standardDay } : {}),
        sameDayCutoff: next.sameDayCutoff,
      });
  } catch (e) {
    asDomainError(e);
  }
  return writeCalendar(db, id, async (trx) => {
    const after = await repo.updateWorkingTime(trx, id, next);
    await recordAudit(
      trx,
      audit(
        auth,
        meta,
        'calendar.working_time.update',
        id,
        { weekly: self.weekly_pattern, standardDay: self.standard_day, sameDayCutoff: self.same_day_cutoff },
        after,
      ),
    );
    return after;
  });
}

export async function confirmYear(db: Db, auth: AuthContext, id: number, year: number, meta: RequestMeta) {
  await writableCalendar(db, auth, id);
  return writeCalendar(db, id, async (trx) => {
    const confirmed = await repo.confirmYear(trx, id, year);
    if (!confirmed.length)
      throw errors.rule(
        'NOTHING_TO_CONFIRM',
        `no provisional days in ${year}`,
        `năm ${year} không có ngày dự kiến nào cần xác nhận`,
      );
    await repo.bumpRevision(trx, id);
    await recordAudit(trx, audit(auth, meta, 'calendar.year.confirm', id, null, { year, confirmed }));
    return { year, confirmed: confirmed.length };
  });
}

export async function deriveYear(db: Db, auth: AuthContext, id: number, year: number, meta: RequestMeta) {
  const { chain } = await writableCalendar(db, auth, id);
  const ids = chain.map((c) => c.id);
  const existing = await repo.exceptionsOf(db, ids, { from: `${year}-01-01`, to: `${year}-12-31` });
  if (existing.some((e) => e.status === 'official'))
    throw errors.conflict(
      'YEAR_HAS_OFFICIAL_SCHEDULE',
      `${year} already has an official schedule`,
      `năm ${year} đã có lịch nghỉ chính thức`,
    );
  const { calendar } = await loadCalendar(db, id);
  const rules = (await repo.enabledHolidayRules(db, ids))
    .filter((r) => !r.valid_from || r.valid_from <= `${year}-12-31`)
    .map((r) => ({
      name: r.name,
      calendar: r.calendar_kind,
      month: r.month,
      day: r.day,
      legalBasis: r.legal_basis,
    }));
  let derived: CalendarException[];
  try {
    derived = deriveProvisionalHolidays(calendar, year, { extraRules: rules });
  } catch (e) {
    return asDomainError(e);
  }
  return writeCalendar(db, id, async (trx) => {
    const removed = await repo.deleteProvisionalYear(trx, id, year);
    for (const e of derived) await repo.upsertException(trx, id, e);
    await repo.bumpRevision(trx, id);
    await recordAudit(trx, audit(auth, meta, 'calendar.year.derive', id, { removed }, { year, derived }));
    return { year, exceptions: derived };
  });
}

export async function importNotice(db: Db, auth: AuthContext, id: number, csv: string, meta: RequestMeta) {
  const { self } = await writableCalendar(db, auth, id);
  try {
    return await importNoticeRows(db, auth, id, self, csv, meta);
  } catch (e) {
    if (e instanceof ImportRejected)
      throw errors.rule(
        'IMPORT_REJECTED',
        e.message,
        `Tệp có ${e.rejected.length} dòng không hợp lệ; chưa nhập dòng nào`,
        { rejected: e.rejected },
      );
    throw e;
  }
}

async function importNoticeRows(
  db: Db,
  auth: AuthContext,
  id: number,
  self: repo.CalendarRow,
  csv: string,
  meta: RequestMeta,
) {
  return writeCalendar(db, id, async (trx) => {
    const result = await importWithin(trx, 'holidays', importFileFromText(`notice-${self.code}.csv`, csv), {
      params: { calendar: self.code },
      actor: auth.username,
    });
    await repo.bumpRevision(trx, id);
    await recordAudit(
      trx,
      audit(auth, meta, 'calendar.import', id, null, {
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
      }),
    );
    return result;
  });
}

/** Extra holidays of the calendar and its parents (e.g. 24/11, shipped disabled on the national calendar). */
export async function holidayRules(db: Db, auth: AuthContext, id: number) {
  const chain = await repo.calendarChain(db, id);
  const self = chain[0];
  if (!self || (self.tenant_id !== null && self.tenant_id !== auth.tenantId))
    throw errors.notFound('calendar', id, 'lịch làm việc');
  const rules = await repo.holidayRulesOf(
    db,
    chain.map((c) => c.id),
  );
  return rules.map((r) => ({ ...r, inherited: r.calendar_id !== self.id }));
}

export interface HolidayRuleInput {
  name: string;
  calendarKind: 'solar' | 'lunar';
  month: number;
  day: number;
  legalBasis: string | null;
  enabled: boolean;
  validFrom: string | null;
}

/**
 * A deployment adds an enacted holiday as data. An inherited rule (the national 24/11) is enabled
 * for this deployment by adding its own copy: the national calendar stays read-only here.
 */
export async function addHolidayRule(
  db: Db,
  auth: AuthContext,
  id: number,
  input: HolidayRuleInput,
  meta: RequestMeta,
) {
  await writableCalendar(db, auth, id);
  if (input.calendarKind === 'solar' && !isValidDate(2024, input.month, input.day))
    throw errors.validation(
      { field: 'day' },
      `${input.day}/${input.month} is not a date`,
      `${input.day}/${input.month} không phải ngày hợp lệ`,
    );
  if (input.calendarKind === 'lunar' && input.day > 30)
    throw errors.validation(
      { field: 'day' },
      'a lunar month has at most 30 days',
      'tháng âm lịch có tối đa 30 ngày',
    );
  if (input.validFrom) {
    try {
      parseIsoDate(input.validFrom);
    } catch (e) {
      asDomainError(e);
    }
  }
  return writeCalendar(db, id, async (trx) => {
    const rule = await repo.insertHolidayRule(trx, { calendarId: id, ...input });
    await recordAudit(trx, audit(auth, meta, 'calendar.holiday_rule.create', id, null, rule));
    return rule;
  });
}

export async function toggleHolidayRule(
  db: Db,
  auth: AuthContext,
  id: number,
  ruleId: number,
  enabled: boolean,
  meta: RequestMeta,
) {
  await writableCalendar(db, auth, id);
  return writeCalendar(db, id, async (trx) => {
    const before = await trx
      .selectFrom('holiday_rules')
      .selectAll()
      .where('id', '=', ruleId)
      .where('calendar_id', '=', id)
      .executeTakeFirst();
    const after = await repo.setHolidayRuleEnabled(trx, ruleId, id, enabled);
    if (!before || !after) throw errors.notFound('holiday rule', ruleId, 'ngày lễ bổ sung');
    await recordAudit(trx, audit(auth, meta, 'calendar.holiday_rule.update', id, before, after));
    return after;
  });
}
