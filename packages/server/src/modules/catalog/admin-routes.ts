import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse, IdParams } from '../../http/schemas.js';
import * as exchange from './exchange.js';
import {
  AgencyIdentifier,
  AssignBody,
  CreateProcedureBody,
  ExchangeDocument,
  ImplementationPatch,
  ProcedureCodeParams,
  ProcedureContentSchema,
  PublishBody,
  RetireBody,
  TemplateApplyBody,
  TemplateCreateBody,
  WorkflowDefinitionSchema,
  WorkflowValidationSchema,
} from './schemas.js';
import * as templates from './templates.js';
import * as versions from './versions.js';
import * as workflows from './workflows.js';

const meta = (req: { id: string; ip: string }) => ({ requestId: req.id, ip: req.ip });
// services check the precise scope (deployment-wide for the catalogue, the agency for its workflows)
const ADMIN = { roles: ['admin'] as const };
const Any = Type.Object({}, { additionalProperties: true });
const errorsOf = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]));

const DraftResult = Type.Object({
  code: Type.String(),
  versionNo: Type.Integer(),
  status: Type.Literal('draft'),
  created: Type.Boolean(),
  reviewFlags: Type.Array(Type.String()),
});

export const catalogAdminRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  const tags = ['catalog administration'];

  app.post(
    '/api/v1/admin/procedures',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Tạo thủ tục mới (bản nháp phiên bản 1) — create a procedure as a draft',
        body: CreateProcedureBody,
        response: { 201: DraftResult, ...errorsOf(400, 403, 409) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return versions.createProcedure(db, req.auth!, req.body.code, req.body.content, meta(req));
    },
  );

  app.get(
    '/api/v1/admin/procedures/:code/draft',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Bản nháp của thủ tục — the draft',
        params: ProcedureCodeParams,
        response: { 200: Any, ...errorsOf(403, 404) },
      },
    },
    async (req) => versions.getDraft(db, req.auth!, req.params.code),
  );

  app.put(
    '/api/v1/admin/procedures/:code/draft',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Tạo hoặc sửa bản nháp (phiên bản đã công bố không bao giờ bị sửa) — save the draft',
        params: ProcedureCodeParams,
        body: ProcedureContentSchema,
        response: { 200: DraftResult, ...errorsOf(400, 403, 404, 409) },
      },
    },
    async (req) => versions.saveDraft(db, req.auth!, req.params.code, req.body, meta(req)),
  );

  app.delete(
    '/api/v1/admin/procedures/:code/draft',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Hủy bản nháp — discard the draft',
        params: ProcedureCodeParams,
        response: { 204: Type.Null(), ...errorsOf(403, 404) },
      },
    },
    async (req, reply) => {
      await versions.discardDraft(db, req.auth!, req.params.code, meta(req));
      reply.code(204);
      return null;
    },
  );

  app.post(
    '/api/v1/admin/procedures/:code/publish',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Công bố bản nháp theo quyết định, có hiệu lực từ một ngày — publish the draft',
        params: ProcedureCodeParams,
        body: PublishBody,
        response: {
          200: Type.Object({
            code: Type.String(),
            versionNo: Type.Integer(),
            status: Type.Literal('published'),
            effectiveFrom: Type.String(),
            decisionNo: Type.String(),
            decisionDate: Type.String(),
          }),
          ...errorsOf(403, 404, 409, 422),
        },
      },
    },
    async (req) => versions.publish(db, req.auth!, req.params.code, req.body, meta(req)),
  );

  app.post(
    '/api/v1/admin/procedures/:code/retire',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Bãi bỏ thủ tục từ một ngày — abolish the procedure from a date',
        params: ProcedureCodeParams,
        body: RetireBody,
        response: {
          200: Type.Object({
            code: Type.String(),
            versionNo: Type.Integer(),
            status: Type.Literal('retired'),
            retiredOn: Type.String(),
          }),
          ...errorsOf(403, 404, 409, 422),
        },
      },
    },
    async (req) => versions.retire(db, req.auth!, req.params.code, req.body, meta(req)),
  );

  app.get(
    '/api/v1/admin/procedures/:code/versions',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Mọi phiên bản, kể cả bản nháp — all versions including the draft',
        params: ProcedureCodeParams,
        response: { 200: Type.Array(Any), ...errorsOf(404) },
      },
    },
    async (req) => versions.listVersions(db, req.params.code, true),
  );

  app.post(
    '/api/v1/admin/procedures/:code/implementations',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Giao thủ tục cho cơ quan (hoặc mọi xã, phường một lần) — assign to agencies',
        params: ProcedureCodeParams,
        body: AssignBody,
        response: {
          200: Type.Object({
            code: Type.String(),
            agencies: Type.Integer(),
            created: Type.Integer(),
            reactivated: Type.Integer(),
            unchanged: Type.Integer(),
          }),
          ...errorsOf(403, 404, 422),
        },
      },
    },
    async (req) => workflows.assign(db, req.auth!, req.params.code, req.body, meta(req)),
  );

  app.get(
    '/api/v1/admin/procedures/:code/implementations',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Cơ quan thực hiện thủ tục trong hệ thống — implementing agencies',
        params: ProcedureCodeParams,
        response: { 200: Type.Array(Any), ...errorsOf(404) },
      },
    },
    async (req) => workflows.listImplementations(db, req.auth!, req.params.code),
  );

  app.patch(
    '/api/v1/admin/implementations/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Phí, lệ phí địa phương; tạm ngừng — local fees, (de)activate',
        params: IdParams,
        body: ImplementationPatch,
        response: { 200: Any, ...errorsOf(403, 404, 422) },
      },
    },
    async (req) => workflows.patchImplementation(db, req.auth!, req.params.id, req.body, meta(req)),
  );

  app.get(
    '/api/v1/admin/implementations/:id/workflow',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Quy trình nội bộ đang dùng và các phiên bản — the workflow and its versions',
        params: IdParams,
        response: { 200: Any, ...errorsOf(403, 404) },
      },
    },
    async (req) => workflows.getWorkflow(db, req.auth!, req.params.id),
  );

  app.put(
    '/api/v1/admin/implementations/:id/workflow',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Lưu quy trình nội bộ (phiên bản mới, chỉ khi hợp lệ) — save a new workflow version',
        params: IdParams,
        body: WorkflowDefinitionSchema,
        response: {
          200: Type.Object({
            implementationId: Type.Integer(),
            workflowId: Type.Integer(),
            versionNo: Type.Integer(),
            validation: WorkflowValidationSchema,
          }),
          ...errorsOf(400, 403, 404, 422),
        },
      },
    },
    async (req) => workflows.saveWorkflow(db, req.auth!, req.params.id, req.body, meta(req)),
  );

  app.post(
    '/api/v1/admin/implementations/:id/workflow/validate',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Kiểm tra quy trình mà không lưu — validate without saving',
        params: IdParams,
        body: WorkflowDefinitionSchema,
        response: { 200: WorkflowValidationSchema, ...errorsOf(400, 403, 404) },
      },
    },
    async (req) => workflows.validateForImplementation(db, req.auth!, req.params.id, req.body),
  );

  app.get(
    '/api/v1/admin/workflow-templates',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Quy trình mẫu — workflow templates',
        response: { 200: Type.Array(Any) },
      },
    },
    async (req) => templates.listTemplates(db, req.auth!),
  );

  app.post(
    '/api/v1/admin/workflow-templates',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Thêm quy trình mẫu của hệ thống — add a template',
        body: TemplateCreateBody,
        response: {
          201: Type.Object({ code: Type.String(), name: Type.String() }),
          ...errorsOf(400, 403, 409),
        },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return templates.createTemplate(db, req.auth!, req.body as never, meta(req));
    },
  );

  app.post(
    '/api/v1/admin/workflow-templates/:code/apply',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Áp dụng quy trình mẫu cho nhiều thủ tục và cơ quan — bulk-apply a template',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        body: TemplateApplyBody,
        response: { 200: Any, ...errorsOf(403, 404, 422) },
      },
    },
    async (req) => templates.applyTemplate(db, req.auth!, req.params.code, req.body, meta(req)),
  );

  app.get(
    '/api/v1/admin/procedures/:code/export',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Xuất định nghĩa thủ tục (kèm quy trình của một cơ quan) — export as one JSON document',
        params: ProcedureCodeParams,
        querystring: Type.Object({ agency: Type.Optional(AgencyIdentifier) }),
        response: { 200: ExchangeDocument, ...errorsOf(404) },
      },
    },
    async (req) => exchange.exportProcedure(db, req.auth!, req.params.code, req.query.agency),
  );

  app.post(
    '/api/v1/admin/procedures/import',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Nhập định nghĩa thủ tục vào bản nháp (không ghi đè phiên bản đã công bố) — import',
        body: ExchangeDocument,
        response: { 200: Any, ...errorsOf(400, 403, 409, 422) },
      },
    },
    async (req) => exchange.importProcedure(db, req.auth!, req.body, meta(req)),
  );
};
