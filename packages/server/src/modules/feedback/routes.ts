/**
 * The PAKN API (phản ánh, kiến nghị; issue #7 item 3). Submitting is open to anyone (a signed-in
 * citizen, or anonymously with a name and a contact: the response then carries an access token);
 * the agency's officials list and handle; the submitter follows, rates and raises again; the
 * published answers are public, without personal data.
 *
 * Every state-changing request carries an Idempotency-Key (a retry returns the first response and
 * writes nothing) and, on an existing PAKN, the version it was based on (409 VERSION_CONFLICT).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.js';
import { errors } from '../../errors.js';
import { ErrorResponse, IdParams } from '../../http/schemas.js';
import { requestHash } from '../dossiers/log.js';
import {
  ActionResponse,
  CitizenActionBody,
  FeedbackViewSchema,
  IdempotencyHeaders,
  ListItem,
  ListQuery,
  LogEntry,
  MineSchema,
  OfficerActionBody,
  PublicAnswer,
  SubmitFeedbackBody,
  SubmitResponse,
} from './schemas.js';
import * as service from './service.js';

const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

function idempotencyOf(req: FastifyRequest): service.Idempotency {
  const key = req.headers['idempotency-key'] as string;
  // bound to who sent it: the same key from someone else is another request
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

/**
 * On the public routes a citizen's cookie counts only with its CSRF token: a cross-site form
 * must not act in the citizen's name.
 */
function citizenOf(req: FastifyRequest) {
  if (!req.citizen) return null;
  if (req.method !== 'GET' && req.headers['x-csrf-token'] !== req.citizen.csrfToken) throw errors.csrf();
  return req.citizen;
}

const proofOf = (req: FastifyRequest): service.SubmitterProof => ({
  citizen: citizenOf(req),
  token: req.headers['x-feedback-token'] as string | undefined,
});

function send(reply: FastifyReply, r: service.Written) {
  if (r.replayed) reply.header('idempotency-replayed', 'true');
  return reply.code(r.status).send(r.body);
}

export const feedbackRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, deps) => {
  const { db } = deps;
  const now = deps.clock ?? Date.now;

  app.post(
    '/api/v1/feedback',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['feedback'],
        summary: 'Gửi phản ánh, kiến nghị về quy định hành chính hoặc hành vi của cán bộ — submit feedback',
        description:
          'Signed in as a citizen, the contact comes from the account; otherwise name and a phone or e-mail are required (422 FEEDBACK_CONTACT_REQUIRED) and the response carries an access token, shown once. Deadlines in working days of the agency’s calendar: refuse ≤ 2, ask for information ≤ 5, resolve ≤ 15, publish the answer ≤ 2 after resolving.',
        headers: IdempotencyHeaders,
        body: SubmitFeedbackBody,
        response: { 201: SubmitResponse, 200: SubmitResponse, ...errorResponses },
      },
    },
    async (req, reply) =>
      send(reply, await service.submit(db, now(), citizenOf(req), req.body, idempotencyOf(req))),
  );

  app.get(
    '/api/v1/feedback/answers',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['feedback'],
        summary:
          'Kết quả trả lời phản ánh, kiến nghị đã công khai (không có thông tin cá nhân) — published answers',
        querystring: Type.Object(
          {
            tenant: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,40}$' }),
            agency: Type.Optional(
              Type.String({ pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9]{2}$' }),
            ),
            procedureCode: Type.Optional(Type.String({ pattern: '^[0-9]\\.[0-9]{6}$' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ total: Type.Integer(), items: Type.Array(PublicAnswer) }),
          400: ErrorResponse,
          404: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (req) =>
      service.publicAnswers(db, {
        ...req.query,
        limit: req.query.limit ?? 20,
        offset: req.query.offset ?? 0,
      }),
  );

  app.get(
    '/api/v1/feedback/agencies',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['feedback'],
        summary: 'Cơ quan có thể nhận phản ánh, kiến nghị — agencies a PAKN may be sent to',
        description: 'The deployment’s agencies in force today, by name: identifier, name and level only.',
        querystring: Type.Object(
          { tenant: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,40}$' }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({ identifier: Type.String(), name: Type.String(), level: Type.String() }),
          ),
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (req) => service.agencies(db, req.query.tenant, now()),
  );

  app.get(
    '/api/v1/feedback',
    {
      config: { access: { roles: service.READER_ROLES } },
      schema: {
        tags: ['feedback'],
        summary: 'Danh sách phản ánh, kiến nghị của cơ quan — the agency’s feedback, soonest due first',
        description:
          'Only the agencies the officer’s positions reach (a department’s official sees the department’s agency). overdue=true: an answer or its publication is past its deadline now.',
        querystring: ListQuery,
        response: {
          200: Type.Object({ total: Type.Integer(), items: Type.Array(ListItem) }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (req) =>
      service.list(
        db,
        req.auth!,
        { ...req.query, limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 },
        now(),
      ),
  );

  app.get(
    '/api/v1/feedback/:id',
    {
      config: { access: { roles: service.READER_ROLES } },
      schema: {
        tags: ['feedback'],
        summary: 'Phản ánh, kiến nghị và nhật ký xử lý — one feedback with its log and the actions allowed',
        params: IdParams,
        response: {
          200: Type.Intersect([
            FeedbackViewSchema,
            Type.Object({ agency: Type.String(), log: Type.Array(LogEntry) }),
          ]),
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (req) => service.detail(db, req.auth!, req.params.id, now()),
  );

  app.post(
    '/api/v1/feedback/:id/actions',
    {
      config: { access: { roles: service.HANDLER_ROLES } },
      schema: {
        tags: ['feedback'],
        summary:
          'Xử lý phản ánh, kiến nghị: phân loại, đề nghị bổ sung, từ chối, trả lời, công khai, đóng — an official’s action',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: OfficerActionBody,
        response: { 200: ActionResponse, ...errorResponses },
      },
    },
    async (req, reply) =>
      send(
        reply,
        await service.officerAction(db, req.auth!, req.params.id, req.body, idempotencyOf(req), now()),
      ),
  );

  app.get(
    '/api/v1/feedback/:id/mine',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['feedback'],
        summary: 'Người gửi theo dõi phản ánh của mình (đăng nhập hoặc mã truy cập) — the submitter’s view',
        params: IdParams,
        headers: Type.Object({ 'x-feedback-token': Type.Optional(Type.String({ maxLength: 100 })) }),
        response: { 200: MineSchema, 404: ErrorResponse },
      },
    },
    async (req) => service.mine(db, proofOf(req), req.params.id, now()),
  );

  app.post(
    '/api/v1/feedback/:id/citizen-actions',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['feedback'],
        summary:
          'Người gửi bổ sung thông tin, đánh giá hài lòng / không hài lòng, hoặc phản ánh lại — the submitter’s action',
        description:
          'The submitter is the signed-in citizen who submitted it (with X-CSRF-Token) or the holder of its access token (X-Feedback-Token). Anyone else gets 404.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CitizenActionBody,
        response: { 200: ActionResponse, ...errorResponses },
      },
    },
    async (req, reply) =>
      send(
        reply,
        await service.citizenAction(db, proofOf(req), req.params.id, req.body, idempotencyOf(req), now()),
      ),
  );

  app.get(
    '/api/v1/citizen/feedback',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['feedback'],
        summary: 'Phản ánh, kiến nghị của tôi — my feedback',
        response: {
          200: Type.Array(Type.Intersect([FeedbackViewSchema, Type.Object({ agency: Type.String() })])),
          401: ErrorResponse,
        },
      },
    },
    async (req) => service.myList(db, req.citizen!, now()),
  );
};
