/**
 * Statements written as SQL text with positional parameters, for the few on the hot path of every
 * action (bench/README.md, "Submission benchmark"): building and compiling a large data-modifying
 * CTE with the query builder cost the Node process more than the statement's round trip. Column
 * names come from MotCua's own constants, never from a request; every value is a parameter.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from './client.js';

export class Params {
  readonly values: unknown[] = [];

  /** The `$n` of a new parameter holding `v`. */
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }

  /** `(col, …) VALUES (…)` for one row whose columns are the object's keys. */
  columnsAndValues(
    row: Readonly<Record<string, unknown>>,
    extra: Readonly<Record<string, string>> = {},
  ): string {
    const names = [...Object.keys(extra), ...Object.keys(row)];
    const values = [...Object.values(extra), ...Object.values(row).map((v) => this.add(v))];
    return `(${names.join(', ')}) VALUES (${values.join(', ')})`;
  }

  /**
   * `(col, …) SELECT … FROM from` for one row per row of `from` (a CTE): the parameters take
   * their columns' types as in VALUES; `extra` are SQL expressions over `from`.
   */
  columnsAndSelect(
    row: Readonly<Record<string, unknown>>,
    extra: Readonly<Record<string, string>>,
    from: string,
  ): string {
    const names = [...Object.keys(extra), ...Object.keys(row)];
    const values = [...Object.values(extra), ...Object.values(row).map((v) => this.add(v))];
    return `(${names.join(', ')}) SELECT ${values.join(', ')} FROM ${from}`;
  }

  /** `col = $n, …` for an UPDATE's SET. */
  assignments(row: Readonly<Record<string, unknown>>): string {
    return Object.entries(row)
      .map(([k, v]) => `${k} = ${this.add(v)}`)
      .join(', ');
  }
}

export async function runText<R>(db: Db, text: string, params: Params): Promise<R[]> {
  const r = await db.executeQuery<R>(CompiledQuery.raw(text, params.values));
  return r.rows;
}
