/**
 * The application role against a real PostgreSQL: it appends to the logs and can do nothing else
 * to them, whatever the owner does to the triggers; it owns nothing and cannot become the owner;
 * preparing it again changes nothing, repairs drift and tolerates a concurrent start.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../test/app.js';
import { testDatabase } from '../test/db.js';
import {
  AppRoleError,
  appConnectionUrl,
  openAppDatabase,
  prepareAppRole,
  scramSha256Verifier,
} from './app-role.js';
import { createDb, type Db, quoteIdent } from './client.js';
import { APPEND_ONLY_TABLES } from './grants.js';

const t = await testDatabase('demo');
const { db, appDb } = t;
const app = t.appRole;

/** The SQLSTATE a statement fails with (undefined when it succeeds). */
async function failure(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}
const run = (on: Db, text: string) => sql.raw(text).execute(on);

let owner: string;
let fixture: { tenantId: number; agencyId: number; procedureId: number; staffId: number };
let dossierId: number;

beforeAll(async () => {
  owner = (await sql<{ u: string }>`select current_user as u`.execute(db)).rows[0]?.u ?? '';
  const agency = await db
    .selectFrom('agencies')
    .select(['id', 'tenant_id'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const procedure = await db.selectFrom('procedures').select('id').orderBy('id').executeTakeFirstOrThrow();
  const staff = await db
    .selectFrom('staff')
    .select('id')
    .where('tenant_id', '=', agency.tenant_id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  fixture = { tenantId: agency.tenant_id, agencyId: agency.id, procedureId: procedure.id, staffId: staff.id };
});

/** A dossier and its first action, written as the server writes them: as the application role. */
async function registerAsApp(): Promise<number> {
  const { tenantId, agencyId, procedureId } = fixture;
  const state = JSON.stringify({ status: 'submitted', version: 1 });
  return appDb.transaction().execute(async (trx) => {
    const d = await sql<{ id: number }>`
      insert into dossiers (tenant_id, procedure_id, receiving_agency_id, competent_agency_id, status,
                            version, state)
      values (${tenantId}, ${procedureId}, ${agencyId}, ${agencyId}, 'submitted', 1, ${state}::jsonb)
      returning id`.execute(trx);
    const id = Number(d.rows[0]?.id);
    const action = JSON.stringify({ type: 'register', channel: 'direct' });
    await sql`
      insert into dossier_actions (dossier_id, tenant_id, seq, type, at, actor, payload)
      values (${id}, ${tenantId}, 1, 'register', now(), '{"kind":"system"}', ${action}::jsonb)`.execute(trx);
    return id;
  });
}

/** Every privilege the role holds directly, and its default privileges: what prepareAppRole sets. */
async function privileges(role: string) {
  const rows = await sql<{ what: string }>`
    select c.relname || ':' || a.privilege_type as what
      from pg_class c, aclexplode(c.relacl) a
     where a.grantee = (select oid from pg_roles where rolname = ${role})
    union all
    select 'default ' || d.defaclobjtype::text || ':' || a.privilege_type
      from pg_default_acl d, aclexplode(d.defaclacl) a
     where a.grantee = (select oid from pg_roles where rolname = ${role})
    union all
    select 'schema ' || n.nspname || ':' || a.privilege_type
      from pg_namespace n, aclexplode(n.nspacl) a
     where a.grantee = (select oid from pg_roles where rolname = ${role})
    order by 1`.execute(db);
  return rows.rows.map((r) => r.what);
}

describe('the application role', () => {
  it('logs in as itself and cannot become the owner', async () => {
    const who = await sql<{ s: string; c: string }>`select session_user as s, current_user as c`.execute(
      appDb,
    );
    expect(who.rows[0]).toEqual({ s: app.role, c: app.role });
    expect(owner).not.toBe(app.role);
    // what SET ROLE on the owner's connections could not prevent
    expect(await failure(run(appDb, `set role ${quoteIdent(owner)}`))).toBe('42501');
    expect(await failure(sql`select set_config('role', ${owner}, false)`.execute(appDb))).toBe('42501');
    expect(await failure(run(appDb, `set session authorization ${quoteIdent(owner)}`))).toBe('42501');
  });

  it('appends to the dossier log', async () => {
    dossierId = await registerAsApp();
    const rows = await appDb
      .selectFrom('dossier_actions')
      .select(['seq', 'type'])
      .where('dossier_id', '=', dossierId)
      .execute();
    expect(rows).toEqual([{ seq: 1, type: 'register' }]);
    // the derived state beside the log is an ordinary table
    await appDb.updateTable('dossiers').set({ updated_at: new Date() }).where('id', '=', dossierId).execute();
  });

  it('cannot update, delete or truncate the log: the grants refuse before the triggers run', async () => {
    const attempts = [
      `update dossier_actions set reason = 'sửa lịch sử' where dossier_id = ${dossierId}`,
      `delete from dossier_actions where dossier_id = ${dossierId}`,
      'truncate dossier_actions',
    ];
    for (const a of attempts) expect(await failure(run(appDb, a)), a).toBe('42501');
    // the owner holds the privileges and meets only the trigger
    expect(await failure(run(db, attempts[0] as string))).toBe('MC002');
  });

  it('still cannot when the owner has disabled the triggers', async () => {
    await run(db, 'alter table dossier_actions disable trigger user');
    try {
      const states = await sql<{ tgenabled: string }>`
        select tgenabled from pg_trigger
         where tgrelid = 'dossier_actions'::regclass and not tgisinternal`.execute(db);
      expect(states.rows.map((r) => r.tgenabled)).toEqual(['D', 'D']);
      expect(
        await failure(
          run(appDb, `update dossier_actions set reason = 'sửa lịch sử' where dossier_id = ${dossierId}`),
        ),
      ).toBe('42501');
      expect(await failure(run(appDb, `delete from dossier_actions where dossier_id = ${dossierId}`))).toBe(
        '42501',
      );
      expect(await failure(run(appDb, 'truncate dossier_actions'))).toBe('42501');
    } finally {
      await run(db, 'alter table dossier_actions enable trigger user');
    }
    const kept = await db
      .selectFrom('dossier_actions')
      .select('reason')
      .where('dossier_id', '=', dossierId)
      .execute();
    expect(kept).toEqual([{ reason: null }]);
  });

  it('appends to the audit log and the other logs, and changes none of them', async () => {
    await appDb
      .insertInto('audit_log')
      .values({ actor_label: 'test', action: 'test.grant', entity_type: 'test', before: null, after: null })
      .execute();
    // a column each that UPDATE may name (identity columns are refused before privileges are checked)
    const column: Record<string, string> = {
      dossier_actions: 'reason',
      audit_log: 'actor_label',
      workflows: 'template_code',
      import_runs: 'actor',
      dossier_files: 'filename',
      feedback_actions: 'request_id',
    };
    expect(Object.keys(column).sort()).toEqual([...APPEND_ONLY_TABLES].sort());
    for (const table of APPEND_ONLY_TABLES) {
      const c = column[table] as string;
      expect(await failure(run(appDb, `update ${table} set ${c} = ${c} where false`)), table).toBe('42501');
      expect(await failure(run(appDb, `delete from ${table} where false`)), table).toBe('42501');
      expect(await failure(run(appDb, `truncate ${table}`)), table).toBe('42501');
      expect(await failure(run(appDb, `select count(*) from ${table}`)), table).toBeUndefined();
    }
  });

  it('reads and writes an ordinary table', async () => {
    const id = `test-${Date.now()}`;
    await appDb
      .insertInto('sessions')
      .values({ id, staff_id: fixture.staffId, csrf_token: 'x', expires_at: new Date(Date.now() + 60_000) })
      .execute();
    await appDb.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
    await appDb.deleteFrom('sessions').where('id', '=', id).execute();
    expect(await appDb.selectFrom('sessions').select('id').where('id', '=', id).execute()).toEqual([]);
    expect(await failure(run(appDb, 'truncate sessions'))).toBe('42501');
  });

  it('owns nothing: no ALTER, DROP, DISABLE TRIGGER or CREATE', async () => {
    for (const ddl of [
      'alter table dossiers add column tampered boolean',
      'alter table dossier_actions disable trigger user',
      'alter table dossier_actions disable trigger all',
      'drop table dossier_actions',
      'drop function dossier_actions_append_only() cascade',
      'create table shadow (id int)',
    ])
      expect(await failure(run(appDb, ddl)), ddl).toBe('42501');
  });

  it('serves the HTTP app: readiness (the migrator table) and a sign-in', async () => {
    const server = await testApp(appDb);
    const ready = await server.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode, ready.body).toBe(200);
    const session = await signIn(server, 'admin');
    const me = await server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers });
    expect(me.statusCode, me.body).toBe(200);
    const out = await server.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(out.statusCode, out.body).toBeLessThan(300);
  });
});

describe('preparing the role at every start', () => {
  it('changes nothing on a prepared database', async () => {
    const before = await privileges(app.role);
    expect(before).toContain('dossier_actions:INSERT');
    expect(before).not.toContain('dossier_actions:UPDATE');
    expect(await prepareAppRole(db, app)).toEqual([]);
    expect(await privileges(app.role)).toEqual(before);
  });

  it('gives a table created by a later migration the ordinary privileges at once', async () => {
    await run(db, 'create table later_things (id int generated always as identity primary key, v text)');
    await run(appDb, `insert into later_things (v) values ('mới')`);
    await run(appDb, `update later_things set v = 'đổi'`);
    await run(appDb, 'delete from later_things');
    // default privileges already match the policy: nothing to repair
    expect(await prepareAppRole(db, app)).toEqual([]);
  });

  it('repairs drift, once, even when two servers start together', async () => {
    const before = await privileges(app.role);
    await run(db, `grant update, truncate on dossier_actions to ${quoteIdent(app.role)}`);
    await run(db, `revoke insert on sessions from ${quoteIdent(app.role)}`);
    await run(
      db,
      `alter default privileges in schema public revoke delete on tables from ${quoteIdent(app.role)}`,
    );
    const { db: second } = createDb(t.url, 2);
    try {
      const [a, b] = await Promise.all([prepareAppRole(db, app), prepareAppRole(second, app)]);
      // serialised by the lock: one repairs, the other finds nothing left to do
      expect([a, b].map((x) => x.length).sort(), [...a, ...b].join('\n')).toEqual([0, 3]);
      expect([...a, ...b]).toContainEqual(
        expect.stringMatching(/^REVOKE TRUNCATE, UPDATE ON TABLE .*"dossier_actions" FROM /),
      );
    } finally {
      await second.destroy();
    }
    expect(await privileges(app.role)).toEqual(before);
    expect(await failure(run(appDb, 'update dossier_actions set reason = null where false'))).toBe('42501');
  });

  describe('refuses a role that holds more than its grants', () => {
    const extra: string[] = [];
    afterAll(async () => {
      for (const r of extra) await run(db, `drop role if exists ${quoteIdent(r)}`);
    });

    it('the owner itself', async () => {
      await expect(prepareAppRole(db, { role: owner, password: null })).rejects.toThrow(
        /is the role the migrations run as/,
      );
    });

    it('a role that may create roles, or that writes every table through a predefined role', async () => {
      const creator = `${app.role}_cr`;
      const writer = `${app.role}_wr`;
      extra.push(creator, writer);
      await run(db, `create role ${quoteIdent(creator)} login createrole`);
      await run(db, `create role ${quoteIdent(writer)} login`);
      await run(db, `grant pg_write_all_data to ${quoteIdent(writer)}`);
      await expect(prepareAppRole(db, { role: creator, password: null })).rejects.toThrow(/has CREATEROLE/);
      await expect(prepareAppRole(db, { role: writer, password: null })).rejects.toThrow(
        /member of pg_write_all_data/,
      );
      await expect(prepareAppRole(db, { role: writer, password: null })).rejects.toBeInstanceOf(AppRoleError);
    });
  });
});

/** Whether the stored verifier of `role` is that of `password`, recomputed with its salt. */
async function storedPasswordIs(role: string, password: string): Promise<boolean> {
  // pg_authid: readable by a superuser, which both test servers give us
  const row = await sql<{
    p: string | null;
  }>`select rolpassword as p from pg_authid where rolname = ${role}`.execute(db);
  const stored = row.rows[0]?.p ?? '';
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored);
  if (!m) throw new Error(`not a SCRAM verifier: ${stored}`);
  return scramSha256Verifier(password, Buffer.from(m[2] as string, 'base64'), Number(m[1])) === stored;
}

describe('the role password', () => {
  it('is sent as the SCRAM-SHA-256 verifier PostgreSQL itself would store', async () => {
    const probe = `${app.role}_scram`;
    const password = 'Mot Cua #2026 (thu)';
    try {
      await db.transaction().execute(async (trx) => {
        await run(trx, "set local password_encryption = 'scram-sha-256'");
        await run(trx, `create role ${quoteIdent(probe)} password '${password}'`);
      });
      expect(await storedPasswordIs(probe, password)).toBe(true);
      expect(await storedPasswordIs(probe, `${password}!`)).toBe(false);
    } finally {
      await run(db, `drop role if exists ${quoteIdent(probe)}`);
    }
  });

  it('is set again when the server refuses it, and the pool logs in as the role', async () => {
    const role = `${app.role}_pw`;
    const settings = { role, password: 'first-secret-2026' };
    try {
      await prepareAppRole(db, settings);
      expect(await storedPasswordIs(role, settings.password)).toBe(true);
      // another data folder, or a DBA, changed it meanwhile
      await run(db, `alter role ${quoteIdent(role)} password 'something-else'`);
      // the embedded server checks passwords (and the password is then set again); CI's trusts
      const wrong = new pg.Client({ connectionString: appConnectionUrl(t.url, role, settings.password) });
      const checked = (await failure(wrong.connect())) === '28P01';
      await wrong.end().catch(() => {});
      const opened = await openAppDatabase(db, t.url, settings, 1);
      try {
        const who = await sql<{ s: string }>`select session_user as s`.execute(opened.db);
        expect(who.rows[0]?.s).toBe(role);
        expect(opened.url).toBe(appConnectionUrl(t.url, role, settings.password));
        expect(await storedPasswordIs(role, settings.password)).toBe(checked);
      } finally {
        await opened.db.destroy();
      }
    } finally {
      await run(db, `drop owned by ${quoteIdent(role)}`);
      await run(db, `drop role if exists ${quoteIdent(role)}`);
    }
  });
});

describe('appConnectionUrl', () => {
  it("keeps the owner's server, database and options, with the role's credentials", () => {
    const url = new URL(
      appConnectionUrl(
        'postgres://owner:s3cret@db.example:5433/motcua?sslmode=require',
        'motcua_app',
        'p@ss/w:rd%20#',
      ),
    );
    expect([url.hostname, url.port, url.pathname, url.search]).toEqual([
      'db.example',
      '5433',
      '/motcua',
      '?sslmode=require',
    ]);
    expect(decodeURIComponent(url.username)).toBe('motcua_app');
    expect(decodeURIComponent(url.password)).toBe('p@ss/w:rd%20#');
    expect(new URL(appConnectionUrl('postgres://owner:x@h/db', 'motcua_app', null)).password).toBe('');
  });
});
