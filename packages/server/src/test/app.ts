import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { DEMO_PASSWORD } from '../modules/demo/definitions.js';

export async function testApp(
  db: Db,
  env: Record<string, string> = {},
  opts: { clock?: () => number } = {},
): Promise<FastifyInstance & { config: Config }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgres://unused/x',
    ...env,
  });
  const app = await buildApp({ db, config, ...(opts.clock ? { clock: opts.clock } : {}) }, { logger: false });
  afterAll(() => app.close());
  return Object.assign(app, { config });
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Signs a demo officer in and returns what a browser would hold. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
