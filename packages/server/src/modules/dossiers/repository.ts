/**
 * All SQL on dossiers, dossier_actions and idempotency_keys (migrations/0008_dossiers.sql). The
 * use case that ties them together, one action in one transaction, is log.ts.
 */
import {
  CHANNEL_CODES,
  DELIVERY_CODES,
  type DossierAction,
  type DossierSnapshot,
  factsOfState,
  nationalStatusOf,
} from '@motcua/core';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import { claimCte } from '../../db/idempotency.js';
import { Params, runText } from '../../db/text.js';
import { type CodeAllocation, codeAllocationCtes } from './codes.js';
import type { PlannedComponent } from './components.js';
import type { Applicant, DossierActionsTable, DossiersTable } from './tables.js';

export type DossierRow = Selectable<DossiersTable>;
export type DossierActionRow = Selectable<DossierActionsTable>;

/** What the API shows of a dossier: the derived columns, the binding, and the full snapshot. */
export interface DossierView {
  id: number;
  tenantId: number;
  code: string | null;
  codeScheme: string | null;
  status: DossierSnapshot['status'];
  nationalStatus: number | null;
  /** KenhThucHien: 1 counter, 2 online, 3 postal */
  nationalChannel: number | null;
  /** HinhThuc of the result's delivery: 0 counter, 1 postal; null online (pushed to the data store) or not yet returned */
  deliveryCode: number | null;
  version: number;
  channel: DossierRow['channel'];
  procedureId: number;
  procedureVersionId: number | null;
  workflowId: number | null;
  receivingAgencyId: number;
  competentAgencyId: number;
  receptionPointId: number | null;
  currentStep: string | null;
  assigneeId: number | null;
  stepRole: string | null;
  stepAgencyId: number | null;
  stepDepartmentId: number | null;
  stepStartedAt: string | null;
  stepDueAt: string | null;
  citizenId: number | null;
  parentId: number | null;
  parentJointId: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  receivedAt: string | null;
  finishedAt: string | null;
  applicant: Applicant;
  state: DossierSnapshot;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function toView(r: DossierRow): DossierView {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    code: r.code,
    codeScheme: r.code_scheme,
    status: r.status,
    nationalStatus: r.national_status,
    nationalChannel: r.channel === null ? null : CHANNEL_CODES[r.channel],
    deliveryCode:
      r.state.delivery === 'counter' || r.state.delivery === 'postal'
        ? DELIVERY_CODES[r.state.delivery]
        : null,
    version: r.version,
    channel: r.channel,
    procedureId: r.procedure_id,
    procedureVersionId: r.procedure_version_id,
    workflowId: r.workflow_id,
    receivingAgencyId: r.receiving_agency_id,
    competentAgencyId: r.competent_agency_id,
    receptionPointId: r.reception_point_id,
    currentStep: r.current_step,
    assigneeId: r.assignee_id,
    stepRole: r.step_role,
    stepAgencyId: r.step_agency_id,
    stepDepartmentId: r.step_department_id,
    stepStartedAt: iso(r.step_started_at),
    stepDueAt: iso(r.step_due_at),
    citizenId: r.citizen_id,
    parentId: r.parent_id,
    parentJointId: r.parent_joint_id,
    dueAt: iso(r.due_at),
    appointmentAt: iso(r.appointment_at),
    receivedAt: iso(r.received_at),
    finishedAt: iso(r.finished_at),
    applicant: r.applicant,
    state: r.state,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const instant = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** The columns derived from a snapshot: the only way they are ever written. */
export function derivedColumns(s: DossierSnapshot) {
  return {
    status: s.status,
    national_status: nationalStatusOf(s),
    version: s.version,
    state: JSON.stringify(s),
    code: s.code,
    channel: s.channel,
    due_at: instant(s.dueAt),
    appointment_at: instant(s.appointmentAt),
    received_at: instant(s.receivedAt),
    finished_at: instant(s.finishedAt),
    current_step: s.currentStep,
    assignee_id: s.assigneeId,
    step_role: s.stepRole,
    step_agency_id: s.stepAgencyId,
    step_department_id: s.stepDepartmentId,
    step_started_at: instant(s.stepStartedAt),
    step_due_at: instant(s.stepDueAt),
  };
}

/** What a dossier is bound to; set at creation, and later (acceptance) for what was unknown. */
export interface DossierBinding {
  procedureId?: number;
  procedureVersionId?: number | null;
  workflowId?: number | null;
  receivingAgencyId?: number;
  competentAgencyId?: number;
  receptionPointId?: number | null;
  codeScheme?: string | null;
  applicant?: Applicant;
  citizenId?: number | null;
  formData?: Record<string, unknown> | null;
  parentId?: number | null;
  parentJointId?: string | null;
}

function bindingColumns(b: DossierBinding) {
  const c: Partial<{
    procedure_id: number;
    procedure_version_id: number | null;
    workflow_id: number | null;
    receiving_agency_id: number;
    competent_agency_id: number;
    reception_point_id: number | null;
    code_scheme: string | null;
    applicant: string;
    citizen_id: number | null;
    form_data: string | null;
    parent_id: number | null;
    parent_joint_id: string | null;
  }> = {};
  if (b.procedureId !== undefined) c.procedure_id = b.procedureId;
  if (b.procedureVersionId !== undefined) c.procedure_version_id = b.procedureVersionId;
  if (b.workflowId !== undefined) c.workflow_id = b.workflowId;
  if (b.receivingAgencyId !== undefined) c.receiving_agency_id = b.receivingAgencyId;
  if (b.competentAgencyId !== undefined) c.competent_agency_id = b.competentAgencyId;
  if (b.receptionPointId !== undefined) c.reception_point_id = b.receptionPointId;
  if (b.codeScheme !== undefined) c.code_scheme = b.codeScheme;
  if (b.applicant !== undefined) c.applicant = JSON.stringify(b.applicant);
  if (b.citizenId !== undefined) c.citizen_id = b.citizenId;
  if (b.formData !== undefined) c.form_data = b.formData === null ? null : JSON.stringify(b.formData);
  if (b.parentId !== undefined) c.parent_id = b.parentId;
  if (b.parentJointId !== undefined) c.parent_joint_id = b.parentJointId;
  return c;
}

export async function getDossier(db: Db, tenantId: number, id: number): Promise<DossierRow | undefined> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locks the dossier row until the caller's commit (the write lock of one action). */
export async function lockDossier(trx: Db, tenantId: number, id: number): Promise<DossierRow | undefined> {
  return trx
    .selectFrom('dossiers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface NewDossier {
  tenantId: number;
  procedureId: number;
  receivingAgencyId: number;
  competentAgencyId: number;
  binding: DossierBinding;
  state: DossierSnapshot;
}

/** The action row as a response shows it. */
export interface LoggedAction {
  seq: number;
  type: DossierAction['type'];
  at: Date;
}

/** One action to append; its seq is the version of the state it led to. */
export interface ActionToLog {
  tenantId: number;
  action: DossierAction;
  requestId: string | null;
  state: DossierSnapshot;
}

/** What the facts row is bound to: the dossier's procedure and agencies as written. */
interface FactsBinding {
  procedureId: number;
  receivingAgencyId: number;
  competentAgencyId: number;
  parentId: number | null;
}

/**
 * The statement's other rows are selected FROM its CTE `d`, the dossier written: with no dossier
 * (a key already claimed) they are not written either.
 */
const OF_D = { dossier_id: 'd.id' };

/** On a later action, the facts row takes the new values; the due history grows (see factsCte). */
const FACTS_UPDATE = `procedure_id = excluded.procedure_id,
  receiving_agency_id = excluded.receiving_agency_id, competent_agency_id = excluded.competent_agency_id,
  parent_id = excluded.parent_id, channel = excluded.channel, received_at = excluded.received_at,
  refused_at = excluded.refused_at, end_kind = excluded.end_kind, end_at = excluded.end_at,
  withdrawn_at = excluded.withdrawn_at, due_at = excluded.due_at,
  due_history = CASE WHEN excluded.due_at IS NOT NULL AND excluded.due_at IS DISTINCT FROM dossier_facts.due_at
    THEN dossier_facts.due_history || excluded.due_history ELSE dossier_facts.due_history END,
  facts = excluded.facts, rating = excluded.rating, version = excluded.version, changed_at = now()`;

/**
 * CTE `f`: the dossier's monitoring facts (migration 0015) brought to the state the action led
 * to. The due instant's history grows in SQL, by the same rule as the core's foldFacts: an entry
 * from the action's instant whenever the due instant changes. `motcua rebuild-facts` folds the log
 * instead, and must agree (monitoring/facts.test.ts).
 */
function factsCte(p: Params, a: ActionToLog, b: FactsBinding): string {
  const f = factsOfState(a.state);
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  const row = {
    tenant_id: a.tenantId,
    procedure_id: b.procedureId,
    receiving_agency_id: b.receivingAgencyId,
    competent_agency_id: b.competentAgencyId,
    parent_id: b.parentId,
    channel: f.channel,
    received_at: at(f.receivedAt),
    refused_at: at(f.refusedAt ?? null),
    end_kind: f.end?.kind ?? null,
    end_at: at(f.end?.at ?? null),
    withdrawn_at: at(f.withdrawnAt),
    due_at: at(f.dueAt),
    due_history: JSON.stringify(f.dueAt === null ? [] : [{ from: a.action.at, dueAt: f.dueAt }]),
    facts: JSON.stringify(f),
    rating: f.rating,
    version: f.version,
  };
  return `f AS (INSERT INTO dossier_facts ${p.columnsAndSelect(row, OF_D, 'd')}
    ON CONFLICT (dossier_id) DO UPDATE SET ${FACTS_UPDATE})`;
}

/** CTE `a`: the action row itself, for the dossier of CTE `d`; its seq is the new version. */
function actionCte(p: Params, a: ActionToLog, numbered = false): string {
  const payload = JSON.stringify(a.action);
  const row = {
    tenant_id: a.tenantId,
    seq: a.state.version,
    type: a.action.type,
    at: new Date(a.action.at),
    actor: JSON.stringify(a.action.actor),
    reason: a.action.reason ?? null,
    ...(numbered ? {} : { payload }),
    request_id: a.requestId,
  };
  // an acceptance numbered by this statement logs the code CTE `code` printed
  const extra = numbered ? { ...OF_D, payload: withCode(p.add(payload)) } : OF_D;
  return `a AS (INSERT INTO dossier_actions ${p.columnsAndSelect(row, extra, 'd')}
    RETURNING seq, type, at)`;
}

/** A JSON document (a parameter) with its `code` set to the statement's CTE `code`. */
const withCode = (json: string) => `jsonb_set(${json}::jsonb, '{code}', to_jsonb((SELECT code FROM code)))`;

/**
 * CTE `c`: a new dossier's document components, several rows from a VALUES list (whose
 * parameters need their types written: a VALUES in FROM has no target columns to take them from).
 */
function componentsCte(p: Params, rows: readonly PlannedComponent[]): string {
  const values = rows.map(
    (r) =>
      `(${p.add(r.document_code)}::text, ${p.add(r.name)}::text, ${p.add(r.required)}::boolean, ` +
      `${p.add(r.provided)}::boolean, ${p.add(r.originals)}::int, ${p.add(r.certified_copies)}::int, ` +
      `${p.add(r.copies)}::int)`,
  );
  const cols = 'document_code, name, required, provided, originals, certified_copies, copies';
  return `c AS (INSERT INTO dossier_components (dossier_id, ${cols})
    SELECT d.id, v.* FROM d, (VALUES ${values.join(', ')}) AS v (${cols}))`;
}

const WRITTEN = 'SELECT d.*, a.seq AS logged_seq, a.type AS logged_type, a.at AS logged_at FROM d, a';

type WrittenRow = DossierRow & { logged_seq: number; logged_type: string; logged_at: Date };

/**
 * Creates a dossier with its first action, its facts and its document components in one
 * statement: data-modifying CTEs, so one round trip; the others take the new id from the inserted
 * row, and their foreign keys are checked at the statement's end, when the row is there.
 */
export async function insertDossierWithAction(
  trx: Db,
  d: NewDossier,
  a: Omit<ActionToLog, 'tenantId' | 'state'>,
  components: readonly PlannedComponent[] = [],
  claim?: { key: string; requestHash: string },
): Promise<{ row: DossierRow; logged: LoggedAction } | null> {
  const log: ActionToLog = { ...a, tenantId: d.tenantId, state: d.state };
  const p = new Params();
  const claimed = claim ? [claimCte(p, 'claim', { tenantId: d.tenantId, ...claim })] : [];
  const dossier = {
    tenant_id: d.tenantId,
    procedure_id: d.procedureId,
    receiving_agency_id: d.receivingAgencyId,
    competent_agency_id: d.competentAgencyId,
    ...bindingColumns(d.binding),
    ...derivedColumns(d.state),
  };
  const ctes = [
    ...claimed,
    claim
      ? `d AS (INSERT INTO dossiers ${p.columnsAndSelect(dossier, {}, '(SELECT 1) AS one')}
          WHERE EXISTS (SELECT 1 FROM claim) RETURNING *)`
      : `d AS (INSERT INTO dossiers ${p.columnsAndValues(dossier)} RETURNING *)`,
    actionCte(p, log),
    factsCte(p, log, {
      procedureId: d.procedureId,
      receivingAgencyId: d.receivingAgencyId,
      competentAgencyId: d.competentAgencyId,
      parentId: d.binding.parentId ?? null,
    }),
    // an insert of no rows is not SQL: without components there is no CTE `c`
    ...(components.length ? [componentsCte(p, components)] : []),
  ];
  const [r] = await runText<WrittenRow>(trx, `WITH ${ctes.join(',\n')}\n${WRITTEN}`, p);
  // no row: the key was there, nothing was written
  return r ? split(r) : null;
}

/**
 * Moves a locked dossier to the state an action led to, appends the action and updates the
 * facts: one statement, as insertDossierWithAction. A second action with the same seq (a
 * concurrent writer that skipped the lock) violates the log's unique (dossier, seq) and fails
 * the whole statement.
 */
export async function updateDossierWithAction(
  trx: Db,
  held: DossierRow,
  binding: DossierBinding,
  a: ActionToLog,
  code?: CodeAllocation,
): Promise<{ row: DossierRow; logged: LoggedAction }> {
  const p = new Params();
  const numbering = code ? codeAllocationCtes(p, code) : [];
  const { code: decidedCode, state, ...derived } = derivedColumns(a.state);
  // numbered here: the code column and the snapshot's code are the printed one (CTE `code`), and
  // without a number (the day exhausted) the dossier is not updated, so nothing is written
  const set = code
    ? `${p.assignments({ ...bindingColumns(binding), ...derived })},
      code = (SELECT code FROM code), state = ${withCode(p.add(state))}`
    : p.assignments({ ...bindingColumns(binding), ...derived, code: decidedCode, state });
  const numbered = code ? ' AND EXISTS (SELECT 1 FROM code)' : '';
  const ctes = [
    ...numbering,
    `d AS (UPDATE dossiers SET ${set}, updated_at = now() WHERE id = ${p.add(held.id)}${numbered} RETURNING *)`,
    actionCte(p, a, !!code),
    factsCte(p, a, {
      procedureId: binding.procedureId ?? held.procedure_id,
      receivingAgencyId: binding.receivingAgencyId ?? held.receiving_agency_id,
      competentAgencyId: binding.competentAgencyId ?? held.competent_agency_id,
      parentId: binding.parentId !== undefined ? binding.parentId : held.parent_id,
    }),
  ];
  const [r] = await runText<WrittenRow>(trx, `WITH ${ctes.join(',\n')}\n${WRITTEN}`, p);
  if (!r) {
    if (code) throw code.overflow();
    throw new Error('the dossier to write was not found');
  }
  return split(r);
}

function split(r: WrittenRow): { row: DossierRow; logged: LoggedAction } {
  const { logged_seq, logged_type, logged_at, ...row } = r;
  return {
    row,
    logged: { seq: logged_seq, type: logged_type as DossierAction['type'], at: logged_at },
  };
}

/** A dossier's log in order. */
export async function listActions(db: Db, dossierId: number): Promise<DossierActionRow[]> {
  return db
    .selectFrom('dossier_actions')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('seq')
    .execute();
}
