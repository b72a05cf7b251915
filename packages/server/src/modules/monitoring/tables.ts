/** Kysely types of the day counters (migration 0019). */
import type { ColumnType } from 'kysely';

/** What the counters worker last applied for a dossier (dossier_facts.counted_deltas). */
export interface CountedDeltas {
  agency: number;
  procedure: number;
  channel: CounterChannel;
  /** [day number, core CounterClass, delta] */
  deltas: [number, string, number][];
}

export type CounterChannel = 'direct' | 'online' | 'postal' | 'none';

/** The columns 0019 adds to dossier_facts (declared here: dossiers/tables.ts is the action's own). */
export interface CountedFactsColumns {
  counted_version: ColumnType<number | null, number | null | undefined, number | null>;
  counted_deltas: ColumnType<CountedDeltas | null, string | null | undefined, string | null>;
  changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MonitoringCountersTable {
  tenant_id: number;
  agency_id: number;
  procedure_id: number;
  channel: CounterChannel;
  class: string;
  day: number;
  /** bigint: read as a string by pg */
  value: ColumnType<string, number | string, number | string>;
}
