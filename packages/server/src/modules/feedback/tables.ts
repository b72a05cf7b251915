/**
 * Kysely types of the PAKN tables (migrations/0016_feedback.sql is the source of truth), included
 * in db/schema.ts's `Database`.
 */
import type { FeedbackAction, FeedbackClassification, FeedbackSnapshot, FeedbackState } from '@motcua/core';
import type { ColumnType, Generated } from 'kysely';

type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;
type Instant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb written as a JSON string, read back parsed as T */
type JsonOf<T> = ColumnType<T, string, string>;

/** Who submitted a PAKN and how to reach them: personal data, never public. */
export interface Submitter {
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface FeedbackTable {
  id: number;
  tenant_id: number;
  code: string;
  agency_id: number;
  procedure_code: string | null;
  dossier_id: number | null;
  citizen_id: number | null;
  access_token_hash: string | null;
  submitter: JsonOf<Submitter>;
  title: string;
  content: string;
  classification: FeedbackClassification | null;
  status: FeedbackState;
  version: number;
  state: JsonOf<FeedbackSnapshot>;
  received_at: ColumnType<Date, Date | string, Date | string>;
  refuse_by: ColumnType<Date, Date | string, Date | string>;
  request_info_by: ColumnType<Date, Date | string, Date | string>;
  resolve_by: ColumnType<Date, Date | string, Date | string>;
  publish_by: Instant;
  refused_at: Instant;
  resolved_at: Instant;
  published_at: Instant;
  previous_id: number | null;
  created_at: DefaultNow;
  updated_at: DefaultNow;
}

export interface FeedbackActionsTable {
  id: Generated<number>;
  feedback_id: number;
  tenant_id: number;
  seq: number;
  type: FeedbackAction['type'];
  at: ColumnType<Date, Date | string, Date | string>;
  actor: JsonOf<FeedbackAction['actor']>;
  payload: JsonOf<FeedbackAction>;
  request_id: string | null;
  created_at: DefaultNow;
}
