/**
 * The dossier use cases: registering at a counter, submitting online, recording any action,
 * reading a dossier and its log, public tracking. Transactions begin in log.ts (one action, one
 * transaction); this module decides what goes into them.
 */
import {
  allowedActions,
  type DossierSnapshot,
  NATIONAL_STATUS_NAMES,
  receiptDateOf,
  STATE_LABELS,
  stepOf,
} from '@motcua/core';
import type { AuthContext } from '../../auth/access.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { DomainError, errors } from '../../errors.js';
import { validateFormData } from '../catalog/eform.js';
import { decide, type KnownComponents } from './actions.js';
import { officerActor, positionFor, READER_ROLES, type Requester, requirePosition } from './authorize.js';
import { listComponents, markProvided, planComponents, plannedAsChecked } from './components.js';
import { formErrors } from './form-errors.js';
import { afterJointAction } from './joint.js';
import { type AppendActionInput, type AppendActionResult, appendAction, appendActionIn } from './log.js';
import { notifyFor } from './notify.js';
import { type DossierRow, type DossierView, listActions, toView } from './repository.js';
import { type ResultDeps, signResults, storeOnlineResults } from './results.js';
import type { ActionRequest, RegisterBody, SubmitBody } from './schemas.js';
import * as repo from './service-repository.js';
import type { Applicant } from './tables.js';
import { type DossierWorld, loadWorld, useCatalogCacheMs, versionContent } from './world.js';

export interface DossierDeps {
  config: Config;
  /** the clock actions are dated by (tests move it; production reads the system clock) */
  now: () => number;
  /** where result files are read and signed copies written, and the agency's certificate */
  results: ResultDeps;
}

export interface Idempotency {
  key: string;
  requestHash: string;
}

/** Việt Nam's offset from UTC: the day a dossier is received on, for the version in force. */
const VN_OFFSET_MINUTES = 420;

const notFound = (id: number | string) => errors.notFound('dossier', id, 'hồ sơ');

/** What a dossier row is bound to (its procedure version, workflow, agencies): what loadWorld reads. */
export const bindingOf = (r: DossierRow) => ({
  tenantId: r.tenant_id,
  procedureId: r.procedure_id,
  procedureVersionId: r.procedure_version_id,
  workflowId: r.workflow_id,
  receivingAgencyId: r.receiving_agency_id,
  competentAgencyId: r.competent_agency_id,
});

function cleanApplicant(a: Applicant & { kind?: string }): Applicant {
  const out: Applicant = {};
  for (const k of ['name', 'identityNumber', 'address', 'phone', 'email'] as const) {
    const v = a[k]?.normalize('NFC').trim();
    if (v) out[k] = v;
  }
  return out;
}

/** The procedure in force today where the competent agency implements it, with its workflow. */
async function implementation(
  db: Db,
  deps: DossierDeps,
  tenantId: number,
  procedureCode: string,
  competent: string | undefined,
  receivingAgencyId: number | null,
  now: number,
) {
  // the version in force on the day of receipt binds the dossier for its whole life (D5)
  const impls = await repo.implementationsOf(
    db,
    tenantId,
    procedureCode,
    receiptDateOf(now, VN_OFFSET_MINUTES),
    {
      ...(competent ? { identifier: competent } : {}),
      agencyId: receivingAgencyId,
    },
    deps.config.catalogCacheMs,
  );
  if (!impls.procedure) throw errors.notFound('procedure', procedureCode, 'thủ tục');
  if (!impls.version)
    throw new DomainError(
      404,
      'NO_VERSION_IN_FORCE',
      `Procedure ${procedureCode} has no version in force`,
      `Thủ tục ${procedureCode} không có phiên bản đang có hiệu lực`,
      {
        code: procedureCode,
      },
    );
  const candidates = impls.rows;
  const chosen = competent
    ? candidates.find((c) => c.identifier === competent)
    : candidates.length === 1
      ? candidates[0]
      : candidates.find((c) => c.agency_id === receivingAgencyId);
  if (!chosen) {
    if (!competent && candidates.length > 1)
      throw new DomainError(
        422,
        'COMPETENT_AGENCY_REQUIRED',
        'Several agencies implement this procedure: name the competent one',
        'Thủ tục do nhiều cơ quan thực hiện: cần chọn cơ quan có thẩm quyền',
        {
          candidates: candidates.slice(0, 50).map((c) => c.identifier),
        },
      );
    throw new DomainError(
      422,
      'PROCEDURE_NOT_IMPLEMENTED',
      `No agency of this deployment implements ${procedureCode}${competent ? ` at ${competent}` : ''}`,
      'Cơ quan được chọn không thực hiện thủ tục này',
      {
        code: procedureCode,
        competentAgency: competent ?? null,
      },
    );
  }
  if (chosen.workflow_id === null)
    throw new DomainError(
      422,
      'WORKFLOW_MISSING',
      'The competent agency has no internal workflow for this procedure yet',
      'Cơ quan có thẩm quyền chưa ban hành quy trình nội bộ cho thủ tục này',
      {
        agency: chosen.identifier,
      },
    );
  return { procedure: impls.procedure, version: impls.version, impl: chosen, workflowId: chosen.workflow_id };
}

function checkForm(
  eform: { schema: Record<string, unknown> } | null,
  data: Record<string, unknown> | null | undefined,
  required: boolean,
) {
  if (!eform) return data ?? null;
  if (data === undefined || data === null) {
    if (!required) return null;
    throw new DomainError(
      422,
      'FORM_DATA_REQUIRED',
      'The procedure’s e-form must be filled in',
      'Cần khai tờ khai điện tử của thủ tục',
      {},
    );
  }
  const v = validateFormData(eform.schema, data);
  if (!v.ok)
    throw new DomainError(
      422,
      'FORM_DATA_INVALID',
      'The e-form data does not satisfy the procedure’s schema',
      'Tờ khai điện tử chưa hợp lệ',
      {
        fields: formErrors(v.errors),
      },
    );
  return data;
}

/** A receiving officer registers a dossier handed in at the counter or by post (status 1). */
export async function registerAtCounter(
  db: Db,
  deps: DossierDeps,
  auth: AuthContext,
  body: RegisterBody,
  idem: Idempotency,
) {
  useCatalogCacheMs(deps.config.catalogCacheMs);
  const receiving = await repo.receivingPositionOf(
    db,
    auth,
    body.receivingAgency,
    deps.config.sessionCacheMs,
  );
  if (!receiving)
    throw errors.forbidden({
      requiredRoles: ['receiving_officer'],
      receivingAgency: body.receivingAgency ?? null,
    });
  const now = deps.now();
  const { procedure, version, impl, workflowId } = await implementation(
    db,
    deps,
    auth.tenantId,
    body.procedureCode,
    body.competentAgency,
    receiving.agencyId,
    now,
  );
  const content = await versionContent(db, version.id);
  const formData = checkForm(content.eform, body.formData, false);
  const components = planComponents(content, body.documents, body.cases ?? [], !!content.eform && !!formData);
  const position = await requirePosition(db, auth, ['receiving_officer'], {
    agencyId: receiving.agencyId,
    departmentId: null,
  });
  const actor = await officerActor(db, auth, position);
  return appendAction(db, {
    tenantId: auth.tenantId,
    dossierId: null,
    expectedVersion: 0,
    idempotency: idem,
    action: { type: 'register', channel: body.channel ?? 'direct', at: now, actor },
    extra: {
      procedureId: procedure.id,
      procedureVersionId: version.id,
      workflowId,
      receivingAgencyId: receiving.agencyId,
      competentAgencyId: impl.agency_id,
      receptionPointId: receiving.receptionPointId,
      applicant: cleanApplicant(body.applicant),
      formData,
    },
    components,
    after: async (trx, w) => {
      if (!body.accept) return undefined;
      // a complete dossier at the counter is accepted in the same transaction: the receipt's
      // code and appointment come with the registration, or nothing is registered at all. The
      // row is the one just inserted (this transaction's own), and the request's key covers both.
      const row = w.row;
      const world = await loadWorld(db, bindingOf(row));
      const accepted = await appendActionIn(trx, {
        ...actionInput(db, deps, {
          requester: { kind: 'officer', auth },
          row,
          world,
          body: { type: 'accept', expectedVersion: w.seq },
          idem: { key: `${idem.key}:accept`, requestHash: idem.requestHash },
          now,
          components: plannedAsChecked(components),
        }),
        keyCovered: true,
        locked: row,
        // the acceptance's receipt messages are written with the registration's response
        outbox: w.outbox,
      });
      return accepted.body.dossier;
    },
  });
}

/**
 * A citizen submits online (status 1 until a receiving officer accepts). The dossier is received
 * by the one-stop unit the workflow's first step names, else by the competent agency itself.
 */
export async function submitOnline(
  db: Db,
  deps: DossierDeps,
  citizenId: number,
  body: SubmitBody,
  idem: Idempotency,
) {
  useCatalogCacheMs(deps.config.catalogCacheMs);
  const tenant = await repo.tenantByCode(db, body.tenant);
  if (!tenant) throw errors.notFound('tenant', body.tenant, 'đơn vị triển khai');
  const now = deps.now();
  const { procedure, version, impl, workflowId } = await implementation(
    db,
    deps,
    tenant.id,
    body.procedureCode,
    body.competentAgency,
    null,
    now,
  );
  const content = await versionContent(db, version.id);
  if (!content.channels.some((c) => c.channel === 'online'))
    throw new DomainError(
      422,
      'ONLINE_NOT_OFFERED',
      'This procedure cannot be submitted online',
      'Thủ tục này chưa cung cấp dịch vụ công trực tuyến',
      {
        code: procedure.code,
      },
    );
  const formData = checkForm(content.eform, body.formData, true);
  const components = planComponents(content, body.documents, body.cases ?? [], !!content.eform && !!formData);
  const citizen = await repo.citizenById(db, citizenId);
  if (!citizen) throw errors.unauthenticated();
  const receivingAgencyId = await repo.receivingAgencyOfWorkflow(db, tenant.id, workflowId, impl.agency_id);
  const applicant = cleanApplicant({
    name: citizen.full_name,
    identityNumber: citizen.identity_number,
    ...(citizen.address ? { address: citizen.address } : {}),
    ...(citizen.phone ? { phone: citizen.phone } : {}),
    ...(citizen.email ? { email: citizen.email } : {}),
    ...(body.applicant ?? {}),
  });
  return appendAction(db, {
    tenantId: tenant.id,
    dossierId: null,
    expectedVersion: 0,
    idempotency: idem,
    action: { type: 'submit', channel: 'online', at: now, actor: { kind: 'applicant', citizenId } },
    extra: {
      procedureId: procedure.id,
      procedureVersionId: version.id,
      workflowId,
      receivingAgencyId,
      competentAgencyId: impl.agency_id,
      applicant,
      citizenId,
      formData,
    },
    components,
  });
}

/** The dossier as its requester may see it, or 404 (never 403: existence is not revealed). */
async function readable(db: Db, requester: Requester, id: number): Promise<DossierRow> {
  const row = await repo.dossierById(db, id);
  if (!row) throw notFound(id);
  if (requester.kind === 'citizen') {
    if (row.citizen_id !== requester.citizenId) throw notFound(id);
    return row;
  }
  const auth = requester.auth;
  if (row.tenant_id !== auth.tenantId) throw notFound(id);
  if (row.assignee_id === auth.staffId) return row;
  const places = [
    { agencyId: row.receiving_agency_id, departmentId: null },
    { agencyId: row.competent_agency_id, departmentId: null },
    ...(row.step_agency_id !== null
      ? [{ agencyId: row.step_agency_id, departmentId: row.step_department_id }]
      : []),
  ];
  for (const place of places) if (await positionFor(db, auth, READER_ROLES, place)) return row;
  // consulted units and liên thông children's agencies read the dossier they take part in
  if (await repo.takesPart(db, auth, row.id)) return row;
  throw notFound(id);
}

export const readableRow = readable;

/** "My dossiers": a citizen's dossiers, newest first, by keyset. */
export async function myDossiers(db: Db, citizenId: number, limit: number, before?: number) {
  const rows = await repo.dossiersOfCitizen(db, citizenId, limit + 1, before);
  const page = rows.slice(0, limit).map(toView);
  return { items: page, next: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export async function recordAction(
  db: Db,
  deps: DossierDeps,
  requester: Requester,
  dossierId: number,
  body: ActionRequest,
  idem: Idempotency,
): Promise<AppendActionResult> {
  useCatalogCacheMs(deps.config.catalogCacheMs);
  const row = await readable(db, requester, dossierId);
  const world = await loadWorld(db, bindingOf(row));
  return appendAction(db, actionInput(db, deps, { requester, row, world, body, idem, now: deps.now() }));
}

/**
 * One officer's or citizen's action as appendAction takes it: decided against the locked dossier,
 * with what belongs to it written in the same transaction (components marked provided, result
 * signatures, the data store, notifications, liên thông).
 */
function actionInput(
  db: Db,
  deps: DossierDeps,
  a: {
    requester: Requester;
    row: DossierRow;
    world: DossierWorld;
    body: ActionRequest;
    idem: Idempotency;
    now: number;
    /** the components, when the same transaction has just written them */
    components?: KnownComponents;
  },
): AppendActionInput {
  const { requester, row, world, body, idem, now } = a;
  let decided: Awaited<ReturnType<typeof decide>> | undefined;
  return {
    tenantId: row.tenant_id,
    dossierId: row.id,
    expectedVersion: body.expectedVersion,
    idempotency: idem,
    action: async (trx, s: DossierSnapshot) => {
      decided = await decide(
        { trx, db, world, row, s, requester, now, ...(a.components ? { components: a.components } : {}) },
        body,
      );
      return decided.action;
    },
    extra: () => (decided?.codeScheme ? { codeScheme: decided.codeScheme } : {}),
    code: () => decided?.code,
    after: async (trx, w) => {
      if (decided?.provided?.length) await markProvided(trx, w.dossierId, decided.provided);
      if (w.action.type === 'sign')
        await signResults(trx, deps.results, {
          dossier: w.dossier,
          world,
          signerName: requester.kind === 'officer' ? requester.auth.fullName : '',
          now,
        });
      if (w.action.type === 'return_result')
        await storeOnlineResults(trx, { dossier: w.dossier, world, now });
      await notifyFor(trx, {
        key: idem.key,
        action: w.action,
        before: w.before,
        dossier: w.dossier,
        world,
        publicUrl: deps.config.publicUrl,
        queue: w.outbox,
      });
      return afterJointAction(trx, { world, written: w, key: idem.key, now });
    },
  };
}

export interface DossierDetail {
  dossier: DossierView;
  procedure: { code: string; name: string };
  nationalStatusName: string | null;
  statusLabel: { vi: string; en: string };
  components: Awaited<ReturnType<typeof listComponents>>;
  formData: Record<string, unknown> | null;
  allowedActions: string[];
  step: { code: string; name: string } | null;
}

export async function dossierDetail(db: Db, requester: Requester, id: number): Promise<DossierDetail> {
  const row = await readable(db, requester, id);
  const view = toView(row);
  const world = await loadWorld(db, bindingOf(row)).catch(() => null);
  const step = world && row.current_step ? stepOf(world.workflow, row.current_step) : null;
  return {
    dossier: view,
    procedure: world ? { code: world.procedure.code, name: world.procedure.name } : { code: '', name: '' },
    nationalStatusName:
      view.nationalStatus === null ? null : (NATIONAL_STATUS_NAMES[view.nationalStatus] ?? null),
    statusLabel: STATE_LABELS[view.status],
    components: await listComponents(db, id),
    formData: row.form_data,
    allowedActions: allowedActions(row.state, requester.kind === 'citizen' ? 'applicant' : 'officer'),
    step: step ? { code: step.code, name: step.name } : null,
  };
}

/** The log as it was written: the basis of the timeline and the control slip. */
export async function dossierLog(db: Db, requester: Requester, id: number) {
  await readable(db, requester, id);
  const rows = await listActions(db, id);
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    at: r.at.toISOString(),
    actor: r.actor,
    reason: r.reason,
    payload: r.payload,
  }));
}

/** Public tracking by code (from the QR on Mẫu 01): what is happening, never who the applicant is. */
export async function trackByCode(db: Db, code: string) {
  const t = await repo.tracking(db, code);
  if (!t) throw errors.notFound('dossier', code, 'hồ sơ');
  const stopped = t.state.pauses.some((p) => p.to === null);
  return {
    code: t.code ?? code,
    procedure: { code: t.procedure_code, name: t.procedure_name },
    status: t.status,
    statusLabel: STATE_LABELS[t.status],
    nationalStatus: t.national_status,
    nationalStatusName:
      t.national_status === null ? null : (NATIONAL_STATUS_NAMES[t.national_status] ?? null),
    receivingAgency: t.receiving_agency,
    currentUnit: t.step_agency,
    receivedAt: t.received_at?.toISOString() ?? null,
    appointmentAt: t.appointment_at?.toISOString() ?? null,
    finishedAt: t.finished_at?.toISOString() ?? null,
    clockStopped: stopped,
  };
}
