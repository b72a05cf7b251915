import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { AppDeps } from '../../app.js';
import { pendingMigrations } from '../../db/migrate.js';
import { ErrorResponse } from '../../http/schemas.js';

export const systemRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['system'],
        summary: 'Process is alive',
        response: { 200: Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number() }) },
      },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    '/api/ready',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['system'],
        summary: 'Database reachable and migrations current',
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            database: Type.String(),
            migrations: Type.Integer(),
          }),
          503: ErrorResponse,
        },
      },
    },
    async (_req, reply) => {
      let version: string;
      try {
        const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
        version = r.rows[0]?.v ?? '?';
      } catch (e) {
        return reply.status(503).send({
          error: {
            code: 'DATABASE_UNAVAILABLE',
            message: 'The database does not answer',
            messageVi: 'Không kết nối được cơ sở dữ liệu',
            details: { reason: (e as Error).message },
          },
        });
      }
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        return reply.status(503).send({
          error: {
            code: 'MIGRATIONS_PENDING',
            message: 'Database migrations are not applied',
            messageVi: 'Cơ sở dữ liệu chưa được cập nhật cấu trúc (migration)',
            details: { pending },
          },
        });
      }
      const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db);
      return {
        status: 'ready' as const,
        database: `PostgreSQL ${version}`,
        migrations: applied.rows[0]?.n ?? 0,
      };
    },
  );
};
