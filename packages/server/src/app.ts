/**
 * Builds the Fastify application: logging with request ids, the one error shape, OpenAPI 3.1 from
 * the route schemas, sessions and the authorisation layer, the domain modules and the web app.
 */

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { registerAccessControl } from './auth/access.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { registerErrorHandling } from './http/error-handler.js';
import { ErrorResponse } from './http/schemas.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { authenticate, SESSION_COOKIE } from './modules/auth/service.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { catalogAdminRoutes } from './modules/catalog/admin-routes.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { citizenRoutes } from './modules/citizens/routes.js';
import { authenticateCitizen, CITIZEN_SESSION_COOKIE } from './modules/citizens/service.js';
import { dossierRoutes } from './modules/dossiers/routes.js';
import { worklistRoutes } from './modules/dossiers/worklist-routes.js';
import { feedbackRoutes } from './modules/feedback/routes.js';
import { fileRoutes } from './modules/files/routes.js';
import { dashboardRoutes } from './modules/monitoring/dashboard-routes.js';
import { officerRoutes } from './modules/monitoring/officer-routes.js';
import { monitoringRoutes } from './modules/monitoring/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { signatureRoutes } from './modules/signatures/routes.js';
import { systemRoutes } from './modules/system/routes.js';

export interface AppDeps {
  db: Db;
  config: Config;
  /** the clock dossier actions are dated by; tests move it (default: the system clock) */
  clock?: () => number;
}

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

function newAjv(coerceTypes: 'array' | false) {
  // the options Fastify's own compiler uses, but for coercion
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    strict: false,
    // bodies told apart by a `type` property go straight to their own schema (dossier actions)
    discriminator: true,
  });
  addFormats.default(ajv);
  return ajv;
}

type OpenApiDoc = {
  paths?: Record<
    string,
    Record<string, { parameters?: { required?: boolean; in?: string; schema?: { default?: unknown } }[] }>
  >;
};

/**
 * @fastify/swagger marks a query parameter that has a default as required; a client may leave it
 * out (the server fills the default), and the browser's generated types must say so.
 */
function optionalDefaults<T extends OpenApiDoc>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {}))
    for (const op of Object.values(item))
      for (const p of op.parameters ?? [])
        if (p.in === 'query' && p.schema?.default !== undefined) p.required = false;
  return doc;
}

export async function buildApp(
  deps: AppDeps,
  opts: { logger?: boolean | object } = {},
): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    // Honour a caller's request id (a proxy or the national portal) so one id follows a request across systems.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.:-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Query strings and path parameters arrive as text and are coerced to their schema's types; a
  // JSON body already has types, and coercing it is harmful: with a nullable field (anyOf
  // [string, null]) Ajv would turn null into "" or 0 before trying the null branch.
  const coercing = newAjv('array');
  const exact = newAjv(false);
  const compiled = {
    exact: new WeakMap<object, ValidateFunction>(),
    coercing: new WeakMap<object, ValidateFunction>(),
  };
  app.setValidatorCompiler(({ schema, httpPart }) => {
    // one compilation per schema object: Ajv refuses to register the same $id twice
    const [ajv, cache] = httpPart === 'body' ? [exact, compiled.exact] : [coercing, compiled.coercing];
    let fn = cache.get(schema as object);
    if (!fn) {
      fn = ajv.compile(schema as object);
      cache.set(schema as object, fn);
    }
    return fn;
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const hasWebBuild = fs.existsSync(`${WEB_DIST}index.html`);
  registerErrorHandling(app, { spa: hasWebBuild });
  app.addSchema(ErrorResponse);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MotCua API',
        version: '0.1.0',
        description:
          'API của hệ thống thông tin giải quyết thủ tục hành chính MotCua. Every error has the shape {"error":{code,message,messageVi,details}}. State-changing requests of a signed-in officer carry the X-CSRF-Token header returned by /api/v1/auth/login.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => String(json.$id ?? `def-${i}`) },
    transformObject: (doc) =>
      ('openapiObject' in doc
        ? optionalDefaults(doc.openapiObject as OpenApiDoc)
        : doc.swaggerObject) as never,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // annual holiday notices are uploaded as CSV text
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  await app.register(cookie);
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Loopback is the health checker and the test suite, never a flood.
    allowList: (req) => req.ip === '127.0.0.1' && !req.url.startsWith('/api/v1/auth/login'),
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    req.auth = await authenticate(db, config, req.cookies[SESSION_COOKIE]);
    req.citizen = await authenticateCitizen(db, config, req.cookies[CITIZEN_SESSION_COOKIE]);
  });
  registerAccessControl(app, db);

  await app.register(systemRoutes, deps);
  await app.register(authRoutes, deps);
  await app.register(orgRoutes, deps);
  await app.register(catalogRoutes, deps);
  await app.register(catalogAdminRoutes, deps);
  await app.register(calendarRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(notificationRoutes, deps);
  await app.register(dossierRoutes, deps);
  await app.register(worklistRoutes, deps);
  await app.register(citizenRoutes, deps);
  await app.register(signatureRoutes, deps);
  await app.register(fileRoutes, deps);
  await app.register(monitoringRoutes, deps);
  await app.register(feedbackRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await app.register(officerRoutes, deps);

  app.get(
    '/api/v1/openapi.json',
    { config: { access: { public: true } }, schema: { hide: true } },
    async () => app.swagger(),
  );

  if (hasWebBuild) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
  }
  return app;
}
