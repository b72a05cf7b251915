/**
 * What the dossier generator draws dossiers from: every procedure an agency implements with an
 * intake workflow (its own, or for a commune without one the workflow of another commune for the
 * same procedure), the performers of each step as the server resolves them (world.ts
 * performerOf), and an officer for each performer. Agencies the demo left without staff get one
 * generated officer per role and place (flagged is_demo, the demo password), so that every
 * assignee and every actor in the generated logs is a real account.
 */
import { ROLE_LABELS, type Role, type WorkflowDefinition } from '@motcua/core';
import { sql } from 'kysely';
import { hashPassword } from '../packages/server/src/auth/passwords.js';
import type { Db } from '../packages/server/src/db/client.js';
import { DEMO_PASSWORD } from '../packages/server/src/modules/demo/definitions.js';
import { MAX_STEPS, prng, type Shape } from './dossier-templates.js';

/**
 * Share of the intake per procedure (national code), roughly as a province's one-stop units see
 * it: certifications dominate, then civil status, land and business. Procedures not listed weigh 1.
 * `payment`: the procedure has a financial obligation that stops the clock (land use levy).
 */
export const PROCEDURE_MIX: Record<string, { weight: number; payment?: boolean }> = {
  '2.000815': { weight: 28 }, // chứng thực bản sao từ bản chính
  '2.000884': { weight: 8 }, // chứng thực chữ ký
  '1.001193': { weight: 9 }, // đăng ký khai sinh
  '1.000894': { weight: 3 }, // đăng ký kết hôn
  '1.000656': { weight: 3 }, // đăng ký khai tử
  '2.000635': { weight: 12 }, // cấp bản sao trích lục hộ tịch (xã và Sở Tư pháp)
  '1.001612': { weight: 6 }, // đăng ký hộ kinh doanh
  '1.013225': { weight: 4 }, // giấy phép xây dựng (xã)
  '1.013978': { weight: 7, payment: true }, // đăng ký đất đai lần đầu (liên thông)
  '1.012783': { weight: 14 }, // cấp đổi Giấy chứng nhận
  '1.013236': { weight: 2 }, // giấy phép xây dựng (Sở)
};

/** One kind of dossier: a procedure at an agency, with the performer of each step. */
export interface Kind {
  id: number;
  tenantId: number;
  procedureId: number;
  procedureCode: string;
  versionId: number | null;
  workflowId: number | null;
  receivingAgencyId: number;
  competentAgencyId: number;
  shape: number;
  weight: number;
  receptionPoints: number[];
  place: string;
  competentIdentifier: string;
  receivingIdentifier: string;
  /** per step index (MAX_STEPS long, as text for format()) */
  staff: string[];
  identifiers: string[];
  stepAgencies: string[];
  stepDepartments: string[];
}

export interface World {
  shapes: Shape[];
  kinds: Kind[];
  staffCreated: number;
}

interface Implementation {
  tenant_id: number;
  agency_id: number;
  procedure_id: number;
  code: string;
  current_version_id: number | null;
  workflow_id: number | null;
  definition: WorkflowDefinition | null;
  limit_hours: string | number | null;
  longest_path_hours: string | number | null;
  identifier: string;
  level: string;
  place: string;
}

interface PerformerPlace {
  tenantId: number;
  agencyId: number;
  departmentId: number | null;
  role: Role;
}

const placeKey = (p: PerformerPlace) => `${p.tenantId}:${p.agencyId}:${p.departmentId ?? '-'}:${p.role}`;

async function implementations(db: Db, tenantIds: number[]): Promise<Implementation[]> {
  const rows = await sql<Implementation>`
    select i.tenant_id, i.agency_id, i.procedure_id, p.code, p.current_version_id, i.workflow_id,
           w.definition, w.limit_hours, w.longest_path_hours, a.identifier, a.level, u.full_name as place
    from procedure_implementations i
    join procedures p on p.id = i.procedure_id
    join agencies a on a.id = i.agency_id
    join admin_units u on u.id = a.admin_unit_id
    left join workflows w on w.id = i.workflow_id
    where i.active and i.tenant_id = any(${tenantIds}::int[])
    order by i.tenant_id, p.code, a.identifier`.execute(db);
  // a commune without a workflow of its own follows its peers' (they share the demo definitions)
  const borrowed = new Map<string, Implementation>();
  for (const r of rows.rows)
    if (r.definition)
      borrowed.set(
        `${r.tenant_id}:${r.procedure_id}:${r.level}`,
        borrowed.get(`${r.tenant_id}:${r.procedure_id}:${r.level}`) ?? r,
      );
  return rows.rows.flatMap((r) => {
    if (r.definition) return [r];
    const peer = borrowed.get(`${r.tenant_id}:${r.procedure_id}:${r.level}`);
    if (!peer || r.level !== 'commune') return [];
    return [
      {
        ...r,
        definition: peer.definition,
        limit_hours: peer.limit_hours,
        longest_path_hours: peer.longest_path_hours,
      },
    ];
  });
}

/** Tenants, agencies by identifier, departments by agency and code, officers by place, reception points. */
async function directory(db: Db, tenantIds: number[]) {
  const agencies = await db
    .selectFrom('agencies')
    .select(['id', 'tenant_id', 'identifier', 'name', 'short_name'])
    .where('tenant_id', 'in', tenantIds)
    .execute();
  const departments = await db
    .selectFrom('departments')
    .select(['id', 'agency_id', 'code'])
    .where('tenant_id', 'in', tenantIds)
    .execute();
  const points = await db
    .selectFrom('reception_points')
    .select(['id', 'agency_id'])
    .where('tenant_id', 'in', tenantIds)
    .orderBy('id')
    .execute();
  const byIdentifier = new Map(agencies.map((a) => [`${a.tenant_id}:${a.identifier}`, a]));
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const department = new Map(departments.map((d) => [`${d.agency_id}:${d.code}`, d.id]));
  const pointsOf = new Map<number, number[]>();
  for (const p of points) pointsOf.set(p.agency_id, [...(pointsOf.get(p.agency_id) ?? []), p.id]);
  return { byIdentifier, byId, department, pointsOf };
}

async function officers(db: Db, tenantIds: number[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('staff_positions as p')
    .innerJoin('staff as s', 's.id', 'p.staff_id')
    .select(['p.tenant_id', 'p.staff_id', 'p.agency_id', 'p.department_id', 'p.role', 'p.scope'])
    .where('s.active', '=', true)
    .where('p.tenant_id', 'in', tenantIds)
    .orderBy('p.staff_id')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) {
    const role = r.role as Role;
    // a department position performs its department's steps and the agency-wide ones
    const exact = placeKey({
      tenantId: r.tenant_id,
      agencyId: r.agency_id,
      departmentId: r.department_id,
      role,
    });
    const agencyWide = placeKey({ tenantId: r.tenant_id, agencyId: r.agency_id, departmentId: null, role });
    if (!out.has(exact)) out.set(exact, r.staff_id);
    if (!out.has(agencyWide)) out.set(agencyWide, r.staff_id);
  }
  return out;
}

/** One officer for each place nobody holds; returns how many were created. */
async function createOfficers(
  db: Db,
  missing: PerformerPlace[],
  names: Map<number, string>,
  departmentCodes: Map<number, string>,
): Promise<number> {
  if (!missing.length) return 0;
  const username = (p: PerformerPlace) => {
    const dep = p.departmentId
      ? `.${(departmentCodes.get(p.departmentId) ?? String(p.departmentId)).toLowerCase()}`
      : '';
    return `gen.${p.role}.${p.agencyId}${dep}`;
  };
  const existing = await db
    .selectFrom('staff')
    .select('password_hash')
    .where('is_demo', '=', true)
    .executeTakeFirst();
  const passwordHash = existing?.password_hash ?? (await hashPassword(DEMO_PASSWORD));
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    const staff = await db
      .insertInto('staff')
      .values(
        chunk.map((p) => ({
          tenant_id: p.tenantId,
          username: username(p),
          full_name: `${ROLE_LABELS[p.role].vi} (${names.get(p.agencyId) ?? p.agencyId})`.slice(0, 200),
          email: null,
          phone: null,
          password_hash: passwordHash,
          is_demo: true,
        })),
      )
      .onConflict((oc) => oc.column('username').doNothing())
      .returning(['id', 'username'])
      .execute();
    const idOf = new Map(staff.map((s) => [s.username, s.id]));
    const positions = chunk.flatMap((p) => {
      const id = idOf.get(username(p));
      if (id === undefined) return [];
      return [
        {
          tenant_id: p.tenantId,
          staff_id: id,
          agency_id: p.agencyId,
          department_id: p.departmentId,
          role: p.role,
          scope: p.departmentId ? ('department' as const) : ('agency' as const),
          title: ROLE_LABELS[p.role].vi,
        },
      ];
    });
    if (positions.length) await db.insertInto('staff_positions').values(positions).execute();
  }
  return missing.length;
}

/** The kinds of dossier the tenants can receive, their workflows as shapes, and their officers. */
export async function loadWorld(db: Db, tenantIds: number[], seed: number): Promise<World> {
  const impls = (await implementations(db, tenantIds)).filter((r) => {
    const def = r.definition!;
    const start = def.steps.find((s) => s.code === def.start);
    // liên thông targets start where a parent dossier hands over: they receive nothing at a counter
    return start?.kind === 'task' && start.role === 'receiving_officer' && def.steps.length <= MAX_STEPS;
  });
  const dir = await directory(db, tenantIds);
  const shapes: Shape[] = [];
  const shapeOf = new Map<string, number>();
  const random = prng(seed);
  const agencyFactor = new Map<number, number>();
  const perProcedure = new Map<string, number>();
  for (const r of impls)
    perProcedure.set(`${r.tenant_id}:${r.code}`, (perProcedure.get(`${r.tenant_id}:${r.code}`) ?? 0) + 1);

  type Draft = Omit<Kind, 'staff'> & { places: (PerformerPlace | null)[] };
  const drafts: Draft[] = [];
  for (const r of impls) {
    const def = r.definition!;
    const mix = PROCEDURE_MIX[r.code] ?? { weight: 1 };
    const limitHours = Number(r.limit_hours ?? r.longest_path_hours ?? 40) || 40;
    const key = `${JSON.stringify(def)}|${limitHours}|${Boolean(mix.payment)}`;
    let shape = shapeOf.get(key);
    if (shape === undefined) {
      shape = shapes.length;
      shapes.push({ id: shape, definition: def, limitHours, payment: Boolean(mix.payment) });
      shapeOf.set(key, shape);
    }
    const agencyOf = (identifier: string) => {
      const a = dir.byIdentifier.get(`${r.tenant_id}:${identifier}`);
      if (!a)
        throw new Error(`workflow of ${r.code} at ${r.identifier} names an unknown agency ${identifier}`);
      return a;
    };
    const start = def.steps.find((s) => s.code === def.start)!;
    // the one-stop unit the workflow names (a provincial service centre), else the agency itself
    const receiving =
      start.kind === 'task' && start.agency ? agencyOf(start.agency) : dir.byId.get(r.agency_id)!;
    const competent = dir.byId.get(r.agency_id)!;
    const places = def.steps.map((s): PerformerPlace | null => {
      if (s.kind === 'joint') return null;
      if (s.role === 'receiving_officer')
        return { tenantId: r.tenant_id, agencyId: receiving.id, departmentId: null, role: s.role };
      const agency = s.agency ? agencyOf(s.agency) : competent;
      const departmentId = s.department ? (dir.department.get(`${agency.id}:${s.department}`) ?? null) : null;
      return { tenantId: r.tenant_id, agencyId: agency.id, departmentId, role: s.role };
    });
    const pad = <T>(xs: T[], fill: T) => [...xs, ...Array(MAX_STEPS - xs.length).fill(fill)];
    if (!agencyFactor.has(r.agency_id)) agencyFactor.set(r.agency_id, 0.4 + 1.2 * random());
    drafts.push({
      id: drafts.length + 1,
      tenantId: r.tenant_id,
      procedureId: r.procedure_id,
      procedureCode: r.code,
      versionId: r.current_version_id,
      workflowId: r.workflow_id,
      receivingAgencyId: receiving.id,
      competentAgencyId: competent.id,
      shape,
      weight: (mix.weight * agencyFactor.get(r.agency_id)!) / perProcedure.get(`${r.tenant_id}:${r.code}`)!,
      receptionPoints: dir.pointsOf.get(receiving.id) ?? [],
      place: r.place,
      competentIdentifier: competent.identifier,
      receivingIdentifier: receiving.identifier,
      identifiers: pad(
        def.steps.map((s, i) =>
          s.kind === 'joint' ? agencyOf(s.agency).identifier : dir.byId.get(places[i]!.agencyId)!.identifier,
        ),
        '',
      ),
      stepAgencies: pad(
        def.steps.map((s, i) => String(s.kind === 'joint' ? agencyOf(s.agency).id : places[i]!.agencyId)),
        'null',
      ),
      stepDepartments: pad(
        places.map((p) => (p?.departmentId ? String(p.departmentId) : 'null')),
        'null',
      ),
      places,
    });
  }

  let held = await officers(db, tenantIds);
  const missing = new Map<string, PerformerPlace>();
  for (const d of drafts)
    for (const p of d.places) if (p && !held.has(placeKey(p))) missing.set(placeKey(p), p);
  const names = new Map([...dir.byId].map(([id, a]) => [id, a.short_name ?? a.name]));
  const codes = new Map<number, string>();
  for (const [k, id] of dir.department) codes.set(id, k.split(':')[1]!);
  const staffCreated = await createOfficers(db, [...missing.values()], names, codes);
  if (staffCreated) held = await officers(db, tenantIds);
  const kinds = drafts.map(({ places, ...d }) => ({
    ...d,
    staff: [
      ...places.map((p) => {
        if (!p) return '0';
        const id = held.get(placeKey(p));
        if (id === undefined) throw new Error(`no officer for ${placeKey(p)}`);
        return String(id);
      }),
      ...Array(MAX_STEPS - places.length).fill('0'),
    ],
  }));
  return { shapes, kinds, staffCreated };
}
