/**
 * Issuing dossier codes (mã hồ sơ, CODES.md §1): the next number of the receiving agency's daily
 * counter (migrations/0006_dossier_codes.sql), formatted by the scheme core selects for the local
 * receipt date. All SQL on dossier_code_sequences lives here.
 *
 * Gaps and rollbacks. The increment is an ordinary row write in the caller's transaction, so a
 * rolled-back acceptance gives its number back: the next acceptance of that agency and day gets the
 * same number, and rollbacks never leave gaps. The price: nobody may see the code before commit.
 * Print Mẫu 01, answer the HTTP request and send sync messages (outbox rows written in the same
 * transaction) only after commit, or a rollback turns a shown code into a DUPLICATE, worse than a gap.
 *
 * Gaps can still appear, and auditors should be told so:
 *   (a) a transaction takes a number and commits without a dossier keeping it: a caller that
 *       catches a later failure and commits anyway, a savepoint rolled back without this call in
 *       it, or a retried command that issues before checking its idempotency key (PITFALLS C2:
 *       check the key first, issue once per acceptance);
 *   (b) a dossier row deleted after commit (purging demo or test data; production dossiers are
 *       never deleted: a withdrawn or refused dossier keeps its code);
 *   (c) a hand edit of the counter row (needed after a restore, see below);
 *   (d) the remote-issued scheme: a number taken from the national service lives outside our
 *       transaction and is lost if the acceptance rolls back. This function refuses that scheme;
 *       its adapter must record every number it receives.
 * Not gaps: a change of scheme starts a separate counter (the scheme is in the key); an overflow
 * refuses the acceptance and leaves the counter as it was. A database restored to an earlier point
 * in time rolls counters and dossiers back together, so codes printed after that point WILL be
 * issued again to other dossiers; an operator must raise the counters past them before reopening.
 * Numbers follow commit order, which may differ from the order of `receivedAt` by the time two
 * acceptances wait on each other; the date is always that of `receivedAt`, even when the commit
 * falls after midnight.
 *
 * Concurrency. INSERT … ON CONFLICT DO UPDATE takes the row lock and keeps it until the caller's
 * commit: acceptances of one agency on one day are serialised there, and each sees the last
 * committed value, so numbers are consecutive and unique across any number of servers. Call it
 * late in the acceptance transaction to keep the lock short, and take at most one code per
 * transaction (two agencies locked in opposite orders by two transactions would deadlock). Under
 * READ COMMITTED (the default) even the first insert of a day races safely: the loser waits for
 * the winner, then updates its row (or inserts, if the winner rolled back). Under REPEATABLE READ
 * or SERIALIZABLE a concurrent acceptance on the same counter fails with a serialisation failure
 * (40001) instead of waiting, and the caller must retry the whole acceptance.
 */
import {
  agencyCodeFor,
  DEFAULT_SCHEME_CHOICES,
  DossierCodeError,
  type DossierCodeErrorCode,
  type DossierCodeSchemeId,
  dossierCodeTemplate,
  formatDossierCode,
  receiptDateOf,
  type SchemeChoice,
  schemeFor,
} from '@motcua/core';
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Params } from '../../db/text.js';
import { DomainError } from '../../errors.js';

export interface NextDossierCodeInput {
  /** the RECEIVING agency (with boundary-free reception it may differ from the competent one) */
  agencyId: number;
  /** its electronic identifier, as in agencies.identifier */
  agencyCode: string;
  /** its short code (alias such as G09.20), needed only by schemes that print one */
  agencyShortCode?: string | null;
  /** the acceptance instant (epoch ms): the time printed on Mẫu 01 and sent as NgayTiepNhan */
  receivedAt: number;
  /** the office's offset from UTC (calendars.utc_offset_minutes; 420 in Việt Nam) */
  utcOffsetMinutes: number;
  /** the deployment's scheme choices; default: AGENCY-YYMMDD-NNNN on every date */
  schemes?: readonly SchemeChoice[];
}

export interface IssuedDossierCode {
  code: string;
  scheme: DossierCodeSchemeId;
  sequence: number;
  /** local receipt date YYYY-MM-DD, the counter's day */
  receivedOn: string;
}

export class DossierCodeUsageError extends Error {
  override name = 'DossierCodeUsageError';
}

/** Configuration faults are 500s (logged); an exhausted day is a 409; a bad instant a 400. */
const STATUS: Record<DossierCodeErrorCode, number> = {
  SEQUENCE_OVERFLOW: 409,
  SEQUENCE_INVALID: 500,
  AGENCY_CODE_INVALID: 500,
  DATE_INVALID: 400,
  DATE_OUTSIDE_SCHEME: 500,
  CODE_INVALID: 400,
  SCHEME_UNKNOWN: 500,
  NO_SCHEME: 500,
  SCHEME_AMBIGUOUS: 500,
};

function asDomainError(e: unknown): never {
  if (e instanceof DossierCodeError)
    throw new DomainError(STATUS[e.code], e.code, e.message, e.messageVi, e.details);
  throw e;
}

/**
 * Takes the next number of the receiving agency's counter for the local receipt day and returns
 * the formatted code. Must run inside the acceptance transaction; throws DomainError
 * SEQUENCE_OVERFLOW (counter unchanged) when the day's numbers are exhausted.
 */
export async function nextDossierCode(trx: Db, input: NextDossierCodeInput): Promise<IssuedDossierCode> {
  if (!trx.isTransaction)
    throw new DossierCodeUsageError(
      'nextDossierCode() must run inside the acceptance transaction, or a failed acceptance leaves a gap',
    );
  try {
    const receivedOn = receiptDateOf(input.receivedAt, input.utcOffsetMinutes);
    const scheme = schemeFor(receivedOn, input.agencyCode, input.schemes ?? DEFAULT_SCHEME_CHOICES);
    if (scheme.sequenceScope === 'remote')
      throw new DomainError(
        500,
        'SCHEME_REMOTE',
        `Scheme ${scheme.id} is issued by the national service, not by the local counter`,
        `Mẫu ${scheme.id} do hệ thống quốc gia cấp số, không dùng bộ đếm của hệ thống`,
        { scheme: scheme.id, agency: input.agencyCode },
      );
    const agencyCode = agencyCodeFor(scheme, {
      identifier: input.agencyCode,
      shortCode: input.agencyShortCode,
    });
    // Check everything but the number before touching the counter: a code that cannot be printed
    // must not take a number (that would be a gap) nor leave the row locked for nothing.
    formatDossierCode(scheme, { agencyCode, date: receivedOn, sequence: 1 });
    const max = 10 ** scheme.width - 1;
    const { rows } = await sql<{ last_value: number }>`
      INSERT INTO dossier_code_sequences AS s (agency_id, scheme, scope_date, last_value)
      VALUES (${input.agencyId}, ${scheme.id}, ${receivedOn}, 1)
      ON CONFLICT (agency_id, scheme, scope_date) DO UPDATE
        SET last_value = s.last_value + 1, updated_at = now()
        WHERE s.last_value < ${max}
      RETURNING last_value`.execute(trx);
    // No row back: the WHERE refused the increment, the counter still reads `max`.
    const sequence = rows[0]?.last_value ?? max + 1;
    return {
      code: formatDossierCode(scheme, { agencyCode, date: receivedOn, sequence }),
      scheme: scheme.id,
      sequence,
      receivedOn,
    };
  } catch (e) {
    asDomainError(e);
  }
}

/**
 * An acceptance's code before its number: everything checked and printed but the sequence, for
 * the statement that writes the acceptance to take the number and print the code itself
 * (codeAllocationCtes). The counter row is then locked for the rest of that transaction only,
 * not for the round trip of a statement of its own and the work between (bench/README.md,
 * submission benchmark: the counter row is what concurrent counters wait on).
 */
export interface CodeAllocation {
  agencyId: number;
  scheme: DossierCodeSchemeId;
  /** the local receipt date, the counter's day */
  receivedOn: string;
  /** the code with `{seq}` where the number goes */
  template: string;
  width: number;
  max: number;
  /** the error of a day whose numbers are exhausted (the statement wrote nothing) */
  overflow(): DomainError;
}

export function planDossierCode(input: NextDossierCodeInput): CodeAllocation {
  try {
    const receivedOn = receiptDateOf(input.receivedAt, input.utcOffsetMinutes);
    const scheme = schemeFor(receivedOn, input.agencyCode, input.schemes ?? DEFAULT_SCHEME_CHOICES);
    if (scheme.sequenceScope === 'remote')
      throw new DomainError(
        500,
        'SCHEME_REMOTE',
        `Scheme ${scheme.id} is issued by the national service, not by the local counter`,
        `Mẫu ${scheme.id} do hệ thống quốc gia cấp số, không dùng bộ đếm của hệ thống`,
        { scheme: scheme.id, agency: input.agencyCode },
      );
    const agencyCode = agencyCodeFor(scheme, {
      identifier: input.agencyCode,
      shortCode: input.agencyShortCode,
    });
    const t = dossierCodeTemplate(scheme, { agencyCode, date: receivedOn });
    return {
      agencyId: input.agencyId,
      scheme: scheme.id,
      receivedOn,
      ...t,
      overflow: () => {
        try {
          formatDossierCode(scheme, { agencyCode, date: receivedOn, sequence: t.max + 1 });
        } catch (e) {
          if (e instanceof DossierCodeError)
            return new DomainError(STATUS[e.code], e.code, e.message, e.messageVi, e.details);
          throw e;
        }
        throw new Error('a sequence past the maximum printed');
      },
    };
  } catch (e) {
    asDomainError(e);
  }
}

/**
 * CTEs `seq` (the counter's next number; no row when the day is exhausted, the counter unchanged)
 * and `code` (the printed code), the same increment as nextDossierCode's.
 */
export function codeAllocationCtes(p: Params, a: CodeAllocation): string[] {
  return [
    `seq AS (INSERT INTO dossier_code_sequences AS s (agency_id, scheme, scope_date, last_value)
      VALUES (${p.add(a.agencyId)}, ${p.add(a.scheme)}, ${p.add(a.receivedOn)}, 1)
      ON CONFLICT (agency_id, scheme, scope_date) DO UPDATE
        SET last_value = s.last_value + 1, updated_at = now()
        WHERE s.last_value < ${p.add(a.max)}
      RETURNING last_value)`,
    `code AS (SELECT replace(${p.add(a.template)}::text, '{seq}', lpad(last_value::text, ${p.add(a.width)}::int, '0')) AS code
      FROM seq)`,
  ];
}

/** The last number issued to an agency on a local day under a scheme (0 when none yet). */
export async function lastDossierSequence(
  db: Db,
  key: { agencyId: number; scheme: DossierCodeSchemeId; receivedOn: string },
): Promise<number> {
  const { rows } = await sql<{ last_value: number }>`
    SELECT last_value FROM dossier_code_sequences
    WHERE agency_id = ${key.agencyId} AND scheme = ${key.scheme} AND scope_date = ${key.receivedOn}`.execute(
    db,
  );
  return rows[0]?.last_value ?? 0;
}
