import type { Db } from '../../db/client.js';

export interface AuditEntry {
  tenantId: number | null;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  ip?: string | null;
}

/** Who did it, from the signed-in officer: spread into an AuditEntry. */
export const actorOf = (auth: { tenantId: number; staffId: number; username: string }) => ({
  tenantId: auth.tenantId,
  actorId: auth.staffId,
  actorLabel: auth.username,
});

/** Call inside the transaction of the write it describes, so the audit and the write stand or fall together. */
export async function recordAudit(trx: Db, e: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      tenant_id: e.tenantId,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId === null ? null : String(e.entityId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      request_id: e.requestId ?? null,
      ip: e.ip ?? null,
    })
    .execute();
}

export async function listAudit(
  db: Db,
  tenantId: number,
  opts: { entityType?: string; entityId?: string; limit: number },
) {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(opts.limit);
  if (opts.entityType) q = q.where('entity_type', '=', opts.entityType);
  if (opts.entityId) q = q.where('entity_id', '=', opts.entityId);
  return q.execute();
}
