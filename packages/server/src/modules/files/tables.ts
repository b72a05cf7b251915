/**
 * Kysely types of the citizen's data store (migrations/0012_data_store.sql is the source of truth),
 * included in db/schema.ts's `Database`. The dossier files themselves are modules/dossiers/tables.ts.
 */
import type { ColumnType, Generated } from 'kysely';

/** A row is written once: nothing in MotCua changes a stored document. */
type Fixed<T> = ColumnType<T, T, never>;

export interface CitizenDocumentsTable {
  id: Generated<number>;
  citizen_id: Fixed<number>;
  kind: Fixed<'document' | 'result'>;
  name: Fixed<string>;
  document_code: Fixed<string | null>;
  result_code: Fixed<string | null>;
  sha256: Fixed<string>;
  size: Fixed<number>;
  file_kind: Fixed<string>;
  mime_type: Fixed<string>;
  filename: Fixed<string | null>;
  issuer_agency_id: Fixed<number | null>;
  issuer_name: Fixed<string | null>;
  source_dossier_id: Fixed<number | null>;
  /** DATE, read as YYYY-MM-DD */
  valid_from: Fixed<string>;
  valid_until: Fixed<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FileTables {
  citizen_documents: CitizenDocumentsTable;
}
