import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { requireCitizen } from '../../auth/access.js';
import { sessionCookieOptions } from '../../auth/sessions.js';
import { DomainError } from '../../errors.js';
import { ErrorResponse } from '../../http/schemas.js';
import {
  ApplicantLookup,
  ApplicantLookupQuery,
  CitizenProfile,
  CodeRequestBody,
  CodeSent,
  VerifyBody,
} from './schemas.js';
import * as service from './service.js';

// Per client address, on top of the per-number cooldown and attempt limits. Loopback is not
// exempt here (it is elsewhere): behind a local reverse proxy every citizen arrives from it, and
// guessing codes must not be unlimited there.
const limit = (max: number) => ({ max, timeWindow: '1 minute', allowList: () => false });

export const citizenRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, config }) => {
  const cookieOptions = sessionCookieOptions(config);

  app.post(
    '/api/v1/citizen/auth/code',
    {
      config: { access: { public: true }, rateLimit: limit(10) },
      schema: {
        tags: ['citizen-auth'],
        summary: 'Gửi mã đăng nhập (công dân) — send a citizen a one-time sign-in code',
        description:
          'Queues a six-digit code, valid 10 minutes, to the e-mail address or phone number on the citizen record. An identity number without a citizen (or a citizen without that contact) gets the same 202 with a plausible masked destination and the same cooldown, and nothing is sent: the answer never tells who has an account. A new code for the same number and channel replaces the previous one, at most one a minute and five an hour (429 OTP_COOLDOWN).',
        body: CodeRequestBody,
        response: { 202: CodeSent, 400: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse },
      },
    },
    async (req, reply) => {
      try {
        return reply.status(202).send(await service.requestCode(db, req.body));
      } catch (e) {
        if (e instanceof DomainError && e.code === 'OTP_COOLDOWN')
          reply.header('retry-after', String(e.details.retryAfterSeconds));
        throw e;
      }
    },
  );

  app.post(
    '/api/v1/citizen/auth/verify',
    {
      config: { access: { public: true }, rateLimit: limit(20) },
      schema: {
        tags: ['citizen-auth'],
        summary: 'Đăng nhập bằng mã (công dân) — citizen sign-in with the code',
        description:
          'Sets the HTTP-only cookie motcua_csid. Wrong code: 401 OTP_INVALID (with attemptsLeft); expired: 401 OTP_EXPIRED; after five wrong codes the code is dead: 401 OTP_LOCKED, request a new one.',
        body: VerifyBody,
        response: { 200: CitizenProfile, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { token, citizenId } = await service.verifyCode(db, config, {
        identityNumber: req.body.identityNumber,
        code: req.body.code,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(service.CITIZEN_SESSION_COOKIE, token, {
        ...cookieOptions,
        maxAge: config.sessionTtlMinutes * 60,
      });
      const citizen = await service.authenticateCitizen(db, config, token);
      if (!citizen) throw new Error(`session for citizen ${citizenId} vanished right after sign-in`);
      return service.profile(db, citizen);
    },
  );

  app.post(
    '/api/v1/citizen/auth/logout',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['citizen-auth'],
        summary: 'Đăng xuất (công dân) — citizen sign-out',
        response: { 204: Type.Null(), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (req, reply) => {
      await service.logout(db, requireCitizen(req));
      reply.clearCookie(service.CITIZEN_SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/citizen/me',
    {
      config: { access: { citizen: true } },
      schema: {
        tags: ['citizen-auth'],
        summary: 'Thông tin công dân đang đăng nhập — current citizen',
        response: { 200: CitizenProfile, 401: ErrorResponse },
      },
    },
    async (req) => service.profile(db, requireCitizen(req)),
  );

  app.get(
    '/api/v1/citizens/lookup',
    {
      config: { access: { roles: ['receiving_officer'] } },
      schema: {
        tags: ['citizen-auth'],
        summary:
          'Tra cứu người nộp theo số định danh (cán bộ một cửa; ghi nhật ký) — look an applicant up by identity number',
        description:
          'The whole number only: 404 NOT_FOUND when no citizen has it. Each look-up is recorded in the audit log (citizen.lookup).',
        querystring: ApplicantLookupQuery,
        response: {
          200: ApplicantLookup,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (req) =>
      service.lookupApplicant(db, req.auth!, req.query.identityNumber, { requestId: req.id, ip: req.ip }),
  );
};
