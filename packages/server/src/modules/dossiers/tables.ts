/**
 * Kysely types of the dossier tables (migrations/0008_dossiers.sql is the source of truth). Kept
 * apart from db/schema.ts until the lead wires them into `Database`.
 */
import type { DossierAction, DossierSnapshot, DossierState } from '@motcua/core';
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
  idempotency_keys: IdempotencyKeysTable;
}
