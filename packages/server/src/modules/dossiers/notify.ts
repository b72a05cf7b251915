/**
 * Which actions tell the applicant, and what (issue #5 item 10). Called in the action's
 * transaction: the messages are outbox rows that commit or roll back with the action, and the
 * worker delivers them; nothing is sent from the request.
 */
import type { DossierAction, DossierSnapshot } from '@motcua/core';
import type { Db } from '../../db/client.js';
import type { NewOutboxMessage } from '../../jobs/outbox.js';
import { applicantMessages } from '../notifications/service.js';
import type { NotificationEvent } from '../notifications/templates.js';
import type { DossierView } from './repository.js';
import { citizenById } from './service-repository.js';
import type { DossierWorld } from './world.js';

export const trackingUrl = (publicUrl: string, code: string) =>
  `${publicUrl}/tra-cuu/${encodeURIComponent(code)}`;

export async function recipientsOf(trx: Db, d: DossierView) {
  let email = d.applicant.email ?? null;
  let phone = d.applicant.phone ?? null;
  if (d.citizenId !== null && (!email || !phone)) {
    const c = await citizenById(trx, d.citizenId);
    email ??= c?.email ?? null;
    phone ??= c?.phone ?? null;
  }
  return { email, phone };
}

function eventOf(
  a: DossierAction,
  before: DossierSnapshot,
  d: DossierView,
  w: DossierWorld,
  publicUrl: string,
): NotificationEvent | null {
  const dossier = {
    // before acceptance there is no code yet: the applicant knows the dossier by its number
    code: d.code ?? `số ${d.id}`,
    procedureName: w.content.name,
    applicantName: d.applicant.name ?? '',
    agencyName: w.competent.name,
    trackingUrl: d.code ? trackingUrl(publicUrl, d.code) : null,
  };
  switch (a.type) {
    case 'accept':
      return {
        kind: 'dossier.accepted',
        dossier,
        receivedAt: new Date(a.at),
        appointmentAt: new Date(a.dueAt),
        receptionPoint: w.receiving.name,
      };
    case 'request_completion':
      return {
        kind: 'dossier.completion_requested',
        dossier,
        items: a.missing.map((m) => `${m.name}: ${m.reason}`),
        note: a.reason ?? null,
      };
    case 'request_supplement':
      return {
        kind: 'dossier.supplement_requested',
        dossier,
        items: a.items.map((i) => `${i.name}: ${i.reason}`),
        reason: a.reason ?? a.items.map((i) => i.reason).join('; '),
      };
    case 'refuse_intake':
      return { kind: 'dossier.refused', dossier, reason: a.reason ?? '' };
    case 'apologise':
      return {
        kind: 'dossier.apology',
        dossier,
        reason: a.reason ?? '',
        previousAppointmentAt: new Date(before.appointmentAt ?? a.at),
        newAppointmentAt: new Date(a.newAppointmentAt),
      };
    case 'issue_result':
      return {
        kind: 'dossier.result_ready',
        dossier,
        resultName: w.content.results[0]?.name ?? null,
        pickup: d.channel === 'online' ? 'online' : d.channel === 'postal' ? 'post' : 'counter',
        pickupPlace: w.receiving.name,
      };
    case 'return_result':
      return {
        kind: 'dossier.result_returned',
        dossier,
        returnedAt: new Date(a.at),
        ratingUrl: dossier.trackingUrl,
      };
    default:
      return null;
  }
}

/**
 * A result returned by post (HinhThuc 1) is a postal order for the public postal service: queued
 * in the outbox on the `postal` channel for the postal adapter, with what the carrier needs.
 */
function postalOrder(key: string, d: DossierView, w: DossierWorld): NewOutboxMessage {
  const a = d.applicant;
  return {
    tenantId: d.tenantId,
    channel: 'postal',
    topic: 'dossier.result_posted',
    // the outbox's recipient column holds at most 320 characters; the payload has the whole address
    recipient: (a.address ?? '').slice(0, 320),
    payload: {
      kind: 'result_delivery',
      dossierCode: d.code,
      sender: { name: w.receiving.name },
      addressee: { name: a.name ?? '', address: a.address ?? '', phone: a.phone ?? null },
      items: w.content.results.map((r) => r.name),
    },
    idempotencyKey: `${key}:postal`,
    ref: { type: 'dossier', id: d.code ?? String(d.id) },
  };
}

/**
 * The applicant's messages for an action, if it is one that tells them something, added to
 * `queue`: the action's outbox messages, written with its stored response (log.ts).
 */
export async function notifyFor(
  trx: Db,
  input: {
    key: string;
    action: DossierAction;
    before: DossierSnapshot;
    dossier: DossierView;
    world: DossierWorld;
    publicUrl: string;
    queue: NewOutboxMessage[];
  },
) {
  // a liên thông child's steps are the agencies' business: the applicant hears from the lead dossier
  if (input.dossier.parentId !== null) return;
  if (input.action.type === 'return_result' && input.action.delivery === 'postal')
    input.queue.push(postalOrder(input.key, input.dossier, input.world));
  const event = eventOf(input.action, input.before, input.dossier, input.world, input.publicUrl);
  if (!event) return;
  const m = applicantMessages({
    tenantId: input.dossier.tenantId,
    key: input.key,
    event,
    recipients: await recipientsOf(trx, input.dossier),
    render: { signature: input.world.receiving.name },
  });
  if (m.email) input.queue.push(m.email);
  if (m.sms) input.queue.push(m.sms);
}
