import type { SchemeChoice } from '@motcua/core';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client.js';
import { DomainError } from '../../errors.js';
import { testDatabase } from '../../test/db.js';
import { DossierCodeUsageError, lastDossierSequence, nextDossierCode } from './codes.js';

const t = await testDatabase('demo');
const db = t.db;
const VN = 420;

interface Agency {
  id: number;
  identifier: string;
}
let a: Agency;
let b: Agency;

beforeAll(async () => {
  const rows = await db.selectFrom('agencies').select(['id', 'identifier']).orderBy('id').limit(2).execute();
  expect(rows).toHaveLength(2);
  [a, b] = rows as [Agency, Agency];
});

/** One acceptance: its own transaction, committed. */
const accept = (agency: Agency, at: string, extra: { schemes?: SchemeChoice[]; short?: string } = {}) =>
  db.transaction().execute((trx) =>
    nextDossierCode(trx, {
      agencyId: agency.id,
      agencyCode: agency.identifier,
      agencyShortCode: extra.short ?? null,
      receivedAt: Date.parse(at),
      utcOffsetMinutes: VN,
      schemes: extra.schemes,
    }),
  );

async function domainCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError');
}

class Rollback extends Error {}

describe('nextDossierCode (real PostgreSQL)', () => {
  it('numbers an agency’s dossiers of one day 1, 2, 3 in the pre-2025 shape', async () => {
    const codes = [];
    for (const at of ['2024-03-05T08:00:00+07:00', '2024-03-05T09:15:00+07:00', '2024-03-05T16:59:00+07:00'])
      codes.push(await accept(a, at));
    expect(codes.map((c) => c.code)).toEqual([
      `${a.identifier}-240305-0001`,
      `${a.identifier}-240305-0002`,
      `${a.identifier}-240305-0003`,
    ]);
    expect(codes[0]).toMatchObject({ scheme: 'AGENCY-YYMMDD-NNNN', sequence: 1, receivedOn: '2024-03-05' });
  });

  it('restarts at local midnight in Asia/Ho_Chi_Minh, not at UTC midnight', async () => {
    // 23:30 local on 6 March is 16:30 UTC on 6 March: still the 6th
    expect((await accept(a, '2024-03-06T23:30:00+07:00')).code).toBe(`${a.identifier}-240306-0001`);
    // 00:10 local on 7 March is 17:10 UTC on the 6th: already the 7th, a fresh counter
    expect((await accept(a, '2024-03-06T17:10:00Z')).code).toBe(`${a.identifier}-240307-0001`);
    // 06:59 local on 7 March is 23:59 UTC on the 6th: same local day as the previous one
    expect((await accept(a, '2024-03-06T23:59:00Z')).code).toBe(`${a.identifier}-240307-0002`);
    expect(
      await lastDossierSequence(db, {
        agencyId: a.id,
        scheme: 'AGENCY-YYMMDD-NNNN',
        receivedOn: '2024-03-06',
      }),
    ).toBe(1);
  });

  it('keeps separate agencies independent', async () => {
    await accept(a, '2024-03-08T08:00:00+07:00');
    await accept(a, '2024-03-08T08:01:00+07:00');
    expect((await accept(b, '2024-03-08T08:02:00+07:00')).code).toBe(`${b.identifier}-240308-0001`);
    expect((await accept(a, '2024-03-08T08:03:00+07:00')).sequence).toBe(3);
  });

  it('gives 50 concurrent acceptances of one agency and day 50 distinct consecutive numbers', async () => {
    const { db: wide } = createDb(t.url, 50);
    try {
      let arrived = 0;
      let open!: () => void;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const issued = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          wide.transaction().execute(async (trx) => {
            await sql`select 1`.execute(trx); // the transaction holds its connection from here
            if (++arrived === 50) open();
            await gate; // all 50 are open before any takes a number
            const r = await nextDossierCode(trx, {
              agencyId: a.id,
              agencyCode: a.identifier,
              receivedAt: Date.parse(`2024-03-09T10:00:${String(i).padStart(2, '0')}+07:00`),
              utcOffsetMinutes: VN,
            });
            await sql`select pg_sleep(0.002)`.execute(trx); // hold the row lock while the others queue
            return r;
          }),
        ),
      );
      const seqs = issued.map((r) => r.sequence).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(issued.map((r) => r.code)).size).toBe(50);
      expect(
        await lastDossierSequence(db, {
          agencyId: a.id,
          scheme: 'AGENCY-YYMMDD-NNNN',
          receivedOn: '2024-03-09',
        }),
      ).toBe(50);
    } finally {
      await wide.destroy();
    }
  });

  it('a rolled-back acceptance gives its number back', async () => {
    await accept(a, '2024-03-11T08:00:00+07:00');
    await expect(
      db.transaction().execute(async (trx) => {
        const r = await nextDossierCode(trx, {
          agencyId: a.id,
          agencyCode: a.identifier,
          receivedAt: Date.parse('2024-03-11T08:05:00+07:00'),
          utcOffsetMinutes: VN,
        });
        expect(r.sequence).toBe(2);
        throw new Rollback('the acceptance failed after the code was taken');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect((await accept(a, '2024-03-11T08:10:00+07:00')).code).toBe(`${a.identifier}-240311-0002`);
  });

  it('a waiting acceptance takes the number a concurrent one rolled back, even the first of the day', async () => {
    let taken!: () => void;
    const firstHasNumber = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const first = db.transaction().execute(async (trx) => {
      const r = await nextDossierCode(trx, {
        agencyId: b.id,
        agencyCode: b.identifier,
        receivedAt: Date.parse('2024-03-12T08:00:00+07:00'),
        utcOffsetMinutes: VN,
      });
      expect(r.sequence).toBe(1);
      taken();
      await new Promise((resolve) => setTimeout(resolve, 150)); // the second is blocked meanwhile
      throw new Rollback();
    });
    await firstHasNumber;
    const second = accept(b, '2024-03-12T08:01:00+07:00');
    await expect(first).rejects.toBeInstanceOf(Rollback);
    expect((await second).code).toBe(`${b.identifier}-240312-0001`);
  });

  it('refuses the 10,000th dossier of a day with SEQUENCE_OVERFLOW and leaves the counter at 9999', async () => {
    await sql`insert into dossier_code_sequences (agency_id, scheme, scope_date, last_value)
              values (${a.id}, 'AGENCY-YYMMDD-NNNN', '2024-03-13', 9998)`.execute(db);
    expect((await accept(a, '2024-03-13T08:00:00+07:00')).code).toBe(`${a.identifier}-240313-9999`);
    const key = { agencyId: a.id, scheme: 'AGENCY-YYMMDD-NNNN' as const, receivedOn: '2024-03-13' };
    // inside one transaction: the refusal leaves the transaction usable and the counter unchanged
    await db.transaction().execute(async (trx) => {
      expect(
        await domainCode(
          nextDossierCode(trx, {
            agencyId: a.id,
            agencyCode: a.identifier,
            receivedAt: Date.parse('2024-03-13T08:01:00+07:00'),
            utcOffsetMinutes: VN,
          }),
        ),
      ).toBe('SEQUENCE_OVERFLOW');
      expect(await lastDossierSequence(trx, key)).toBe(9999);
    });
    expect(await domainCode(accept(a, '2024-03-13T08:02:00+07:00'))).toBe('SEQUENCE_OVERFLOW');
    expect(await lastDossierSequence(db, key)).toBe(9999);
    // the next local day starts again
    expect((await accept(a, '2024-03-14T08:00:00+07:00')).sequence).toBe(1);
  });

  it('issues the 2026 variant with the short code when the deployment configures it', async () => {
    const schemes: SchemeChoice[] = [
      { schemeId: 'AGENCY-YYMMDD-NNNN', validFrom: null, validTo: '2026-06-30' },
      { schemeId: 'SHORT-YYYYMMDD-NNNNNNN', validFrom: '2026-07-01', validTo: null },
    ];
    expect((await accept(a, '2026-06-30T23:59:00+07:00', { schemes, short: 'H01.10' })).code).toBe(
      `${a.identifier}-260630-0001`,
    );
    expect((await accept(a, '2026-07-01T00:00:00+07:00', { schemes, short: 'H01.10' })).code).toBe(
      'H01.10-20260701-0000001',
    );
    // no alias: refused before the counter moves
    expect(await domainCode(accept(a, '2026-07-01T08:00:00+07:00', { schemes }))).toBe('AGENCY_CODE_INVALID');
    expect(
      await lastDossierSequence(db, {
        agencyId: a.id,
        scheme: 'SHORT-YYYYMMDD-NNNNNNN',
        receivedOn: '2026-07-01',
      }),
    ).toBe(1);
  });

  it('refuses the remote-issued scheme and calls outside a transaction', async () => {
    const schemes: SchemeChoice[] = [{ schemeId: 'REMOTE-ISSUED', validFrom: null, validTo: null }];
    expect(await domainCode(accept(a, '2026-08-01T08:00:00+07:00', { schemes, short: 'H01.10' }))).toBe(
      'SCHEME_REMOTE',
    );
    await expect(
      nextDossierCode(db as Db, {
        agencyId: a.id,
        agencyCode: a.identifier,
        receivedAt: Date.parse('2024-03-15T08:00:00+07:00'),
        utcOffsetMinutes: VN,
      }),
    ).rejects.toBeInstanceOf(DossierCodeUsageError);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from dossier_code_sequences where scope_date in ('2026-08-01', '2024-03-15')`.execute(
      db,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
