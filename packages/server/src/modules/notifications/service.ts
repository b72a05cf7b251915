/**
 * Notifications: what other modules call to tell an applicant about their dossier (inside the
 * action's transaction), and the administrators' view of the outbox with its dead letters.
 */
import type { AuthContext } from '../../auth/access.js';
import type { Db } from '../../db/client.js';
import { errors } from '../../errors.js';
import { isEmailAddress } from '../../integrations/email/index.js';
import { normalizePhone } from '../../integrations/sms/index.js';
import * as outbox from '../../jobs/outbox.js';
import { recordAudit } from '../audit/repository.js';
import type { RequestMeta } from '../org/service.js';
import { type NotificationEvent, type RenderOptions, renderNotification } from './templates.js';

export interface Recipients {
  email?: string | null;
  phone?: string | null;
}

export interface ApplicantNotice {
  tenantId: number;
  /** the request id of the action that caused it */
  key: string;
  event: NotificationEvent;
  recipients: Recipients;
  render?: RenderOptions;
}

/**
 * The e-mail and the SMS that tell the applicant about `event`, rendered, for the outbox. Their
 * keys derive from the action's request id: queueing them again for a retried request adds
 * nothing. A missing or unusable address is skipped: the dossier's action must not fail because an
 * applicant mistyped an e-mail address.
 */
export function applicantMessages(input: ApplicantNotice): {
  email: outbox.NewOutboxMessage | null;
  sms: outbox.NewOutboxMessage | null;
} {
  const r = renderNotification(input.event, input.render);
  const ref = { type: 'dossier', id: input.event.dossier.code };
  const email = input.recipients.email?.trim();
  const phone = input.recipients.phone ? normalizePhone(input.recipients.phone) : null;
  return {
    email:
      email && isEmailAddress(email)
        ? {
            tenantId: input.tenantId,
            channel: 'email',
            topic: r.topic,
            recipient: email,
            payload: r.email,
            idempotencyKey: `${input.key}:email`,
            ref,
          }
        : null,
    sms: phone
      ? {
          tenantId: input.tenantId,
          channel: 'sms',
          topic: r.topic,
          recipient: phone,
          payload: { text: r.sms },
          idempotencyKey: `${input.key}:sms`,
          ref,
        }
      : null,
  };
}

/** Queues applicantMessages in the transaction `trx` of the action that caused them; their ids. */
export async function notifyApplicant(
  trx: Db,
  input: ApplicantNotice,
): Promise<{ email: number | null; sms: number | null }> {
  const m = applicantMessages(input);
  return {
    email: m.email ? (await outbox.enqueue(trx, m.email)).id : null,
    sms: m.sms ? (await outbox.enqueue(trx, m.sms)).id : null,
  };
}

export async function listOutbox(
  db: Db,
  auth: AuthContext,
  q: { state?: outbox.OutboxState; channel?: string; limit?: number; offset?: number },
) {
  return outbox.listMessages(db, auth.tenantId, {
    state: q.state ?? 'dead',
    channel: q.channel,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
}

/** An administrator sends a dead message again: due at once, with a fresh set of attempts. */
export async function retryOutbox(db: Db, auth: AuthContext, id: number, meta: RequestMeta) {
  return db.transaction().execute(async (trx) => {
    const before = await outbox.getMessageForUpdate(trx, auth.tenantId, id);
    if (!before) throw errors.notFound('outbox message', id, 'thông báo');
    if (before.state !== 'dead')
      throw errors.conflict(
        'OUTBOX_NOT_DEAD',
        `Only a dead message can be retried; this one is ${before.state}`,
        before.state === 'delivered'
          ? 'Thông báo này đã được gửi thành công, không cần gửi lại'
          : 'Thông báo này đang chờ gửi, không cần gửi lại',
        { state: before.state },
      );
    const after = await outbox.requeueDead(trx, auth.tenantId, id);
    if (!after) throw new Error(`outbox message ${id} vanished under its row lock`);
    await recordAudit(trx, {
      tenantId: auth.tenantId,
      actorId: auth.staffId,
      actorLabel: auth.username,
      action: 'outbox.retry',
      entityType: 'outbox_message',
      entityId: id,
      before: { state: before.state, attempts: before.attempts, lastError: before.lastError },
      after: { state: after.state, attempts: after.attempts },
      requestId: meta.requestId,
      ip: meta.ip,
    });
    return after;
  });
}
