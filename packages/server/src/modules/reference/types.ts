import type { Db } from '../../db/client.js';

/** One refused row: where it is and why, in both languages. */
export interface Reject {
  line: number;
  field: string | null;
  reason: string;
  reasonVi: string;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult extends ImportCounts {
  kind: string;
  file: string;
  rows: number;
  rejected: Reject[];
  dryRun: boolean;
}

export interface ImportOptions {
  skipInvalid?: boolean;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Extra options of one kind, e.g. the calendar code for holidays. */
  params?: Record<string, string>;
  actor?: string;
  /** the local date of the import (a changed procedure's new version takes effect on it) */
  today?: string;
}

export interface ImportContext {
  trx: Db;
  rejects: Reject[];
  reject: (line: number, field: string | null, reason: string, reasonVi: string) => void;
  options: ImportOptions;
}

/**
 * An importer validates every row first (rejects are collected, none thrown) and only then writes:
 * the runner decides between the two, so a file with errors writes nothing unless --skip-invalid.
 */
export interface Importer<Row> {
  kind: string;
  description: string;
  /** Parse the file's text into rows with their line numbers; unparseable rows become rejects. */
  parse(text: string, ctx: ImportContext): Row[];
  /** Check rows against each other and the database; returns the rows that are valid. */
  validate(rows: Row[], ctx: ImportContext): Promise<Row[]>;
  apply(rows: Row[], ctx: ImportContext): Promise<ImportCounts>;
}
