/**
 * Per-file test databases: a fresh clone of a template built by global-setup.ts. Never a mock.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createDb, type Db, quoteIdent, withDatabase } from '../db/client.js';
import { adminQuery } from './admin.js';

export interface TestDatabase {
  db: Db;
  url: string;
  name: string;
}

export async function testDatabase(template: 'base' | 'demo' = 'demo'): Promise<TestDatabase> {
  const { adminUrl, templates } = inject('pg');
  const run = templates.base.replace('motcua_tpl_base_', '');
  const name = `motcua_t_${run}_${randomBytes(4).toString('hex')}`;
  await adminQuery(
    adminUrl,
    `create database ${quoteIdent(name)} template ${quoteIdent(templates[template])}`,
  );
  const url = withDatabase(adminUrl, name);
  const { db } = createDb(url, 5);
  afterAll(async () => {
    await db.destroy();
    await adminQuery(adminUrl, `drop database if exists ${quoteIdent(name)} with (force)`);
  });
  return { db, url, name };
}
