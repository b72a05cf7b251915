import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { migrationNames } from '../../db/migrate.js';
import { testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testDatabase('base');
  app = await testApp(t.db, { BODY_LIMIT_BYTES: '2048' });
});

describe('health and readiness', () => {
  it('reports the process alive', async () => {
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ok');
  });

  it('is ready when the database answers and migrations are applied', async () => {
    const res = await app.inject('/api/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', migrations: migrationNames().length });
    expect(res.json().database).toMatch(/^PostgreSQL \d+/);
  });

  it('is not ready when a migration is missing', async () => {
    const last = migrationNames().at(-1) as string;
    await sql`delete from kysely_migration where name = ${last}`.execute(t.db);
    try {
      const res = await app.inject('/api/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'MIGRATIONS_PENDING', details: { pending: [last] } });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last}, now()::text)`.execute(t.db);
    }
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document that lists the API', async () => {
    const res = await app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/agencies', '/api/v1/procedures', '/api/ready']),
    );
    expect(
      doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['username', 'password']);
  });

  it('serves a browsable reference', async () => {
    const res = await app.inject('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('one error shape for every failure', () => {
  const shape = {
    code: expect.any(String),
    message: expect.any(String),
    messageVi: expect.any(String),
    details: expect.any(Object),
  };

  it('404 for an unknown API route', async () => {
    const res = await app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ ...shape, code: 'ROUTE_NOT_FOUND' });
  });

  it('400 with the failing fields for a schema violation', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ ...shape, code: 'VALIDATION_FAILED' });
    expect(res.json().error.details.issues[0]).toMatchObject({ path: '/body', rule: 'required' });
  });

  it('400 for malformed JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('413 for a body over the limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'x', password: 'y'.repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ ...shape, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('401 for a signed-in route without a session', async () => {
    const res = await app.inject('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(res.json().error.messageVi).toMatch(/đăng nhập/);
  });

  it('500 reveals no internals, only the request id', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://unused/x' });
    const broken = await buildApp({ db: t.db, config }, { logger: false });
    broken.get('/api/v1/boom', { config: { access: { public: true } } }, async () => {
      throw new Error('secret connection string postgres://admin:hunter2@db');
    });
    const res = await broken.inject({ url: '/api/v1/boom', headers: { 'x-request-id': 'req-123' } });
    await broken.close();
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: 'INTERNAL_ERROR', details: { requestId: 'req-123' } });
    expect(res.body).not.toContain('hunter2');
    expect(res.headers['x-request-id']).toBe('req-123');
  });

  it('refuses to start with a route that declares no access rule', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://unused/x' });
    const app2 = await buildApp({ db: t.db, config }, { logger: false });
    expect(() => app2.get('/api/v1/undeclared', async () => 'x')).toThrow(/declares no access rule/);
    await app2.close();
  });
});
