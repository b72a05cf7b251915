/**
 * Per-file test databases: a fresh clone of a template built by global-setup.ts. Never a mock.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { appConnectionUrl } from '../db/app-role.js';
import { createDb, type Db, quoteIdent, withDatabase } from '../db/client.js';
import { adminQuery } from './admin.js';

export interface TestDatabase {
  /** The owning role (the server's superuser): migrations, fixtures, anything. */
  db: Db;
  url: string;
  name: string;
  /** The same database as the application role, as the HTTP server and the worker connect. */
  appDb: Db;
  appUrl: string;
  appRole: { role: string; password: string };
}

export async function testDatabase(template: 'base' | 'demo' = 'demo'): Promise<TestDatabase> {
  const { adminUrl, templates, app } = inject('pg');
  const run = templates.base.replace('motcua_tpl_base_', '');
  const name = `motcua_t_${run}_${randomBytes(4).toString('hex')}`;
  await adminQuery(
    adminUrl,
    `create database ${quoteIdent(name)} template ${quoteIdent(templates[template])}`,
  );
  const url = withDatabase(adminUrl, name);
  const { db } = createDb(url, 5);
  // a pool connects on first use only: files that never touch appDb open no connection
  const appUrl = appConnectionUrl(url, app.role, app.password);
  const { db: appDb } = createDb(appUrl, 5);
  afterAll(async () => {
    await appDb.destroy();
    await db.destroy();
    await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
  });
  return { db, url, name, appDb, appUrl, appRole: app };
}
