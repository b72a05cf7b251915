import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAgencyIdentifier, parentAgencyIdentifier, parseAgencyIdentifier } from './agency-identifier.js';

describe('agency identifiers (Decision 20/2020/QĐ-TTg)', () => {
  it.each([
    '000.00.00.G22', // Office of the Government
    '000.00.18.G12', // General Department of Taxation
    '000.A0.01.H26', // a Hà Nội unit
    '000.00.01.H22',
  ])('accepts the real identifier %s', (code) => {
    expect(isAgencyIdentifier(code)).toBe(true);
  });

  it('normalises case and surrounding spaces', () => {
    const r = parseAgencyIdentifier(' 000.a0.01.h26 ');
    expect(r).toMatchObject({ ok: true, value: '000.A0.01.H26' });
  });

  it.each([
    ['', 'FORMAT'],
    ['H26', 'FORMAT'],
    ['000.00.00.H2', 'FORMAT'],
    ['000-00-00-H26', 'FORMAT'],
    ['000.00.00.X26', 'LEVEL1'],
    ['000.00.00.HAB', 'FORMAT'],
    ['000.A0.00.H26', 'GAP'],
    ['001.00.05.H26', 'GAP'],
  ])('rejects %s with %s', (code, problem) => {
    const r = parseAgencyIdentifier(code);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(problem);
      expect(r.problem.messageVi.length).toBeGreaterThan(0);
    }
  });

  it('walks up the identifier tree', () => {
    expect(parentAgencyIdentifier('001.A0.01.H26')).toBe('000.A0.01.H26');
    expect(parentAgencyIdentifier('000.A0.01.H26')).toBe('000.00.01.H26');
    expect(parentAgencyIdentifier('000.00.01.H26')).toBe('000.00.00.H26');
    expect(parentAgencyIdentifier('000.00.00.H26')).toBeNull();
  });

  it('every parent of a valid identifier is valid, and the walk ends at level 1', () => {
    const seg = (n: number) => fc.stringMatching(new RegExp(`^[0-9A-Z]{${n}}$`));
    const code = fc
      .tuple(seg(3), seg(2), seg(2), fc.constantFrom('G', 'H'), fc.integer({ min: 0, max: 99 }))
      .map(([a, b, c, l, n]) => `${a}.${b}.${c}.${l}${String(n).padStart(2, '0')}`)
      .filter(isAgencyIdentifier);
    fc.assert(
      fc.property(code, (c) => {
        let current: string | null = c;
        let steps = 0;
        while (current !== null) {
          expect(isAgencyIdentifier(current)).toBe(true);
          current = parentAgencyIdentifier(current);
          steps++;
        }
        expect(steps).toBeLessThanOrEqual(4);
      }),
    );
  });
});
