import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { lunarToSolar, solarToLunar, yearCanChi } from '@motcua/core';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse } from '../../http/schemas.js';
import * as repo from './repository.js';
import {
  CalendarParams,
  CalendarYearResponse,
  ConfirmedYearResponse,
  DaysQuery,
  DeadlineBody,
  DeadlineResponse,
  DerivedYearResponse,
  ExceptionBody,
  ExceptionParams,
  ExceptionRowResponse,
  HolidayRule,
  HolidayRuleBody,
  ImportResultResponse,
  LunarDate,
  RuleParams,
  SolarQuery,
  WorkingTimeBody,
  WorkingTimeResponse,
  YearParams,
} from './schemas.js';
import * as service from './service.js';

const meta = (req: { id: string; ip: string }) => ({ requestId: req.id, ip: req.ip });
const errorResponses = { 400: ErrorResponse, 404: ErrorResponse };

export const calendarRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  // Public computing endpoints: citizens and other systems may ask without signing in.
  app.post(
    '/api/v1/calendar/deadline',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['calendar'],
        summary:
          'Tính hạn giải quyết và giải thích cách tính — compute a legal deadline with its explanation',
        body: DeadlineBody,
        response: { 200: DeadlineResponse, ...errorResponses },
      },
    },
    async (req) => service.deadline(db, req.body),
  );

  app.get(
    '/api/v1/calendar/lunar',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['calendar'],
        summary: 'Đổi dương lịch sang âm lịch (UTC+7) — solar to lunar date',
        querystring: Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }),
        response: { 200: LunarDate, 400: ErrorResponse },
      },
    },
    async (req) => {
      const [year, month, day] = req.query.date.split('-').map(Number) as [number, number, number];
      try {
        const l = solarToLunar({ year, month, day });
        return { ...l, yearCanChi: yearCanChi(l.year) };
      } catch (e) {
        return service.asDomainError(e);
      }
    },
  );

  app.get(
    '/api/v1/calendar/solar',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['calendar'],
        summary: 'Đổi âm lịch sang dương lịch — lunar to solar date',
        querystring: SolarQuery,
        response: { 200: Type.Object({ date: Type.String(), lunar: LunarDate }), 400: ErrorResponse },
      },
    },
    async (req) => {
      try {
        const s = lunarToSolar({
          day: req.query.day,
          month: req.query.month,
          year: req.query.year,
          leap: req.query.leap,
        });
        const date = `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
        return { date, lunar: { ...req.query, yearCanChi: yearCanChi(req.query.year) } };
      } catch (e) {
        return service.asDomainError(e);
      }
    },
  );

  app.get(
    '/api/v1/calendar/days',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['calendar'],
        summary:
          'Ngày làm việc và ngày nghỉ trong một khoảng (tối đa 731 ngày) — working and non-working days',
        querystring: DaysQuery,
      },
    },
    async (req) => service.days(db, req.query),
  );

  // Administration: calendars of the officer's deployment, audited.
  app.get(
    '/api/v1/calendars',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['calendar'], summary: 'Các lịch làm việc — calendars' },
    },
    async (req) => repo.listCalendars(db, req.auth!.tenantId),
  );

  app.get(
    '/api/v1/calendars/:id/years/:year',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['calendar'],
        summary: 'Lịch làm việc và ngày ngoại lệ của một năm — a calendar for one year',
        params: YearParams,
        response: { 200: CalendarYearResponse, ...errorResponses },
      },
    },
    async (req) => service.getCalendar(db, req.auth, req.params.id, req.params.year),
  );

  app.put(
    '/api/v1/calendars/:id/exceptions/:date',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary: 'Thêm hoặc sửa ngày nghỉ / ngày làm bù — set an exception',
        params: ExceptionParams,
        body: ExceptionBody,
        response: {
          200: ExceptionRowResponse,
          201: ExceptionRowResponse,
          403: ErrorResponse,
          422: ErrorResponse,
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const r = await service.putException(
        db,
        req.auth!,
        req.params.id,
        { date: req.params.date, ...req.body },
        meta(req),
      );
      return reply.status(r.created ? 201 : 200).send(r.exception);
    },
  );

  app.delete(
    '/api/v1/calendars/:id/exceptions/:date',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary: 'Xóa một ngày ngoại lệ — delete an exception',
        params: ExceptionParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.removeException(db, req.auth!, req.params.id, req.params.date, meta(req));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/calendars/:id/working-time',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary: 'Sửa giờ làm việc trong tuần — edit working periods',
        params: CalendarParams,
        body: WorkingTimeBody,
        response: { 200: WorkingTimeResponse, ...errorResponses },
      },
    },
    async (req) => service.setWorkingTime(db, req.auth!, req.params.id, req.body, meta(req)),
  );

  app.post(
    '/api/v1/calendars/:id/years/:year/derive',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary: 'Lập lịch nghỉ dự kiến theo Bộ luật Lao động — derive a provisional year',
        params: YearParams,
        response: { 200: DerivedYearResponse, 409: ErrorResponse, ...errorResponses },
      },
    },
    async (req) => service.deriveYear(db, req.auth!, req.params.id, req.params.year, meta(req)),
  );

  app.post(
    '/api/v1/calendars/:id/years/:year/confirm',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary: 'Xác nhận lịch nghỉ dự kiến thành chính thức — confirm a provisional year',
        params: YearParams,
        response: { 200: ConfirmedYearResponse, 422: ErrorResponse, ...errorResponses },
      },
    },
    async (req) => service.confirmYear(db, req.auth!, req.params.id, req.params.year, meta(req)),
  );

  app.post(
    '/api/v1/calendars/:id/import',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary:
          'Nhập thông báo lịch nghỉ hằng năm (CSV: date,kind,name,legal_basis,status,confidence) — import an annual notice',
        params: CalendarParams,
        consumes: ['text/csv'],
        body: Type.String({ maxLength: 200_000 }),
        response: { 200: ImportResultResponse, 422: ErrorResponse, ...errorResponses },
      },
    },
    async (req) => service.importNotice(db, req.auth!, req.params.id, req.body, meta(req)),
  );

  app.get(
    '/api/v1/calendars/:id/holiday-rules',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['calendar'],
        summary: 'Ngày lễ bổ sung (dữ liệu, không phải mã nguồn) — extra holiday rules',
        params: CalendarParams,
        response: {
          200: Type.Array(Type.Composite([HolidayRule, Type.Object({ inherited: Type.Boolean() })])),
          ...errorResponses,
        },
      },
    },
    async (req) => service.holidayRules(db, req.auth!, req.params.id),
  );

  app.post(
    '/api/v1/calendars/:id/holiday-rules',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary: 'Thêm ngày lễ khi được ban hành (ví dụ 24/11) — add an enacted holiday',
        params: CalendarParams,
        body: HolidayRuleBody,
        response: { 201: HolidayRule, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addHolidayRule(db, req.auth!, req.params.id, req.body, meta(req))),
  );

  app.patch(
    '/api/v1/calendars/:id/holiday-rules/:ruleId',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary: 'Bật hoặc tắt một ngày lễ bổ sung — enable or disable a rule',
        params: RuleParams,
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: HolidayRule, ...errorResponses },
      },
    },
    async (req) =>
      service.toggleHolidayRule(db, req.auth!, req.params.id, req.params.ruleId, req.body.enabled, meta(req)),
  );
};
