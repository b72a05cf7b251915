/**
 * Warnings before a step or a dossier is due, and when it is overdue (issue #5 item 5): a periodic
 * scan that queues an e-mail to the officer holding the step (its assignee, else those who may
 * take it). Each warning is keyed by dossier, kind and due instant, so a scan that runs again
 * queues nothing twice, and a due instant moved by a supplement warns again.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import * as outbox from '../../jobs/outbox.js';
import { formatVnDateTime } from '../notifications/templates.js';
import { staffHolding } from './service-repository.js';

export type WarningKind = 'step_due_soon' | 'due_soon' | 'overdue';

const SUBJECT: Record<WarningKind, string> = {
  step_due_soon: 'Sắp hết thời gian của bước xử lý',
  due_soon: 'Hồ sơ sắp đến hạn giải quyết',
  overdue: 'Hồ sơ đã quá hạn giải quyết',
};

interface Due {
  id: number;
  tenant_id: number;
  code: string | null;
  procedure_name: string;
  current_step: string | null;
  due_at: Date | null;
  step_due_at: Date | null;
  assignee_id: number | null;
  step_role: string | null;
  step_agency_id: number | null;
  step_department_id: number | null;
}

async function dueDossiers(db: Db, now: Date, until: Date, limit: number): Promise<Due[]> {
  // open dossiers only: a stopped clock (supplement, payment) is not running late
  const r = await sql<Due>`
    SELECT d.id, d.tenant_id, d.code, p.name AS procedure_name, d.current_step, d.due_at, d.step_due_at,
           d.assignee_id, d.step_role, d.step_agency_id, d.step_department_id
      FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
     WHERE d.status IN ('accepted', 'processing')
       AND (d.due_at < ${until} OR d.step_due_at BETWEEN ${now} AND ${until})
     ORDER BY d.due_at
     LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Who is told: the assignee, else every active officer holding the step's role where it is performed. */
async function recipients(db: Db, d: Due): Promise<{ id: number; email: string }[]> {
  let rows: { id: number; email: string | null }[];
  if (d.assignee_id !== null)
    rows = await db
      .selectFrom('staff')
      .select(['id', 'email'])
      .where('id', '=', d.assignee_id)
      .where('active', '=', true)
      .execute();
  else if (d.step_role !== null && d.step_agency_id !== null)
    rows = await staffHolding(
      db,
      d.step_role,
      { agencyId: d.step_agency_id, departmentId: d.step_department_id },
      20,
    );
  else return [];
  return rows.flatMap((r) => (r.email ? [{ id: r.id, email: r.email }] : []));
}

function kindOf(d: Due, now: number, until: number): { kind: WarningKind; at: number } | null {
  const due = d.due_at?.getTime() ?? null;
  if (due !== null && due < now) return { kind: 'overdue', at: due };
  if (due !== null && due <= until) return { kind: 'due_soon', at: due };
  const step = d.step_due_at?.getTime() ?? null;
  if (step !== null && step >= now && step <= until) return { kind: 'step_due_soon', at: step };
  return null;
}

/** One scan: queues the warnings that are due now; returns how many messages were new. */
export async function queueDueWarnings(
  db: Db,
  now: number,
  opts: { withinHours: number; limit?: number },
): Promise<number> {
  const until = now + opts.withinHours * 3_600_000;
  let queued = 0;
  for (const d of await dueDossiers(db, new Date(now), new Date(until), opts.limit ?? 1000)) {
    const w = kindOf(d, now, until);
    if (!w) continue;
    const to = await recipients(db, d);
    if (!to.length) continue;
    const when = formatVnDateTime(new Date(w.at));
    const text = [
      `${SUBJECT[w.kind]}: hồ sơ ${d.code ?? d.id} (${d.procedure_name}).`,
      w.kind === 'step_due_soon'
        ? `Bước ${d.current_step} cần hoàn thành trước ${when}.`
        : w.kind === 'due_soon'
          ? `Hạn giải quyết: ${when}.`
          : `Hạn giải quyết là ${when}. Nếu chưa thể trả kết quả, cơ quan gây chậm muộn lập văn bản xin lỗi và hẹn lại ngày trả.`,
    ].join('\n');
    await db.transaction().execute(async (trx) => {
      for (const r of to) {
        const m = await outbox.enqueue(trx, {
          tenantId: d.tenant_id,
          channel: 'email',
          topic: `dossier.${w.kind}`,
          recipient: r.email,
          payload: { subject: `[MotCua] ${SUBJECT[w.kind]} — ${d.code ?? d.id}`, text },
          idempotencyKey: `warn:${w.kind}:${d.id}:${w.at}:${r.id}`,
          ref: { type: 'dossier', id: d.code ?? String(d.id) },
        });
        if (m.created) queued++;
      }
    });
  }
  return queued;
}

/** Runs the scan every `everyMinutes` until stopped; a failed scan is logged and retried next time. */
export function startDueWarnings(
  db: Db,
  opts: { everyMinutes: number; withinHours: number; log: (m: string) => void; now?: () => number },
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const n = await queueDueWarnings(db, (opts.now ?? Date.now)(), { withinHours: opts.withinHours });
      if (n) opts.log(`due warnings: ${n} queued`);
    } catch (e) {
      opts.log(`due warnings failed: ${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.everyMinutes * 60_000);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
