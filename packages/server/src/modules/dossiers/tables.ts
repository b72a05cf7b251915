/**
 * Kysely types of the dossier tables (migrations/0008_dossiers.sql and 0009_reception.sql are the
 * source of truth), included in db/schema.ts's `Database`.
 */
import type { DossierAction, DossierSnapshot, DossierState, LoggedFacts } from '@motcua/core';
import type { ColumnType, Generated } from 'kysely';

type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Instant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb written as a JSON string, read back parsed as T */
type JsonOf<T> = ColumnType<T, string, string>;

export interface Applicant {
  name?: string;
  identityNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface DossiersTable {
  id: Generated<number>;
  tenant_id: number;
  procedure_id: number;
  procedure_version_id: number | null;
  workflow_id: number | null;
  receiving_agency_id: number;
  competent_agency_id: number;
  reception_point_id: number | null;
  code: string | null;
  code_scheme: string | null;
  channel: 'direct' | 'online' | 'postal' | null;
  status: DossierState;
  national_status: number | null;
  version: number;
  state: JsonOf<DossierSnapshot>;
  due_at: Instant;
  appointment_at: Instant;
  received_at: Instant;
  finished_at: Instant;
  current_step: string | null;
  assignee_id: number | null;
  applicant: ColumnType<Applicant, string | undefined, string>;
  created_at: DefaultNow;
  updated_at: DefaultNow;
  citizen_id: number | null;
  step_role: string | null;
  step_agency_id: number | null;
  step_department_id: number | null;
  step_started_at: Instant;
  step_due_at: Instant;
  form_data: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  parent_id: number | null;
  parent_joint_id: string | null;
}

export interface CitizensTable {
  id: Generated<number>;
  kind: Generated<'individual' | 'organisation'>;
  identity_number: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  is_demo: Generated<boolean>;
  created_at: DefaultNow;
  updated_at: DefaultNow;
}

export interface DossierComponentsTable {
  id: Generated<number>;
  dossier_id: number;
  document_code: string | null;
  name: string;
  required: Generated<boolean>;
  provided: Generated<boolean>;
  originals: Generated<number>;
  certified_copies: Generated<number>;
  copies: Generated<number>;
  digitised_by: number | null;
  digitised_at: Instant;
  created_at: DefaultNow;
}

export interface DossierFilesTable {
  id: Generated<number>;
  dossier_id: number;
  component_id: number | null;
  purpose: 'component' | 'result' | 'form';
  sha256: string;
  size: ColumnType<number, number, never>;
  kind: string;
  mime_type: string;
  filename: string | null;
  reused_from: number | null;
  /** the unsigned result this signed copy was made from (migration 0013) */
  signed_from: ColumnType<number | null, number | null | undefined, never>;
  uploaded_by: ColumnType<DossierAction['actor'], string, never>;
  created_at: DefaultNow;
}

export interface DossierActionsTable {
  id: Generated<number>;
  dossier_id: number;
  tenant_id: number;
  seq: number;
  type: DossierAction['type'];
  at: ColumnType<Date, Date | string, never>;
  actor: ColumnType<DossierAction['actor'], string, never>;
  reason: ColumnType<string | null, string | null, never>;
  payload: ColumnType<DossierAction, string, never>;
  request_id: ColumnType<string | null, string | null, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** The monitoring read model (migration 0015, core indicators/facts.ts): one row per dossier. */
export interface DossierFactsTable {
  dossier_id: number;
  tenant_id: number;
  procedure_id: number;
  receiving_agency_id: number;
  competent_agency_id: number;
  parent_id: number | null;
  channel: 'direct' | 'online' | 'postal' | null;
  received_at: Date | null;
  refused_at: Date | null;
  end_kind: 'result' | 'stopped' | null;
  end_at: Date | null;
  withdrawn_at: Date | null;
  due_at: Date | null;
  due_history: ColumnType<{ from: number; dueAt: number }[], string, string>;
  facts: ColumnType<LoggedFacts, string, string>;
  rating: number | null;
  version: number;
}

export interface IdempotencyKeysTable {
  tenant_id: number;
  key: string;
  request_hash: string;
  dossier_id: number | null;
  response_status: number | null;
  response_body: ColumnType<unknown, string | null, string | null>;
  created_at: DefaultNow;
}

export interface DossierTables {
  dossiers: DossiersTable;
  dossier_actions: DossierActionsTable;
  dossier_facts: DossierFactsTable;
  idempotency_keys: IdempotencyKeysTable;
  citizens: CitizensTable;
  dossier_components: DossierComponentsTable;
  dossier_files: DossierFilesTable;
}
