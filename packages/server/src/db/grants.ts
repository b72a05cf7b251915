/**
 * What the application role may do, table by table, and the statements that bring the database to
 * exactly that. Run by db/app-role.ts after every migration run, inside its locked transaction.
 *
 * The step compares the privileges held directly by the role with the policy below and issues a
 * GRANT or REVOKE only for a difference, so on an up-to-date database it writes nothing to the
 * catalogue: safe to run at every start, by every process.
 */
import { sql } from 'kysely';
import type { Db } from './client.js';
import { quoteIdent } from './client.js';

/**
 * Logs: rows are added, never changed or removed, whoever connects as the application. The
 * triggers of 0004 and 0008 say the same for workflows and dossier_actions; the grants make it hold
 * even for a session that could switch those triggers off.
 * - dossier_actions: the dossier's history, the source of its state (0008);
 * - audit_log: who changed what in the administration (modules/audit only inserts and reads);
 * - workflows: one immutable row per version, which dossiers point at (0004);
 * - import_runs: the provenance of every reference import;
 * - dossier_files: what was handed in or issued, by whom and when (a replaced file is a new row;
 *   0012 refuses UPDATE by trigger as well).
 */
export const APPEND_ONLY_TABLES: readonly string[] = [
  'dossier_actions',
  'audit_log',
  'workflows',
  'import_runs',
  'dossier_files',
  // a PAKN's history, the source of its state (0016)
  'feedback_actions',
];

/** The migrator's bookkeeping: /api/ready reads it; only the owning role migrates. */
export const READ_ONLY_TABLES: readonly string[] = ['kysely_migration', 'kysely_migration_lock'];

const READ_WRITE = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const SEQUENCE = ['SELECT', 'USAGE'];

/** The privileges the application role should hold on a relation of the schema. */
export function relationPolicy(name: string, kind: string): string[] {
  if (kind === 'S') return SEQUENCE;
  if (READ_ONLY_TABLES.includes(name)) return ['SELECT'];
  if (APPEND_ONLY_TABLES.includes(name)) return ['INSERT', 'SELECT'];
  // never TRUNCATE, REFERENCES, TRIGGER or MAINTAIN: those belong to the owner
  return READ_WRITE;
}

function difference(have: readonly string[], want: readonly string[]) {
  return {
    grant: want.filter((p) => !have.includes(p)).sort(),
    revoke: have.filter((p) => !want.includes(p)).sort(),
  };
}

/**
 * Statements that give `role` exactly its privileges in the current schema (where the migrations
 * create everything): USAGE on the schema, the policy on every relation, EXECUTE on the functions
 * the migrations created, CONNECT on the database, and the same policy as default privileges for
 * what the owning role creates later.
 */
export async function grantStatements(trx: Db, role: string): Promise<string[]> {
  const r = quoteIdent(role);
  const out: string[] = [];
  const ctx = (
    await sql<{
      oid: number;
      schema: string;
      database: string;
      can_connect: boolean;
      schema_privileges: string[];
    }>`
      select r.oid, current_schema() as schema, current_database() as database,
        has_database_privilege(r.oid, current_database(), 'CONNECT') as can_connect,
        array(select a.privilege_type from pg_namespace n, aclexplode(n.nspacl) a
              where n.nspname = current_schema() and a.grantee = r.oid) as schema_privileges
      from pg_roles r where r.rolname = ${role}`.execute(trx)
  ).rows[0];
  if (!ctx) throw new Error(`role ${role} does not exist`);
  const oid = ctx.oid;
  const schema = quoteIdent(ctx.schema);
  // PUBLIC usually has CONNECT; a hardened database that revoked it needs it granted to the role.
  if (!ctx.can_connect) out.push(`GRANT CONNECT ON DATABASE ${quoteIdent(ctx.database)} TO ${r}`);
  {
    const d = difference(ctx.schema_privileges, ['USAGE']);
    if (d.revoke.length) out.push(`REVOKE ${d.revoke.join(', ')} ON SCHEMA ${schema} FROM ${r}`);
    if (d.grant.length) out.push(`GRANT USAGE ON SCHEMA ${schema} TO ${r}`);
  }

  // Relations whose owner we act for (a superuser acts for all): tables, views, sequences.
  const relations = await sql<{ name: string; kind: string; granted: string[] }>`
    select c.relname as name, c.relkind as kind,
      array(select a.privilege_type from aclexplode(c.relacl) a where a.grantee = ${oid}) as granted
    from pg_class c
    where c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
      and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
      and pg_has_role(c.relowner, 'USAGE')
    order by c.relname`.execute(trx);
  for (const rel of relations.rows) {
    const d = difference(rel.granted, relationPolicy(rel.name, rel.kind));
    const target = `${rel.kind === 'S' ? 'SEQUENCE' : 'TABLE'} ${schema}.${quoteIdent(rel.name)}`;
    if (d.revoke.length) out.push(`REVOKE ${d.revoke.join(', ')} ON ${target} FROM ${r}`);
    if (d.grant.length) out.push(`GRANT ${d.grant.join(', ')} ON ${target} TO ${r}`);
  }

  // Functions of the migrations (f_unaccent, the search helpers, trigger functions); those of the
  // extensions keep their own privileges (PUBLIC may execute them).
  const routines = await sql<{ signature: string }>`
    select p.oid::regprocedure::text as signature
    from pg_proc p
    where p.pronamespace = (select oid from pg_namespace where nspname = current_schema())
      and pg_has_role(p.proowner, 'USAGE')
      and not exists (select 1 from pg_depend d
                      where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      and not exists (select 1 from aclexplode(p.proacl) a
                      where a.grantee = ${oid} and a.privilege_type = 'EXECUTE')
    order by 1`.execute(trx);
  // regprocedure text is already qualified and quoted where needed
  for (const fn of routines.rows) out.push(`GRANT EXECUTE ON ROUTINE ${fn.signature} TO ${r}`);

  // Default privileges: what the owning role creates later (the next migrations) is usable at once.
  // They cannot say "except the logs", which is one reason this whole step runs again after every
  // migration run (app-role.ts).
  const defaults = await sql<{ objtype: string; granted: string[] }>`
    select d.defaclobjtype as objtype,
      array(select a.privilege_type from aclexplode(d.defaclacl) a where a.grantee = ${oid}) as granted
    from pg_default_acl d
    where d.defaclrole = (select oid from pg_roles where rolname = current_user)
      and d.defaclnamespace = (select oid from pg_namespace where nspname = current_schema())`.execute(trx);
  const kinds = [
    { objtype: 'r', word: 'TABLES', want: READ_WRITE },
    { objtype: 'S', word: 'SEQUENCES', want: SEQUENCE },
    { objtype: 'f', word: 'FUNCTIONS', want: ['EXECUTE'] },
  ];
  for (const k of kinds) {
    const have = defaults.rows.find((row) => row.objtype === k.objtype)?.granted ?? [];
    const d = difference(have, k.want);
    const prefix = `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema}`;
    if (d.revoke.length) out.push(`${prefix} REVOKE ${d.revoke.join(', ')} ON ${k.word} FROM ${r}`);
    if (d.grant.length) out.push(`${prefix} GRANT ${d.grant.join(', ')} ON ${k.word} TO ${r}`);
  }
  return out;
}
