import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from './roles.js';
import { canAct, type Position, positionCovers, type ResolvedTarget } from './scope.js';

// Units: 1 = province, 10 = a commune in it, 20 = another commune; agencies 100 (province), 200 (commune 10)
const provinceAdmin: Position = {
  role: 'admin',
  scope: 'unit_subtree',
  tenantId: 1,
  agencyId: 100,
  departmentId: null,
  agencyUnitId: 1,
};
const communeAdmin: Position = { ...provinceAdmin, agencyId: 200, agencyUnitId: 10 };
const specialist: Position = {
  role: 'specialist',
  scope: 'department',
  tenantId: 1,
  agencyId: 100,
  departmentId: 7,
  agencyUnitId: 1,
};
const inCommune10: ResolvedTarget = {
  tenantId: 1,
  agencyId: 200,
  departmentId: null,
  unitAncestorIds: [1, 10],
};
const inCommune20: ResolvedTarget = {
  tenantId: 1,
  agencyId: 300,
  departmentId: null,
  unitAncestorIds: [1, 20],
};

describe('positions and their reach', () => {
  it('a provincial administrator reaches every commune of the province', () => {
    expect(positionCovers(provinceAdmin, inCommune10)).toBe(true);
    expect(positionCovers(provinceAdmin, inCommune20)).toBe(true);
  });
  it('a commune administrator reaches only its own commune', () => {
    expect(positionCovers(communeAdmin, inCommune10)).toBe(true);
    expect(positionCovers(communeAdmin, inCommune20)).toBe(false);
  });
  it('a department-scoped position reaches only its department', () => {
    expect(
      positionCovers(specialist, { tenantId: 1, agencyId: 100, departmentId: 7, unitAncestorIds: [1] }),
    ).toBe(true);
    expect(
      positionCovers(specialist, { tenantId: 1, agencyId: 100, departmentId: 8, unitAncestorIds: [1] }),
    ).toBe(false);
    expect(
      positionCovers(specialist, { tenantId: 1, agencyId: 100, departmentId: null, unitAncestorIds: [1] }),
    ).toBe(false);
  });
  it('never crosses deployments', () => {
    expect(positionCovers(provinceAdmin, { ...inCommune10, tenantId: 2 })).toBe(false);
  });
  it('needs the role as well as the reach', () => {
    expect(canAct([provinceAdmin], ['admin'], inCommune10)).toBe(true);
    expect(canAct([provinceAdmin], ['specialist'], inCommune10)).toBe(false);
    expect(canAct([], ['admin'], null)).toBe(false);
  });
  it('a role missing from the request never grants access, whatever the positions', () => {
    const position = fc.record({
      role: fc.constantFrom(...ROLES),
      scope: fc.constantFrom('department', 'agency', 'unit_subtree' as const),
      tenantId: fc.nat(3),
      agencyId: fc.nat(5),
      departmentId: fc.option(fc.nat(5)),
      agencyUnitId: fc.nat(5),
    });
    fc.assert(
      fc.property(fc.array(position), fc.subarray([...ROLES]), (positions, roles) => {
        const allowed = canAct(positions as Position[], roles, null);
        expect(allowed).toBe(positions.some((p) => roles.includes(p.role)));
      }),
    );
  });
});
