/**
 * Kysely types of the citizen sign-in tables (migrations/0010_citizen_auth.sql is the source of
 * truth), listed in db/schema.ts's `Database`.
 */
import type { ColumnType, Generated } from 'kysely';

type DefaultNow = ColumnType<Date, Date | string | undefined, Date | string>;

export type CodeChannel = 'email' | 'sms';

export interface CitizenSignInCodesTable {
  id: ColumnType<number, never, never>;
  identity_number: string;
  channel: CodeChannel;
  citizen_id: number | null;
  code_hash: string;
  salt: string;
  attempts: Generated<number>;
  issued_at: DefaultNow;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  window_started_at: DefaultNow;
  window_count: Generated<number>;
  serial: Generated<number>;
}

export interface CitizenAuthKeysTable {
  id: number;
  decoy_key: string;
}

export interface CitizenSessionsTable {
  id: string;
  citizen_id: number;
  csrf_token: string;
  created_at: DefaultNow;
  last_seen_at: DefaultNow;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  ip: string | null;
  user_agent: string | null;
}
