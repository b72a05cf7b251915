import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { errors } from '../../errors.js';
import { ErrorResponse, IdParams } from '../../http/schemas.js';
import * as repo from './repository.js';
import {
  AdminUnit,
  AdminUnitDetail,
  AdminUnitQuery,
  Agency,
  AgencyCreate,
  AgencyListItem,
  AgencyPatch,
  Department,
  DepartmentCreate,
  ListQuery,
  Page,
  ReceptionPoint,
  StaffCreate,
  StaffListItem,
  StaffQuery,
} from './schemas.js';
import * as service from './service.js';

const meta = (req: { id: string; ip: string }) => ({ requestId: req.id, ip: req.ip });

export const orgRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  // The deployments this installation serves: the portal offers a choice when there is more than one.
  app.get(
    '/api/v1/tenants',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['org'],
        summary: 'Các đơn vị triển khai (tỉnh, bộ) của hệ thống — the deployments served here',
        response: {
          200: Type.Array(
            Type.Object({
              code: Type.String(),
              name: Type.String(),
              levels: Type.Integer({ description: '2 (province, commune) or 3 (with districts)' }),
              isDemo: Type.Boolean(),
            }),
          ),
        },
      },
    },
    async () => repo.listTenants(db),
  );

  // Administrative units are public reference data (addresses on forms, public lookups).
  app.get(
    '/api/v1/admin-units',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['org'],
        summary: 'Đơn vị hành chính có hiệu lực vào một ngày — administrative units in force on a date',
        querystring: AdminUnitQuery,
        response: { 200: Page(AdminUnit) },
      },
    },
    async (req) => repo.listAdminUnits(db, { ...req.query, date: req.query.date ?? service.today() }),
  );

  app.get(
    '/api/v1/admin-units/:id',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['org'],
        summary:
          'Một đơn vị hành chính, với đơn vị trước và sau sắp xếp — a unit with its predecessors and successors',
        params: IdParams,
        response: { 200: AdminUnitDetail, 404: ErrorResponse },
      },
    },
    async (req) => {
      const unit = await repo.getAdminUnit(db, req.params.id);
      if (!unit) throw errors.notFound('admin unit', req.params.id, 'đơn vị hành chính');
      return { ...unit, ...(await repo.unitSuccessions(db, unit.id)) };
    },
  );

  app.get(
    '/api/v1/agencies',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['org'],
        summary: 'Cơ quan của hệ thống — agencies',
        querystring: ListQuery,
        response: { 200: Page(AgencyListItem) },
      },
    },
    async (req) => service.listAgencies(db, req.auth!, req.query),
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['org'],
        summary: 'Một cơ quan và các phòng ban — an agency and its departments',
        params: IdParams,
        response: {
          200: Type.Composite([Agency, Type.Object({ departments: Type.Array(Department) })]),
          404: ErrorResponse,
        },
      },
    },
    async (req) => service.getAgency(db, req.auth!, req.params.id),
  );

  app.post(
    '/api/v1/agencies',
    {
      config: {
        access: {
          roles: ['admin'],
          target: (req) => ({ adminUnitId: (req.body as { adminUnitId: number }).adminUnitId }),
        },
      },
      schema: {
        tags: ['org'],
        summary: 'Thêm cơ quan — register an agency',
        body: AgencyCreate,
        response: {
          201: Agency,
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createAgency(db, req.auth!, req.body, meta(req))),
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      config: {
        access: { roles: ['admin'], target: (req) => ({ agencyId: (req.params as { id: number }).id }) },
      },
      schema: {
        tags: ['org'],
        summary: 'Sửa cơ quan — update an agency',
        params: IdParams,
        body: AgencyPatch,
        response: {
          200: Agency,
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (req) => service.updateAgency(db, req.auth!, req.params.id, req.body, meta(req)),
  );

  app.post(
    '/api/v1/agencies/:id/departments',
    {
      config: {
        access: { roles: ['admin'], target: (req) => ({ agencyId: (req.params as { id: number }).id }) },
      },
      schema: {
        tags: ['org'],
        summary: 'Thêm phòng ban — add a department',
        params: IdParams,
        body: DepartmentCreate,
        response: { 201: Department, 409: ErrorResponse },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createDepartment(db, req.auth!, req.params.id, req.body, meta(req))),
  );

  app.get(
    '/api/v1/reception-points',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['org'],
        summary: 'Bộ phận Một cửa, Trung tâm Phục vụ hành chính công — reception points',
        response: { 200: Type.Array(ReceptionPoint) },
      },
    },
    async (req) => repo.listReceptionPoints(db, req.auth!.tenantId),
  );

  app.get(
    '/api/v1/staff',
    {
      config: { access: { roles: ['admin', 'inspector'] } },
      schema: {
        tags: ['org'],
        summary: 'Cán bộ trong phạm vi quản lý, với các vị trí công tác — staff within reach, with positions',
        querystring: StaffQuery,
        response: { 200: Page(StaffListItem) },
      },
    },
    async (req) => service.listStaff(db, req.auth!, req.query),
  );

  app.post(
    '/api/v1/staff',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['org'],
        summary: 'Thêm cán bộ với các vị trí công tác — create an officer with positions',
        body: StaffCreate,
        response: {
          201: Type.Object({ id: Type.Integer(), username: Type.String() }, { additionalProperties: true }),
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const staff = await service.createStaff(db, req.auth!, req.body, meta(req));
      return reply.status(201).send(staff);
    },
  );
};
