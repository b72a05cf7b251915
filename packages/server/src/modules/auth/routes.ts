import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../app.js';
import { sessionCookieOptions } from '../../auth/sessions.js';
import { ErrorResponse } from '../../http/schemas.js';
import { LoginBody, Profile } from './schemas.js';
import * as service from './service.js';

export const authRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, config }) => {
  const cookieOptions = sessionCookieOptions(config);

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập (cán bộ) — officer sign-in',
        body: LoginBody,
        response: { 200: Profile, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { token, staffId } = await service.login(db, config, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(service.SESSION_COOKIE, token, {
        ...cookieOptions,
        maxAge: config.sessionTtlMinutes * 60,
      });
      const auth = await service.authenticate(db, config, token);
      if (!auth) throw new Error(`session for staff ${staffId} vanished right after sign-in`);
      return service.profile(db, auth);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['auth'], summary: 'Đăng xuất — sign out', response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      if (req.auth) await service.logout(db, req.auth);
      reply.clearCookie(service.SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['auth'],
        summary: 'Thông tin cán bộ đang đăng nhập — current officer',
        response: { 200: Profile },
      },
    },
    async (req) => service.profile(db, req.auth!),
  );
};
