/**
 * Who may act where. A position is an agency (or one of its departments) plus a role and a reach;
 * a target is the agency, department or administrative unit a request touches, resolved by the
 * server. Pure, so the browser hides exactly the buttons the server would refuse.
 */
import type { Role, Scope } from './roles.js';

export interface Position {
  role: Role;
  scope: Scope;
  tenantId: number;
  agencyId: number;
  departmentId: number | null;
  /** The administrative unit the position's agency is attached to. */
  agencyUnitId: number;
}

export interface ResolvedTarget {
  /** Null for national reference data (administrative units), which no deployment owns. */
  tenantId: number | null;
  agencyId: number | null;
  departmentId: number | null;
  /** Ancestors of the target's administrative unit, root first, itself last. */
  unitAncestorIds: readonly number[];
}

export function positionCovers(p: Position, t: ResolvedTarget): boolean {
  if (t.tenantId !== null && p.tenantId !== t.tenantId) return false;
  switch (p.scope) {
    case 'department':
      return t.departmentId !== null && t.departmentId === p.departmentId && t.agencyId === p.agencyId;
    case 'agency':
      return t.agencyId !== null && t.agencyId === p.agencyId;
    case 'unit_subtree':
      return t.unitAncestorIds.includes(p.agencyUnitId);
  }
}

/** True when one of the positions holds one of the roles and reaches the target. */
export function canAct(
  positions: readonly Position[],
  roles: readonly Role[],
  target: ResolvedTarget | null,
): boolean {
  return positions.some((p) => roles.includes(p.role) && (target === null || positionCovers(p, target)));
}

/**
 * What the positions holding one of the roles reach, in the form SQL list filters need: whole unit
 * subtrees, single agencies and single departments.
 */
export function reachOf(positions: readonly Position[], roles: readonly Role[]) {
  const unitIds = new Set<number>();
  const agencyIds = new Set<number>();
  const departmentIds = new Set<number>();
  for (const p of positions) {
    if (!roles.includes(p.role)) continue;
    if (p.scope === 'unit_subtree') unitIds.add(p.agencyUnitId);
    else if (p.scope === 'agency') agencyIds.add(p.agencyId);
    else if (p.departmentId !== null) departmentIds.add(p.departmentId);
  }
  return { unitIds: [...unitIds], agencyIds: [...agencyIds], departmentIds: [...departmentIds] };
}
