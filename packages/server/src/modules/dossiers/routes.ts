/**
 * The dossier API: counter registration, online submission, one endpoint for every action, the
 * dossier with its components and log, the legal forms as PDF, and public tracking.
 *
 * Every state-changing request carries an Idempotency-Key header (a retry returns the first
 * response, byte for byte, and writes nothing) and the dossier version it was based on (a stale
 * version gets 409 VERSION_CONFLICT with the current dossier).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.js';
import { ErrorResponse, IdParams, StringEnum } from '../../http/schemas.js';
import { loadSigner } from '../../signing/index.js';
import { blobStoreFor } from '../files/routes.js';
import { requesterOf } from './authorize.js';
import { DOSSIER_FORMS, dossierForm } from './forms.js';
import { childrenOf } from './joint.js';
import type { AppendActionResult } from './log.js';
import { requestHash } from './log.js';
import { renderAgencyRegister } from './register.js';
import {
  ActionRequest,
  ActionResponse,
  DossierViewSchema,
  IdempotencyHeaders,
  RegisterBody,
  SubmitBody,
} from './schemas.js';
import * as service from './service.js';

function idempotencyOf(req: FastifyRequest) {
  const key = req.headers['idempotency-key'] as string;
  // the key is bound to who sent what where: the same key from another user is another request
  const who = req.auth
    ? `staff:${req.auth.staffId}`
    : req.citizen
      ? `citizen:${req.citizen.id}`
      : 'anonymous';
  return {
    key: `${who}:${key}`,
    requestHash: requestHash(req.method, req.url.split('?')[0] ?? '', req.body),
  };
}

function send(reply: FastifyReply, r: AppendActionResult) {
  if (r.replayed) reply.header('idempotency-replayed', 'true');
  return reply.code(r.status).send(r.body);
}

const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

export const dossierRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const { db, config } = deps;
  const dd: service.DossierDeps = {
    config,
    now: deps.clock ?? Date.now,
    results: { store: blobStoreFor(config), signer: await loadSigner(config) },
  };
  // schemas are inlined rather than added here: a plugin's addSchema gives it a schema
  // controller of its own, and its routes would no longer use the app's validator compiler

  app.post(
    '/api/v1/dossiers',
    {
      config: { access: { roles: ['receiving_officer'] } },
      schema: {
        tags: ['dossiers'],
        summary:
          'Tiếp nhận tại quầy / qua bưu chính: đăng ký hồ sơ (trạng thái 1) — register a counter or postal dossier',
        headers: IdempotencyHeaders,
        body: RegisterBody,
        response: {
          201: ActionResponse,
          200: ActionResponse,
          ...errorResponses,
        },
      },
    },
    async (req, reply) =>
      send(reply, await service.registerAtCounter(db, dd, req.auth!, req.body, idempotencyOf(req))),
  );

  app.post(
    '/api/v1/citizen/dossiers',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['dossiers'],
        summary:
          'Nộp hồ sơ trực tuyến (tờ khai điện tử kiểm tra theo JSON Schema của thủ tục) — submit online',
        headers: IdempotencyHeaders,
        body: SubmitBody,
        response: {
          201: ActionResponse,
          200: ActionResponse,
          ...errorResponses,
        },
      },
    },
    async (req, reply) =>
      send(reply, await service.submitOnline(db, dd, req.citizen!.id, req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/v1/citizen/dossiers',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['dossiers'],
        summary: 'Hồ sơ của tôi — my dossiers',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          before: Type.Optional(
            Type.Integer({ minimum: 1, description: 'cursor: the last id of the previous page' }),
          ),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(DossierViewSchema),
            next: Type.Union([Type.Integer(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => service.myDossiers(db, req.citizen!.id, req.query.limit ?? 20, req.query.before),
  );

  app.post(
    '/api/v1/dossiers/:id/actions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['dossiers'],
        summary:
          'Ghi một thao tác vào nhật ký hồ sơ (tiếp nhận, phân công, chuyển bước, yêu cầu bổ sung, phê duyệt, ký, trả kết quả…) — record an action',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ActionRequest,
        response: { 200: ActionResponse, ...errorResponses },
      },
    },
    async (req, reply) =>
      send(
        reply,
        await service.recordAction(db, dd, requesterOf(req), req.params.id, req.body, idempotencyOf(req)),
      ),
  );

  app.get(
    '/api/v1/dossiers/:id',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['dossiers'],
        summary:
          'Hồ sơ: trạng thái, mã trạng thái quốc gia, thành phần, tờ khai, thao tác được phép — a dossier',
        params: IdParams,
        response: { 200: Type.Object({}, { additionalProperties: true }), 404: ErrorResponse },
      },
    },
    async (req) => service.dossierDetail(db, requesterOf(req), req.params.id),
  );

  app.get(
    '/api/v1/dossiers/:id/actions',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['dossiers'],
        summary: 'Nhật ký xử lý hồ sơ (chỉ ghi thêm, không sửa) — the action log',
        params: IdParams,
        response: { 200: Type.Array(Type.Object({}, { additionalProperties: true })), 404: ErrorResponse },
      },
    },
    async (req) => service.dossierLog(db, requesterOf(req), req.params.id),
  );

  app.get(
    '/api/v1/dossiers/:id/children',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['dossiers'],
        summary: 'Hồ sơ liên thông con và tiến độ của từng cơ quan — liên thông children',
        params: IdParams,
        response: { 200: Type.Array(Type.Object({}, { additionalProperties: true })), 404: ErrorResponse },
      },
    },
    async (req) => {
      await service.dossierDetail(db, requesterOf(req), req.params.id);
      return childrenOf(db, req.params.id);
    },
  );

  app.get(
    '/api/v1/dossiers/:id/forms/:form',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['dossiers'],
        summary:
          'Biểu mẫu của hồ sơ (PDF A4): giấy tiếp nhận, phiếu yêu cầu bổ sung, phiếu từ chối, văn bản xin lỗi, thông báo dừng, phiếu kiểm soát',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), form: StringEnum(DOSSIER_FORMS) }),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }),
          404: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const row = await service.readableRow(db, requesterOf(req), req.params.id);
      const pdf = await dossierForm(db, row, req.params.form, config.publicUrl, dd.now());
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${req.params.form.toLowerCase()}-${row.code ?? row.id}.pdf"`,
        )
        .send(pdf);
    },
  );

  app.get(
    '/api/v1/agencies/:id/register',
    {
      config: {
        access: {
          roles: ['receiving_officer', 'agency_leader', 'admin', 'inspector'],
          target: (req) => ({ agencyId: (req.params as { id: number }).id }),
        },
      },
      schema: {
        tags: ['dossiers'],
        summary:
          'Sổ theo dõi hồ sơ của bộ phận tiếp nhận trong một khoảng thời gian (PDF A4 ngang hoặc Excel)',
        params: IdParams,
        querystring: Type.Object({
          from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          format: Type.Optional(StringEnum(['pdf', 'xlsx'] as const)),
        }),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          400: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (req, reply) => {
      const format = req.query.format ?? 'pdf';
      const file = await renderAgencyRegister(
        db,
        { agencyId: req.params.id, from: req.query.from, to: req.query.to, format },
        dd.now(),
      );
      return reply
        .type(
          format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'application/pdf',
        )
        .header(
          'content-disposition',
          `attachment; filename="so-theo-doi-${req.query.from}-${req.query.to}.${format}"`,
        )
        .send(file);
    },
  );

  app.get(
    '/api/v1/tracking/:code',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['dossiers'],
        summary: 'Tra cứu hồ sơ theo mã (không có thông tin cá nhân) — public tracking',
        params: Type.Object({
          code: Type.String({ minLength: 5, maxLength: 60, pattern: '^[0-9A-Za-z.-]+$' }),
        }),
        response: {
          200: Type.Object({
            code: Type.String(),
            procedure: Type.Object({ code: Type.String(), name: Type.String() }),
            status: Type.String(),
            statusLabel: Type.Object({ vi: Type.String(), en: Type.String() }),
            nationalStatus: Type.Union([Type.Integer(), Type.Null()]),
            nationalStatusName: Type.Union([Type.String(), Type.Null()]),
            receivingAgency: Type.String(),
            currentUnit: Type.Union([Type.String(), Type.Null()]),
            receivedAt: Type.Union([Type.String(), Type.Null()]),
            appointmentAt: Type.Union([Type.String(), Type.Null()]),
            finishedAt: Type.Union([Type.String(), Type.Null()]),
            clockStopped: Type.Boolean(),
          }),
          404: ErrorResponse,
        },
      },
    },
    async (req) => service.trackByCode(db, req.params.code),
  );
};
