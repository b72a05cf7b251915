/**
 * One command per business action (PITFALLS D3): the HTTP body names the action and its few
 * parameters; everything the law or the workflow decides (the time, the code, the due instant,
 * the next step and its performer, who the actor is) is decided here, inside the action's
 * transaction, after the dossier row is locked and its version checked. Authorisation is part of
 * the decision: it depends on the dossier's current step, which only the locked row tells.
 */
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  checkAllowed,
  checkReturn,
  type DossierAction,
  type DossierSnapshot,
  LifecycleError,
  nextStep,
  RESULT_CODE,
  type Role,
  RouteError,
  requireStepAction,
  type StepAction,
  stepOf,
  type WorkflowStep,
} from '@motcua/core';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import { parseInstant } from '../calendar/service.js';
import { notPermitted, officerActor, positionFor, type Requester, requirePosition } from './authorize.js';
import { type CodeAllocation, planDossierCode } from './codes.js';
import { type ComponentRow, listComponents, markProvided, missingComponents } from './components.js';
import type { DossierRow } from './repository.js';
import { listActions } from './repository.js';
import type { ActionRequest } from './schemas.js';
import { agencyIdentifier, openLoads, staffHolding } from './service-repository.js';
import { type DossierWorld, deadlineFrom, limitOf, performerOf } from './world.js';

export const routeError = (e: unknown): never => {
  if (e instanceof RouteError) throw new DomainError(409, e.code, e.message, e.messageVi, e.details);
  throw e;
};

const rule = (code: string, en: string, vi: string, details: Record<string, unknown> = {}) =>
  new DomainError(422, code, en, vi, details);

export interface Decided {
  action: DossierAction;
  /** what acceptance binds (the code's scheme) */
  codeScheme?: string;
  /** the acceptance's code, numbered by the statement that writes it */
  code?: CodeAllocation;
  /** component codes to mark provided with this action */
  provided?: string[];
}

/** Heads assign and may act in a step for its assignee (reassigning, taking over in an absence). */
const HEADS: readonly Role[] = ['department_head', 'agency_leader'];

/**
 * Who may take over a step from its performer: a department head a specialist's step, an agency
 * leader a specialist's or a department head's. The one-stop, signing and clerical steps are
 * their role's alone (a head does not sign for the leader).
 */
const TAKES_OVER: Partial<Record<Role, readonly Role[]>> = {
  specialist: ['department_head', 'agency_leader'],
  department_head: ['agency_leader'],
};

interface Ctx {
  trx: Db;
  /**
   * The pool outside the transaction, for reference data read through per-process caches
   * (positions' reach, agency identifiers): they need no lock, and a cache keyed by a
   * transaction object would never hit.
   */
  db: Db;
  world: DossierWorld;
  row: DossierRow;
  s: DossierSnapshot;
  requester: Requester;
  now: number;
  /**
   * The dossier's components when this same transaction has just written them (a registration
   * accepted at once): the acceptance checks them without reading them back.
   */
  components?: KnownComponents;
}

/** Components as the acceptance's completeness check reads them. */
export type KnownComponents = readonly Pick<
  ComponentRow,
  'documentCode' | 'name' | 'required' | 'provided'
>[];

const receivingPlace = (row: DossierRow) => ({ agencyId: row.receiving_agency_id, departmentId: null });

/** The current task step, its place, and the officer entitled to act in it. */
async function stepOfficer(
  c: Ctx,
  stepAction: StepAction | null,
): Promise<{ step: WorkflowStep; actor: Actor }> {
  if (c.requester.kind !== 'officer') throw notPermitted({ reason: 'officers only' });
  if (!c.s.currentStep)
    throw new DomainError(
      409,
      'NO_CURRENT_STEP',
      'The dossier is in no step',
      'Hồ sơ không ở bước xử lý nào',
    );
  let step: WorkflowStep;
  try {
    step = stepOf(c.world.workflow, c.s.currentStep);
    if (stepAction && step.kind === 'task') requireStepAction(step, stepAction);
  } catch (e) {
    return routeError(e);
  }
  if (step.kind !== 'task' || c.s.stepAgencyId === null)
    throw new DomainError(
      409,
      'STEP_IS_JOINT',
      'A liên thông step is performed by its child dossier',
      'Bước liên thông do cơ quan phối hợp xử lý trên hồ sơ liên thông',
    );
  const place = { agencyId: c.s.stepAgencyId, departmentId: c.s.stepDepartmentId };
  const auth = c.requester.auth;
  const own = await positionFor(c.db, auth, [step.role], place);
  // an assigned step belongs to its assignee; heads reaching the step may act for them
  if (own && (c.s.assigneeId === null || c.s.assigneeId === auth.staffId))
    return { step, actor: await officerActor(c.db, auth, own) };
  const over = TAKES_OVER[step.role];
  const head = over ? await positionFor(c.db, auth, over, place) : null;
  if (head) return { step, actor: await officerActor(c.db, auth, head) };
  throw notPermitted({
    step: step.code,
    requiredRole: step.role,
    agencyId: place.agencyId,
    departmentId: place.departmentId,
    ...(own ? { assigneeId: c.s.assigneeId, reason: 'assigned to another officer' } : {}),
  });
}

async function receivingOfficer(c: Ctx): Promise<Actor> {
  if (c.requester.kind !== 'officer') throw notPermitted({ reason: 'the one-stop unit records this' });
  const p = await requirePosition(c.db, c.requester.auth, ['receiving_officer'], receivingPlace(c.row));
  return officerActor(c.db, c.requester.auth, p);
}

function ownerApplicant(c: Ctx): Actor | null {
  if (c.requester.kind !== 'citizen') return null;
  if (c.row.citizen_id !== c.requester.citizenId) throw notPermitted({ reason: 'not your dossier' });
  return { kind: 'applicant', citizenId: c.requester.citizenId };
}

/** Steps the dossier has been in, from its log (where "return to a previous step" may go). */
async function visitedSteps(trx: Db, dossierId: number): Promise<string[]> {
  const steps: string[] = [];
  for (const r of await listActions(trx, dossierId)) {
    const a = r.payload;
    if (a.type === 'accept' || a.type === 'receive_joint' || a.type === 'assign') steps.push(a.step);
    else if (a.type === 'forward' || a.type === 'return_step') steps.push(a.toStep);
  }
  return steps;
}

/** The clock stops as intervals; one that ended as it began (received the same minute) stopped nothing. */
function closedPauses(s: DossierSnapshot, at: number) {
  return s.pauses.map((p) => ({ from: p.from, to: p.to ?? at })).filter((p) => p.to > p.from);
}

/** The due instant once the open pause closes at `now`: the limit again, minus every pause. */
function resumedDue(c: Ctx): number {
  if (c.s.receivedAt === null)
    throw new DomainError(409, 'NOT_RECEIVED', 'The dossier was never accepted', 'Hồ sơ chưa được tiếp nhận');
  const channel = c.s.channel ?? 'direct';
  return deadlineFrom(
    c.world.calendar,
    c.s.receivedAt,
    limitOf(c.world.content, channel),
    closedPauses(c.s, c.now),
  );
}

/** Automatic assignment: the eligible officer holding the fewest open dossiers (ties: lowest id). */
async function leastLoaded(trx: Db, ids: number[]): Promise<number | null> {
  const load = await openLoads(trx, ids);
  return [...ids].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a - b)[0] ?? null;
}

function consultUnit(unit: string) {
  const [identifier, department] = unit.split('/');
  return { identifier: identifier ?? '', department: department ?? null };
}

/** Decides the core action for a request against the locked dossier. */
export async function decide(c: Ctx, req: ActionRequest): Promise<Decided> {
  const at = c.now;
  // the state's answer first (a returned dossier is final whoever asks), then the step's and the role's
  try {
    checkAllowed(c.s, {
      type: req.type,
      at,
      actor:
        c.requester.kind === 'officer'
          ? { kind: 'system' }
          : { kind: 'applicant', citizenId: c.requester.citizenId },
      reason: 'checked below',
    });
  } catch (e) {
    if (!(e instanceof LifecycleError) || e.code === 'ACTOR_NOT_ALLOWED' || e.code === 'TIME_BEFORE_LAST') {
      if (e instanceof LifecycleError && e.code === 'ACTOR_NOT_ALLOWED' && c.requester.kind === 'citizen')
        throw notPermitted({ reason: 'an officer records this' });
      if (!(e instanceof LifecycleError)) throw e;
    } else throw new DomainError(409, e.code, e.message, e.messageVi, e.details);
  }
  const given = 'reason' in req ? (req.reason as string | undefined) : undefined;
  const reason = given ? given.normalize('NFC').trim() : undefined;
  const base = (actor: Actor) => ({ at, actor, ...(reason ? { reason } : {}) });
  switch (req.type) {
    case 'request_completion': {
      const actor = await receivingOfficer(c);
      let missing = req.missing?.map((m) => ({
        name: m.name.normalize('NFC'),
        reason: m.reason.normalize('NFC'),
      }));
      if (!missing?.length)
        missing = missingComponents(await listComponents(c.trx, c.row.id)).map((m) => ({
          name: m.name,
          reason: 'Chưa có trong hồ sơ',
        }));
      return { action: { ...base(actor), type: 'request_completion', missing } };
    }
    case 'refuse_intake':
      return { action: { ...base(await receivingOfficer(c)), type: 'refuse_intake' } };
    case 'accept': {
      const actor = await receivingOfficer(c);
      const provided = req.provided ?? [];
      if (provided.length) await markProvided(c.trx, c.row.id, provided);
      const missing = missingComponents(
        c.components && !provided.length ? c.components : await listComponents(c.trx, c.row.id),
      );
      if (missing.length)
        throw rule(
          'DOCUMENTS_MISSING',
          'Required documents are missing: request completion (Mẫu 02) or refuse',
          'Hồ sơ còn thiếu thành phần bắt buộc: hướng dẫn bổ sung (Mẫu 02) hoặc từ chối tiếp nhận',
          { missing: missing.map((m) => ({ code: m.documentCode, name: m.name })) },
        );
      const channel = c.s.channel ?? 'direct';
      const dueAt = deadlineFrom(c.world.calendar, at, limitOf(c.world.content, channel));
      const step = c.world.workflow.start;
      const performer = await performerOf(c.world, step, at);
      // numbered by the statement that writes the acceptance: the counter row stays locked from
      // there until commit only (codes.ts planDossierCode); the action carries the template
      // until that statement has printed the code
      const code = planDossierCode({
        agencyId: c.world.receiving.id,
        agencyCode: c.world.receiving.identifier,
        agencyShortCode: c.world.receiving.shortName,
        receivedAt: at,
        utcOffsetMinutes: c.world.calendar.utcOffsetMinutes,
      });
      return {
        action: { ...base(actor), type: 'accept', code: code.template, dueAt, step, performer },
        codeScheme: code.scheme,
        code,
      };
    }
    case 'assign': {
      if (c.requester.kind !== 'officer') throw notPermitted({ reason: 'officers only' });
      const current = c.s.currentStep;
      if (!current)
        throw new DomainError(
          409,
          'NO_CURRENT_STEP',
          'The dossier is in no step',
          'Hồ sơ không ở bước xử lý nào',
        );
      const target = req.step ?? current;
      let step: WorkflowStep;
      try {
        step = stepOf(c.world.workflow, target);
        const cur = stepOf(c.world.workflow, current);
        if (target !== current && !cur.next.some((e) => e.to === target))
          throw new RouteError(
            'EDGE_NOT_ALLOWED',
            `${target} does not follow ${current}`,
            `bước ${target} không nối tiếp bước hiện tại`,
            {
              step: current,
              toStep: target,
            },
          );
      } catch (e) {
        return routeError(e);
      }
      if (step.kind !== 'task')
        throw new DomainError(
          409,
          'STEP_IS_JOINT',
          'A liên thông step has no assignee',
          'Bước liên thông không phân công cán bộ',
        );
      const performer = target === current ? undefined : await performerOf(c.world, target, at);
      const place =
        target === current
          ? { agencyId: c.s.stepAgencyId ?? c.world.competent.id, departmentId: c.s.stepDepartmentId }
          : { agencyId: performer!.agencyId, departmentId: performer!.departmentId };
      const p = await requirePosition(c.db, c.requester.auth, HEADS, place);
      const eligible = (await staffHolding(c.trx, step.role, place)).map((x) => x.id);
      const assigneeId = req.assigneeId ?? (await leastLoaded(c.trx, eligible));
      if (assigneeId === null || !eligible.includes(assigneeId))
        throw rule(
          'ASSIGNEE_NOT_ELIGIBLE',
          'The officer does not hold the step’s role where it is performed',
          'Cán bộ được phân công không giữ vai trò của bước này tại đơn vị thực hiện',
          { assigneeId, role: step.role, eligible },
        );
      return {
        action: {
          ...base(await officerActor(c.db, c.requester.auth, p)),
          type: 'assign',
          step: target,
          assigneeId,
          ...(performer ? { performer } : {}),
        },
      };
    }
    case 'forward': {
      const { step, actor } = await stepOfficer(c, forwardingAction(c));
      let toStep: string;
      try {
        toStep = nextStep(c.world.workflow, step.code, {
          outcome: req.outcome,
          toStep: req.toStep,
          formData: c.row.form_data,
        });
      } catch (e) {
        return routeError(e);
      }
      const performer = await performerOf(c.world, toStep, at);
      return {
        action: {
          ...base(actor),
          type: 'forward',
          toStep,
          ...(req.outcome ? { outcome: req.outcome } : {}),
          performer,
        },
      };
    }
    case 'return_step': {
      const { actor } = await stepOfficer(c, 'return');
      try {
        checkReturn(
          c.world.workflow,
          c.s.currentStep as string,
          req.toStep,
          await visitedSteps(c.trx, c.row.id),
        );
      } catch (e) {
        return routeError(e);
      }
      const performer = await performerOf(c.world, req.toStep, at);
      return { action: { ...base(actor), type: 'return_step', toStep: req.toStep, performer } };
    }
    case 'consult': {
      const { step, actor } = await stepOfficer(c, 'consult');
      const agency = req.agency ? await c.world.agencyByIdentifier(req.agency) : c.world.competent;
      if (req.department) await c.world.departmentId(agency.id, req.department);
      const def =
        step.kind === 'task'
          ? step.consultations?.find(
              (x) =>
                (x.agency ?? c.world.competent.identifier) === agency.identifier &&
                (x.department ?? null) === (req.department ?? null),
            )
          : undefined;
      const hours = req.budgetHours ?? def?.budgetHours ?? step.budgetHours;
      const dueAt = deadlineFrom(c.world.calendar, at, { amount: hours, unit: 'working_hours' });
      const unit = req.department ? `${agency.identifier}/${req.department}` : agency.identifier;
      return {
        action: {
          ...base(actor),
          type: 'consult',
          consultationId: randomUUID(),
          unit,
          dueAt,
          ...(req.question ? { reason: req.question } : {}),
        },
      };
    }
    case 'answer_consultation': {
      if (c.requester.kind !== 'officer') throw notPermitted({ reason: 'officers only' });
      const log = await listActions(c.trx, c.row.id);
      const asked = log
        .map((r) => r.payload)
        .find((a) => a.type === 'consult' && a.consultationId === req.consultationId);
      if (asked?.type !== 'consult')
        throw new DomainError(
          409,
          'CONSULTATION_UNKNOWN',
          'No such consultation',
          'Không có yêu cầu xin ý kiến này',
          {
            consultationId: req.consultationId,
          },
        );
      const u = consultUnit(asked.unit);
      const agency = await c.world.agencyByIdentifier(u.identifier);
      const departmentId = u.department ? await c.world.departmentId(agency.id, u.department) : null;
      const p = await requirePosition(
        c.db,
        c.requester.auth,
        ['specialist', 'department_head', 'agency_leader'],
        {
          agencyId: agency.id,
          departmentId,
        },
      );
      return {
        action: {
          ...base(await officerActor(c.db, c.requester.auth, p)),
          type: 'answer_consultation',
          consultationId: req.consultationId,
          opinion: req.opinion.normalize('NFC'),
        },
      };
    }
    case 'request_supplement': {
      const { actor } = await stepOfficer(c, 'request_supplement');
      return {
        action: {
          ...base(actor),
          type: 'request_supplement',
          items: req.items.map((i) => ({ name: i.name.normalize('NFC'), reason: i.reason.normalize('NFC') })),
        },
      };
    }
    case 'supplement_received': {
      const actor = ownerApplicant(c) ?? (await receivingOfficer(c));
      return {
        action: { ...base(actor), type: 'supplement_received', dueAt: resumedDue(c) },
        provided: req.provided ?? [],
      };
    }
    case 'request_payment': {
      const { actor } = await stepOfficer(c, null);
      return {
        action: {
          ...base(actor),
          type: 'request_payment',
          amountVnd: req.amountVnd,
          pausesClock: req.pausesClock ?? false,
        },
      };
    }
    case 'payment_received': {
      const actor = await receivingOfficerOrStep(c);
      const paused = c.s.pauses.some((p) => p.kind === 'payment' && p.to === null);
      return {
        action: {
          ...base(actor),
          type: 'payment_received',
          dueAt: paused ? resumedDue(c) : (c.s.dueAt ?? at),
        },
      };
    }
    case 'approve':
      return { action: { ...base((await stepOfficer(c, 'approve')).actor), type: 'approve' } };
    case 'sign':
      return { action: { ...base((await stepOfficer(c, 'sign')).actor), type: 'sign' } };
    case 'issue_result': {
      const { step, actor } = await stepOfficer(c, 'issue_result');
      // a result that goes to a liên thông agency first is issued when it comes back
      if (step.next.some((e) => stepOf(c.world.workflow, e.to).kind === 'joint'))
        throw rule(
          'JOINT_BEFORE_RESULT',
          'The result goes to the liên thông agency first: forward the dossier',
          'Kết quả phải chuyển cơ quan liên thông trước khi trả: hãy chuyển bước',
          { step: step.code },
        );
      const code = req.resultCode ?? null;
      if (code !== null && !RESULT_CODE.test(code))
        throw rule(
          'RESULT_CODE_INVALID',
          'A result code looks like KQ.G09.000001',
          'Mã kết quả có dạng KQ.G09.000001',
          { resultCode: code },
        );
      return { action: { ...base(actor), type: 'issue_result', resultCode: code } };
    }
    case 'apologise': {
      const actor = await apologiser(c);
      const agency = req.agency ? await c.world.agencyByIdentifier(req.agency) : await faultingAgency(c);
      const newAppointmentAt = parseInstant(req.newAppointmentAt, 'newAppointmentAt');
      return { action: { ...base(actor), type: 'apologise', agency: agency.identifier, newAppointmentAt } };
    }
    case 'stop': {
      const step = c.s.currentStep ? stepOf(c.world.workflow, c.s.currentStep) : null;
      const actor =
        step?.kind === 'task' && step.actions.includes('refuse')
          ? (await stepOfficer(c, 'refuse')).actor
          : await competentLeader(c);
      return { action: { ...base(actor), type: 'stop', legalGround: req.legalGround.normalize('NFC') } };
    }
    case 'withdraw':
      return { action: { ...base(ownerApplicant(c) ?? (await receivingOfficer(c))), type: 'withdraw' } };
    case 'return_result': {
      const actor = await receivingOfficer(c);
      if (req.delivery === 'postal' && !c.row.applicant.address?.trim())
        throw rule(
          'ADDRESS_REQUIRED',
          'A result sent by post needs the applicant’s address',
          'Trả kết quả qua bưu chính cần địa chỉ của người nhận',
        );
      return { action: { ...base(actor), type: 'return_result', delivery: req.delivery } };
    }
    case 'rate': {
      const actor = ownerApplicant(c);
      if (!actor) throw notPermitted({ reason: 'only the applicant rates the service' });
      return {
        action: {
          ...base(actor),
          type: 'rate',
          score: req.score,
          ...(req.answers ? { answers: req.answers } : {}),
          ...(req.comment ? { comment: req.comment.normalize('NFC').trim() } : {}),
        },
      };
    }
  }
  // the schema admits only the types above; system actions (liên thông) never come over HTTP
  throw new DomainError(400, 'ACTION_UNKNOWN', 'Unknown action', 'Thao tác không hợp lệ', {
    type: (req as { type: string }).type,
  });
}

/**
 * What lets the performer move the dossier on: a step that forwards or submits for approval, or
 * a signing (approving) step once the signature (approval) is recorded — the workflows list
 * "approve, sign" for the leader's step and its next edge carries the signed dossier on.
 */
function forwardingAction(c: Ctx): StepAction {
  const s = c.s.currentStep ? c.world.workflow.steps.find((x) => x.code === c.s.currentStep) : undefined;
  if (s?.kind !== 'task') return 'forward';
  if (s.actions.includes('forward')) return 'forward';
  if (s.actions.includes('submit_approval')) return 'submit_approval';
  if (s.actions.includes('sign') && c.s.signed) return 'sign';
  if (s.actions.includes('approve') && !s.actions.includes('sign') && c.s.approved) return 'approve';
  return 'forward';
}

async function receivingOfficerOrStep(c: Ctx): Promise<Actor> {
  if (c.requester.kind !== 'officer') throw notPermitted({ reason: 'officers only' });
  const p = await positionFor(c.db, c.requester.auth, ['receiving_officer'], receivingPlace(c.row));
  if (p) return officerActor(c.db, c.requester.auth, p);
  return (await stepOfficer(c, null)).actor;
}

async function faultingAgency(c: Ctx) {
  if (c.s.stepAgencyId !== null && c.s.stepAgencyId !== c.world.receiving.id)
    return c.world.agencyByIdentifier(await agencyIdentifier(c.trx, c.s.stepAgencyId));
  return c.world.competent;
}

/**
 * The apology is the faulting agency's (Decree 61 Art. 18(3)); the one-stop unit records it on
 * its behalf, so either may enter it.
 */
async function apologiser(c: Ctx): Promise<Actor> {
  if (c.requester.kind !== 'officer') throw notPermitted({ reason: 'officers only' });
  const auth = c.requester.auth;
  const places = [
    receivingPlace(c.row),
    ...(c.s.stepAgencyId !== null
      ? [{ agencyId: c.s.stepAgencyId, departmentId: c.s.stepDepartmentId }]
      : []),
    { agencyId: c.world.competent.id, departmentId: null },
  ];
  for (const [i, place] of places.entries()) {
    const p = await positionFor(c.db, auth, i === 0 ? ['receiving_officer'] : HEADS, place);
    if (p) return officerActor(c.db, auth, p);
  }
  throw notPermitted({ reason: 'the one-stop unit or the leaders of the agency at fault apologise' });
}

async function competentLeader(c: Ctx): Promise<Actor> {
  if (c.requester.kind !== 'officer') throw notPermitted({ reason: 'officers only' });
  const p = await requirePosition(c.db, c.requester.auth, ['agency_leader'], {
    agencyId: c.world.competent.id,
    departmentId: null,
  });
  return officerActor(c.db, c.requester.auth, p);
}
