/**
 * Vitest global setup: one PostgreSQL for the whole run (DATABASE_URL when set, otherwise an
 * embedded server in a temporary folder) and two template databases built once:
 * - `base`: migrated, empty;
 * - `demo`: migrated, with the reference data and the demo deployments.
 * Each test file clones the template it needs (test/db.ts), so files run in parallel in isolation.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../config.js';
import { prepareAppRole } from '../db/app-role.js';
import { createDb, quoteIdent, withDatabase } from '../db/client.js';
import { type EmbeddedServer, startEmbedded } from '../db/embedded.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemo } from '../modules/demo/seed.js';
import { loadReferenceData } from '../modules/reference/load.js';
import { adminQuery } from './admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: {
      adminUrl: string;
      templates: { base: string; demo: string };
      /** The application role of this run (db/app-role.ts), prepared in the templates. */
      app: { role: string; password: string };
    };
  }
}

/** Fixed "today" for the demo template so test expectations do not drift with the calendar. */
export const TEST_TODAY = '2026-11-20';

export default async function setup(project: TestProject) {
  const started = Date.now();
  let embedded: EmbeddedServer | null = null;
  let dir: string | null = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-test-'));
    // A throw-away cluster: durability settings off make the suite several times faster.
    embedded = await startEmbedded({
      dataDir: dir,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    adminUrl = embedded.adminUrl;
  } else {
    loadConfig(process.env); // fail early with a clear message on a malformed DATABASE_URL
  }
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const templates = { base: `motcua_tpl_base_${run}`, demo: `motcua_tpl_demo_${run}` };
  // Roles belong to the whole server: one per run, so runs sharing a DATABASE_URL server (and a
  // real `motcua_app` there) never meet. Its grants are in the templates, so every clone has them.
  const app = { role: `motcua_app_t_${run}`, password: randomBytes(18).toString('base64url') };

  await adminQuery(
    adminUrl,
    `create database ${quoteIdent(templates.base)} encoding 'UTF8' template template0`,
  );
  {
    const { db } = createDb(withDatabase(adminUrl, templates.base), 2);
    await migrateToLatest(db);
    await prepareAppRole(db, app);
    await db.destroy();
  }
  await adminQuery(
    adminUrl,
    `create database ${quoteIdent(templates.demo)} template ${quoteIdent(templates.base)}`,
  );
  {
    const { db } = createDb(withDatabase(adminUrl, templates.demo), 2);
    await loadReferenceData(db);
    await seedDemo(db, TEST_TODAY);
    await db.destroy();
  }
  console.log(
    `[test db] ${embedded ? `embedded PostgreSQL on port ${embedded.port}` : 'DATABASE_URL'}; templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  project.provide('pg', { adminUrl, templates, app });

  return async () => {
    for (const t of Object.values(templates))
      await adminQuery(adminUrl, `drop database if exists ${quoteIdent(t)} with (force)`);
    // leftovers of test files that crashed before their own clean-up
    const left = await adminQuery(
      adminUrl,
      `select datname from pg_database where datname like 'motcua_t_${run}%'`,
    );
    for (const r of left.rows)
      await adminQuery(adminUrl, `drop database if exists ${quoteIdent(r.datname)} with (force)`);
    // its privileges went with the databases; a database left elsewhere would keep it (2BP01)
    await adminQuery(adminUrl, `drop role if exists ${quoteIdent(app.role)}`).catch((e) =>
      console.warn(`[test db] role ${app.role} kept: ${(e as Error).message}`),
    );
    await embedded?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
