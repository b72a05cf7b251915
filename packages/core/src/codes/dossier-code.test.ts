import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agencyCodeFor,
  checkSchemeChoices,
  DOSSIER_CODE_SCHEMES,
  type DossierCodeError,
  dossierCodeTemplate,
  type DossierCodeScheme,
  formatDossierCode,
  parseDossierCode,
  receiptDateOf,
  type SchemeChoice,
  schemeFor,
} from './dossier-code.js';

const OLD = DOSSIER_CODE_SCHEMES['AGENCY-YYMMDD-NNNN'];
const NEW = DOSSIER_CODE_SCHEMES['SHORT-YYYYMMDD-NNNNNNN'];
const REMOTE = DOSSIER_CODE_SCHEMES['REMOTE-ISSUED'];
const ALL: DossierCodeScheme[] = [OLD, NEW, REMOTE];

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as DossierCodeError).code;
  }
  return undefined;
}

// Arbitraries: a valid date 2000–2099, agency segments each scheme accepts, sequences within width.
const date = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const alnum = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: n, maxLength: n });
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
// identifiers that respect the tree rule: a used lower level needs used higher levels
const identifier = fc
  .tuple(fc.integer({ min: 1, max: 3 }), alnum(3), alnum(2), alnum(2), fc.constantFrom('G', 'H'), digits(2))
  .map(([depth, l4, l3, l2, g, n]) => {
    const nz = (s: string) => (/^0+$/.test(s) ? `${s.slice(0, -1)}1` : s);
    const lv2 = depth >= 1 ? nz(l2) : '00';
    const lv3 = depth >= 2 ? nz(l3) : '00';
    const lv4 = depth >= 3 ? nz(l4) : '000';
    return `${lv4}.${lv3}.${lv2}.${g}${n}`;
  });
const shortCode = fc
  .tuple(fc.constantFrom('G', 'H'), digits(2), fc.array(alnum(2), { maxLength: 3 }))
  .map(([g, n, rest]) => [`${g}${n}`, ...rest].join('.'));
const agencyFor = (s: DossierCodeScheme) => (s.pattern.includes('{short}') ? shortCode : identifier);
const seqFor = (s: DossierCodeScheme) => fc.integer({ min: 1, max: 10 ** s.width - 1 });

describe('the code template a store fills in (dossierCodeTemplate)', () => {
  for (const scheme of [OLD, NEW])
    it(`${scheme.id}: the number put in its place gives formatDossierCode's code`, () => {
      fc.assert(
        fc.property(agencyFor(scheme), date, seqFor(scheme), (agencyCode, d, sequence) => {
          const t = dossierCodeTemplate(scheme, { agencyCode, date: d });
          // as the store does it: lpad to the width, then replace every {seq}
          const code = t.template.replaceAll('{seq}', String(sequence).padStart(t.width, '0'));
          expect(code).toBe(formatDossierCode(scheme, { agencyCode, date: d, sequence }));
          expect(t.max).toBe(10 ** scheme.width - 1);
        }),
      );
    });

  it('refuses what formatDossierCode refuses, before any number is taken', () => {
    expect(codeOf(() => dossierCodeTemplate(OLD, { agencyCode: 'nope', date: '2026-12-07' }))).toBe(
      'AGENCY_CODE_INVALID',
    );
    expect(codeOf(() => dossierCodeTemplate(OLD, { agencyCode: '000.00.01.H26', date: '2026-13-01' }))).toBe(
      'DATE_INVALID',
    );
  });
});

describe('dossier code format (CODES.md §1)', () => {
  it('prints the real pre-2025 example', () => {
    expect(formatDossierCode(OLD, { agencyCode: '000.A0.01.H26', date: '2021-02-12', sequence: 9090 })).toBe(
      '000.A0.01.H26-210212-9090',
    );
  });

  it('prints the 2026 variant', () => {
    expect(formatDossierCode(NEW, { agencyCode: 'G09.20', date: '2026-06-09', sequence: 92637 })).toBe(
      'G09.20-20260609-0092637',
    );
  });

  it('parses the real examples', () => {
    expect(parseDossierCode('000.A0.01.H26-210212-9090')).toEqual({
      ok: true,
      value: {
        scheme: 'AGENCY-YYMMDD-NNNN',
        agencyCode: '000.A0.01.H26',
        date: '2021-02-12',
        sequence: 9090,
      },
    });
    expect(parseDossierCode(' g09.20-20260609-0092637 ')).toEqual({
      ok: true,
      value: { scheme: 'SHORT-YYYYMMDD-NNNNNNN', agencyCode: 'G09.20', date: '2026-06-09', sequence: 92637 },
    });
  });

  it('never wraps: 9999 is the last 4-digit number, 10000 is SEQUENCE_OVERFLOW', () => {
    const parts = { agencyCode: '000.00.01.H22', date: '2024-05-02' };
    expect(formatDossierCode(OLD, { ...parts, sequence: 9999 })).toBe('000.00.01.H22-240502-9999');
    expect(codeOf(() => formatDossierCode(OLD, { ...parts, sequence: 10_000 }))).toBe('SEQUENCE_OVERFLOW');
    expect(
      codeOf(() => formatDossierCode(NEW, { ...parts, agencyCode: 'H22.01', sequence: 10_000_000 })),
    ).toBe('SEQUENCE_OVERFLOW');
  });

  it.each([
    [OLD, '000.00.01.H22', '2024-05-02', 0, 'SEQUENCE_INVALID'],
    [OLD, '000.00.01.H22', '2024-05-02', 1.5, 'SEQUENCE_INVALID'],
    [OLD, '000.00.01.h22', '2024-05-02', 1, 'AGENCY_CODE_INVALID'],
    [OLD, '000.A0.00.H26', '2024-05-02', 1, 'AGENCY_CODE_INVALID'],
    [OLD, 'G09.20', '2024-05-02', 1, 'AGENCY_CODE_INVALID'],
    [NEW, '000.00.01.H22', '2026-05-02', 1, 'AGENCY_CODE_INVALID'],
    [NEW, 'G09-20', '2026-05-02', 1, 'AGENCY_CODE_INVALID'],
    [OLD, '000.00.01.H22', '2024-02-30', 1, 'DATE_INVALID'],
    [OLD, '000.00.01.H22', '1999-12-31', 1, 'DATE_INVALID'],
  ] as const)('%s refuses %s %s #%s with %s', (scheme, agencyCode, date, sequence, code) => {
    expect(codeOf(() => formatDossierCode(scheme, { agencyCode, date, sequence }))).toBe(code);
  });

  it('refuses a date outside the scheme configured validity', () => {
    const s = { ...NEW, validFrom: '2026-07-01' };
    const parts = { agencyCode: 'G09.20', sequence: 1 };
    expect(codeOf(() => formatDossierCode(s, { ...parts, date: '2026-06-30' }))).toBe('DATE_OUTSIDE_SCHEME');
    expect(formatDossierCode(s, { ...parts, date: '2026-07-01' })).toBe('G09.20-20260701-0000001');
  });

  it.each([
    ['', 'CODE_INVALID'],
    ['000.A0.01.H26-210212-909', 'CODE_INVALID'],
    ['000.A0.01.H26-2102129-9090', 'CODE_INVALID'],
    ['000.A0.01.H26_210212_9090', 'CODE_INVALID'],
    ['000.A0.01.H26-210230-9090', 'DATE_INVALID'],
    ['000.A0.01.H26-210212-0000', 'SEQUENCE_INVALID'],
    ['000.A0.00.H26-210212-9090', 'AGENCY_CODE_INVALID'],
  ])('parse refuses %j with %s', (raw, code) => {
    const r = parseDossierCode(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.messageVi.length).toBeGreaterThan(0);
    }
  });
});

describe('dossier code properties', () => {
  for (const scheme of ALL) {
    it(`${scheme.id}: parse(format(x)) = x`, () => {
      fc.assert(
        fc.property(agencyFor(scheme), date, seqFor(scheme), (agencyCode, d, sequence) => {
          const code = formatDossierCode(scheme, { agencyCode, date: d, sequence });
          expect(parseDossierCode(code, [scheme])).toEqual({
            ok: true,
            value: { scheme: scheme.id, agencyCode, date: d, sequence },
          });
          // with every scheme on offer the parts still read back (the scheme may be a same-shape one)
          const any = parseDossierCode(code);
          expect(any.ok && { ...any.value, scheme: scheme.id }).toEqual({
            scheme: scheme.id,
            agencyCode,
            date: d,
            sequence,
          });
        }),
        { numRuns: 300 },
      );
    });

    it(`${scheme.id}: codes of one agency and day sort by sequence`, () => {
      fc.assert(
        fc.property(
          agencyFor(scheme),
          date,
          fc.uniqueArray(seqFor(scheme), { minLength: 2, maxLength: 30 }),
          (agencyCode, d, seqs) => {
            const codes = seqs.map((sequence) =>
              formatDossierCode(scheme, { agencyCode, date: d, sequence }),
            );
            const byText = [...codes].sort();
            const bySeq = [...seqs]
              .sort((a, b) => a - b)
              .map((sequence) => formatDossierCode(scheme, { agencyCode, date: d, sequence }));
            expect(byText).toEqual(bySeq);
          },
        ),
        { numRuns: 200 },
      );
    });

    it(`${scheme.id}: distinct (agency, date, sequence) give distinct codes`, () => {
      const triple = fc.tuple(agencyFor(scheme), date, seqFor(scheme));
      fc.assert(
        fc.property(triple, triple, (a, b) => {
          fc.pre(a.join('|') !== b.join('|'));
          const fa = formatDossierCode(scheme, { agencyCode: a[0], date: a[1], sequence: a[2] });
          const fb = formatDossierCode(scheme, { agencyCode: b[0], date: b[1], sequence: b[2] });
          expect(fa).not.toBe(fb);
        }),
        { numRuns: 500 },
      );
      // near misses that a naive format could merge: same agency, neighbouring days and numbers
      fc.assert(
        fc.property(agencyFor(scheme), date, seqFor(scheme), (agencyCode, d, sequence) => {
          const max = 10 ** scheme.width - 1;
          const next = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          const days = next <= '2099-12-31' ? [d, next] : [d];
          const seqs = sequence < max ? [sequence, sequence + 1] : [sequence];
          const codes = new Set(
            days.flatMap((day) =>
              seqs.map((s) => formatDossierCode(scheme, { agencyCode, date: day, sequence: s })),
            ),
          );
          expect(codes.size).toBe(days.length * seqs.length);
        }),
      );
    });
  }

  it('a code of one local scheme never reads as the other', () => {
    fc.assert(
      fc.property(identifier, shortCode, date, fc.integer({ min: 1, max: 9999 }), (id, short, d, n) => {
        const oldCode = formatDossierCode(OLD, { agencyCode: id, date: d, sequence: n });
        const newCode = formatDossierCode(NEW, { agencyCode: short, date: d, sequence: n });
        expect(parseDossierCode(oldCode, [NEW]).ok).toBe(false);
        expect(parseDossierCode(newCode, [OLD]).ok).toBe(false);
      }),
    );
  });
});

describe('scheme selection', () => {
  it('defaults to AGENCY-YYMMDD-NNNN on every date, 2026 included', () => {
    for (const d of ['2019-01-01', '2025-07-01', '2026-06-09', '2031-12-31'])
      expect(schemeFor(d, '000.00.01.H22')).toMatchObject({ id: 'AGENCY-YYMMDD-NNNN', width: 4 });
  });

  const cutOver: SchemeChoice[] = [
    { schemeId: 'AGENCY-YYMMDD-NNNN', validFrom: null, validTo: '2026-06-30' },
    { schemeId: 'SHORT-YYYYMMDD-NNNNNNN', validFrom: '2026-07-01', validTo: null },
    { schemeId: 'REMOTE-ISSUED', validFrom: '2026-01-01', validTo: null, agencies: ['000.00.20.G09'] },
  ];

  it('follows a deployment cut-over with the configured validity', () => {
    expect(checkSchemeChoices(cutOver)).toEqual([]);
    expect(schemeFor('2026-06-30', '000.00.01.H22', cutOver).id).toBe('AGENCY-YYMMDD-NNNN');
    const s = schemeFor('2026-07-01', '000.00.01.H22', cutOver);
    expect(s).toMatchObject({
      id: 'SHORT-YYYYMMDD-NNNNNNN',
      width: 7,
      validFrom: '2026-07-01',
      validTo: null,
    });
  });

  it('an agency-specific line wins over the general one (selection by receiving agency)', () => {
    expect(schemeFor('2026-03-01', '000.00.20.G09', cutOver)).toMatchObject({
      id: 'REMOTE-ISSUED',
      sequenceScope: 'remote',
    });
    expect(schemeFor('2025-12-31', '000.00.20.G09', cutOver).id).toBe('AGENCY-YYMMDD-NNNN');
  });

  it('refuses gaps and overlaps in the configuration instead of guessing', () => {
    const gap: SchemeChoice[] = [{ schemeId: 'AGENCY-YYMMDD-NNNN', validFrom: '2026-01-01', validTo: null }];
    expect(codeOf(() => schemeFor('2025-12-31', '000.00.01.H22', gap))).toBe('NO_SCHEME');
    const both: SchemeChoice[] = [
      { schemeId: 'AGENCY-YYMMDD-NNNN', validFrom: null, validTo: '2026-07-01' },
      { schemeId: 'SHORT-YYYYMMDD-NNNNNNN', validFrom: '2026-07-01', validTo: null },
    ];
    expect(codeOf(() => schemeFor('2026-07-01', '000.00.01.H22', both))).toBe('SCHEME_AMBIGUOUS');
    expect(checkSchemeChoices(both)).toEqual(['#0 and #1 overlap in time for the same agencies']);
    expect(
      checkSchemeChoices([{ schemeId: 'NOPE' as never, validFrom: '2026-02-30', validTo: '2026-01-01' }]),
    ).toHaveLength(3);
    expect(codeOf(() => schemeFor('2026-13-01', '000.00.01.H22'))).toBe('DATE_INVALID');
  });

  it('prints the alias for short-code schemes and refuses a missing one', () => {
    const agency = { identifier: '000.00.20.G09', shortCode: 'G09.20' };
    expect(agencyCodeFor(OLD, agency)).toBe('000.00.20.G09');
    expect(agencyCodeFor(NEW, agency)).toBe('G09.20');
    expect(codeOf(() => agencyCodeFor(NEW, { identifier: '000.00.20.G09', shortCode: null }))).toBe(
      'AGENCY_CODE_INVALID',
    );
  });
});

describe('receipt date', () => {
  it('is the local day at UTC+7, not the UTC day', () => {
    // 23:30 on 12 Feb 2021 in Hà Nội is 16:30 UTC the same day; 00:30 on 13 Feb is 17:30 UTC on the 12th
    expect(receiptDateOf(Date.parse('2021-02-12T23:30:00+07:00'), 420)).toBe('2021-02-12');
    expect(receiptDateOf(Date.parse('2021-02-13T00:30:00+07:00'), 420)).toBe('2021-02-13');
    expect(receiptDateOf(Date.parse('2021-02-12T17:00:00Z'), 420)).toBe('2021-02-13');
    expect(receiptDateOf(Date.parse('2021-02-12T16:59:59.999Z'), 420)).toBe('2021-02-12');
  });
});
