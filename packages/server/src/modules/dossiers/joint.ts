/**
 * Liên thông (LIFECYCLE.md §3.1): a lead agency's workflow hands part of the work to another
 * agency, at the same or another level. That part is a child dossier with its own code, its own
 * pinned workflow and its own due instant (the joint step's time share, inside the parent's legal
 * limit). The parent waits in the joint step — waiting is not a clock stop — and moves on when the
 * child finishes, in the transaction of the child's finishing action.
 *
 * Every action here is the system's, appended with appendActionIn in the transaction of the
 * officer's action that caused it, under an idempotency key derived from that action's key: a
 * retried request returns its first response and appends nothing twice.
 */
import {
  type DossierAction,
  type DossierSnapshot,
  nextStep,
  RouteError,
  receiptDateOf,
  stepOf,
  TERMINAL_STATES,
} from '@motcua/core';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import { versionInForce } from '../catalog/repository.js';
import { nextDossierCode } from './codes.js';
import { appendActionIn, requestHash, type WrittenAction } from './log.js';
import { type DossierView, lockDossier, toView } from './repository.js';
import { childrenWithAgency, implementationAt, openChildrenOf } from './service-repository.js';
import { type DossierWorld, loadWorld, performerOf } from './world.js';

const SYSTEM = { kind: 'system' } as const;

function systemKey(key: string, what: string, action: DossierAction) {
  const k = `${key}:${what}`;
  return { key: k.slice(0, 200), requestHash: requestHash('SYSTEM', what, action) };
}

const jointError = (code: string, en: string, vi: string, details: Record<string, unknown>) =>
  new DomainError(422, code, en, vi, details);

/** Appends a system action to a dossier locked by this transaction; returns its new view. */
async function appendSystem(
  trx: Db,
  tenantId: number,
  dossierId: number,
  key: string,
  what: string,
  action: DossierAction,
) {
  const row = await lockDossier(trx, tenantId, dossierId);
  if (!row)
    throw new DomainError(500, 'DOSSIER_MISSING', `dossier ${dossierId} vanished`, 'Không tìm thấy hồ sơ');
  const r = await appendActionIn(trx, {
    tenantId,
    dossierId,
    expectedVersion: row.version,
    idempotency: systemKey(key, what, action),
    action,
  });
  return r.body.dossier;
}

/** The parent entered a liên thông step: record the hand-over and open the child dossier. */
async function startJoint(
  trx: Db,
  w: DossierWorld,
  parent: DossierView,
  key: string,
  now: number,
): Promise<DossierView> {
  const s = parent.state;
  if (s.currentStep === null || s.status !== 'processing') return parent;
  const step = stepOf(w.workflow, s.currentStep);
  if (step.kind !== 'joint' || s.stepAgencyId === null || s.openJoints.length > 0) return parent;
  const jointId = `${step.code}.${parent.version}`;
  const childProcedure = step.procedure ?? w.procedure.code;
  const impl = await implementationAt(trx, parent.tenantId, s.stepAgencyId, childProcedure);
  if (!impl?.workflow_id)
    throw jointError(
      'JOINT_TARGET_NOT_READY',
      'The liên thông agency has no workflow for this procedure',
      'Cơ quan liên thông chưa có quy trình nội bộ cho thủ tục này',
      { step: step.code, agencyId: s.stepAgencyId, procedure: childProcedure },
    );
  const dueAt = s.stepDueAt ?? (s.dueAt as number);
  const afterSend = await appendSystem(trx, parent.tenantId, parent.id, key, `joint-send:${jointId}`, {
    type: 'joint_send',
    jointId,
    agency: impl.identifier,
    dueAt,
    at: now,
    actor: SYSTEM,
  });

  const versionId =
    childProcedure === w.procedure.code
      ? w.versionId
      : (await versionInForce(trx, impl.procedure_id, receiptDateOf(now, w.calendar.utcOffsetMinutes)))?.id;
  if (!versionId)
    throw jointError(
      'NO_VERSION_IN_FORCE',
      'The child procedure has no version in force',
      'Thủ tục liên thông không có phiên bản đang có hiệu lực',
      {
        procedure: childProcedure,
      },
    );
  const binding = {
    tenantId: parent.tenantId,
    procedureId: impl.procedure_id,
    procedureVersionId: versionId,
    workflowId: impl.workflow_id,
    receivingAgencyId: s.stepAgencyId,
    competentAgencyId: s.stepAgencyId,
  };
  const cw = await loadWorld(trx, binding);
  const code = await nextDossierCode(trx, {
    agencyId: s.stepAgencyId,
    agencyCode: impl.identifier,
    agencyShortCode: impl.short_name,
    receivedAt: now,
    utcOffsetMinutes: cw.calendar.utcOffsetMinutes,
  });
  const open: DossierAction = {
    type: 'receive_joint',
    channel: s.channel ?? 'direct',
    parentCode: s.code ?? String(parent.id),
    jointId,
    code: code.code,
    dueAt: Math.max(dueAt, now + 60_000),
    step: cw.workflow.start,
    performer: await performerOf(cw, cw.workflow.start, now),
    at: now,
    actor: SYSTEM,
  };
  await appendActionIn(trx, {
    tenantId: parent.tenantId,
    dossierId: null,
    expectedVersion: 0,
    idempotency: systemKey(key, `joint-open:${jointId}`, open),
    action: open,
    extra: {
      ...binding,
      codeScheme: code.scheme,
      applicant: parent.applicant,
      parentId: parent.id,
      parentJointId: jointId,
    },
  });
  return afterSend;
}

/** A child finished (result or refusal): close it, tell the parent, move the parent on. */
async function finishChild(trx: Db, child: DossierView, key: string, now: number): Promise<DossierView> {
  const positive = child.status === 'result_ready';
  let after = child;
  // the result goes back to the lead agency electronically: the child's part is returned
  if (positive)
    after = await appendSystem(trx, child.tenantId, child.id, key, 'joint-return', {
      type: 'return_result',
      delivery: 'online',
      at: now,
      actor: SYSTEM,
    });
  const parentId = child.parentId as number;
  const jointId = child.parentJointId as string;
  let parent = await appendSystem(trx, child.tenantId, parentId, key, `joint-done:${jointId}`, {
    type: 'joint_done',
    jointId,
    outcome: positive ? 'positive' : 'negative',
    at: now,
    actor: SYSTEM,
  });
  const pw = await loadWorld(trx, {
    tenantId: parent.tenantId,
    procedureId: parent.procedureId,
    procedureVersionId: parent.procedureVersionId,
    workflowId: parent.workflowId,
    receivingAgencyId: parent.receivingAgencyId,
    competentAgencyId: parent.competentAgencyId,
  });
  const current = parent.state.currentStep;
  if (!current || parent.state.openJoints.length > 0) return after;
  let toStep: string;
  try {
    toStep = nextStep(pw.workflow, current, { outcome: positive ? 'positive' : 'negative' });
  } catch (e) {
    // no edge for this outcome: the parent stays in the joint step for its leaders to decide
    if (e instanceof RouteError) return after;
    throw e;
  }
  parent = await appendSystem(trx, parent.tenantId, parent.id, key, `joint-forward:${jointId}`, {
    type: 'forward',
    toStep,
    outcome: positive ? 'positive' : 'negative',
    performer: await performerOf(pw, toStep, now),
    at: now,
    actor: SYSTEM,
  });
  parent = await issueAtResultEnd(trx, pw, parent, `${key}:p`, now);
  await startJoint(trx, pw, parent, `${key}:p`, now);
  return after;
}

/**
 * Reaching the workflow's result end step (the one-stop unit's hand-over) with a signed result
 * issues it: processing ends there (status 9). Workflows that send the signed result to a
 * liên thông agency before returning it (land registration: the commune signs, the land
 * registration office updates the cadastre) get here through the joint step.
 */
async function issueAtResultEnd(
  trx: Db,
  w: DossierWorld,
  d: DossierView,
  key: string,
  now: number,
): Promise<DossierView> {
  const s = d.state;
  if (!s.currentStep || s.status !== 'processing' || !s.signed) return d;
  const step = stepOf(w.workflow, s.currentStep);
  // an end step that issues the result itself (a clerk's) is left to its performer
  if (step.end !== 'result' || (step.kind === 'task' && step.actions.includes('issue_result'))) return d;
  if (s.openConsultations.length || s.openJoints.length) return d;
  return appendSystem(trx, d.tenantId, d.id, key, `issue-at-end:${s.currentStep}`, {
    type: 'issue_result',
    resultCode: null,
    at: now,
    actor: SYSTEM,
  });
}

const entersJoint = (w: DossierWorld, before: DossierSnapshot, s: DossierSnapshot) =>
  s.currentStep !== null &&
  s.currentStep !== before.currentStep &&
  !TERMINAL_STATES.has(s.status) &&
  stepOf(w.workflow, s.currentStep).kind === 'joint';

const finishes = (before: DossierSnapshot, s: DossierSnapshot) =>
  before.status !== s.status && (s.status === 'result_ready' || s.status === 'stopped');

/**
 * A lead dossier withdrawn at the applicant's request, or stopped, ends its open liên thông
 * children the same way, by the system, in the same transaction (and theirs in turn): no agency
 * goes on working, and no worklist keeps showing, a part of a dossier that no longer exists.
 */
async function endChildren(
  trx: Db,
  d: DossierView,
  how: 'withdraw' | 'stop',
  key: string,
  now: number,
): Promise<void> {
  for (const child of await openChildrenOf(trx, d.tenantId, d.id)) {
    const reason =
      how === 'withdraw'
        ? `Hồ sơ chính ${d.code ?? d.id} đã được rút theo yêu cầu của người nộp`
        : `Hồ sơ chính ${d.code ?? d.id} đã dừng xử lý`;
    const action: DossierAction =
      how === 'withdraw'
        ? { type: 'withdraw', reason, at: now, actor: SYSTEM }
        : {
            type: 'stop',
            reason,
            legalGround: `Dừng xử lý hồ sơ chính ${d.code ?? d.id}`,
            at: now,
            actor: SYSTEM,
          };
    const ended = await appendSystem(trx, d.tenantId, child.id, key, `joint-end:${child.id}`, action);
    await endChildren(trx, ended, how, key, now);
  }
}

const endsLead = (before: DossierSnapshot, s: DossierSnapshot) =>
  before.status !== s.status && (s.status === 'withdrawn' || s.status === 'stopped');

/** The liên thông consequences of an officer's action, in its transaction. */
export async function afterJointAction(
  trx: Db,
  input: { world: DossierWorld; written: WrittenAction; key: string; now: number },
): Promise<DossierView | undefined> {
  const { world, written, key, now } = input;
  const view = written.dossier;
  if (entersJoint(world, written.before, written.state)) return startJoint(trx, world, view, key, now);
  if (written.action.type === 'forward') {
    const issued = await issueAtResultEnd(trx, world, view, key, now);
    if (issued !== view) return issued;
  }
  // a child stopped by its own agency reports to the parent (finishChild); a parent that ends
  // takes its open children with it
  if (view.parentId !== null && view.parentJointId !== null && finishes(written.before, written.state))
    return finishChild(trx, view, key, now);
  if (endsLead(written.before, written.state) && written.state.openJoints.length > 0)
    await endChildren(trx, view, written.state.status === 'withdrawn' ? 'withdraw' : 'stop', key, now);
  return undefined;
}

/** Liên thông children of a dossier with their progress (the parent's view of its segments). */
export async function childrenOf(db: Db, parentId: number) {
  const rows = await childrenWithAgency(db, parentId);
  return rows.map((r) => ({
    ...toView(r),
    agency: { name: r.agency_name, identifier: r.agency_identifier },
  }));
}
