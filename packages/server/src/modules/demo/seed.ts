/**
 * Creates the demo deployments once (idempotent by tenant code):
 * - `ha-noi`: Hà Nội as it is since 1 July 2025 (two levels): provincial agencies, the provincial
 *   Public Administration Service Centre with branches, every commune and ward with its People's
 *   Committee and service centre, and staff for every role;
 * - `ha-noi-3cap`: Hà Nội before the reform (three levels) with Quận Hoàn Kiếm, Huyện Thanh Oai
 *   and Huyện Mỹ Đức, to show the same system serving three levels.
 */
import { parseAgencyIdentifier } from '@motcua/core';
import { hashPassword } from '../../auth/passwords.js';
import type { Db } from '../../db/client.js';
import type { AgencyKind, AgencyLevel, ReceptionPointKind } from '../../db/schema.js';
import * as org from '../org/repository.js';
import { seedDemoCatalogue } from './catalogue.js';
import { seedDemoCitizens } from './citizens.js';
import {
  COMMUNE_DEPARTMENTS,
  DEMO_PASSWORD,
  type DemoAccount,
  type DemoAgency,
  DISTRICT_DEPARTMENTS,
  HANOI_PROVINCIAL,
  HANOI_STAFFED_COMMUNES,
  HANOI3_DISTRICTS,
  HANOI3_PROVINCIAL,
  hanoi3Accounts,
  hanoiAccounts,
} from './definitions.js';

/** Date the three-level demo lives on: the last day before the 2025 reform. */
export const THREE_LEVEL_DATE = '2025-06-30';

const b36 = (n: number) => n.toString(36).toUpperCase().padStart(2, '0');

async function unitOn(db: Db, code: string, date: string) {
  const u = await db
    .selectFrom('admin_units')
    .selectAll()
    .where('code', '=', code)
    .where(org.inForce(date))
    .executeTakeFirst();
  if (!u)
    throw new Error(
      `demo: administrative unit ${code} is not in force on ${date}; load the reference data first`,
    );
  return u;
}

async function childrenOn(db: Db, parentId: number, date: string) {
  return db
    .selectFrom('admin_units')
    .selectAll()
    .where('parent_id', '=', parentId)
    .where(org.inForce(date))
    .orderBy('code')
    .execute();
}

interface Builder {
  tenantId: number;
  agencies: Map<string, { id: number; departments: Map<string, number> }>;
  points: Map<string, number>;
}

async function addAgency(
  trx: Db,
  b: Builder,
  key: string,
  a: {
    identifier: string;
    name: string;
    shortName: string | null;
    kind: AgencyKind;
    level: AgencyLevel;
    unitId: number;
    parent: string | null;
  },
  departments: { code: string; name: string }[],
) {
  const parsed = parseAgencyIdentifier(a.identifier);
  if (!parsed.ok) throw new Error(`demo identifier ${a.identifier}: ${parsed.problem.message}`);
  const row = await org.insertAgency(trx, {
    tenantId: b.tenantId,
    identifier: parsed.value,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    level: a.level,
    adminUnitId: a.unitId,
    parentId: a.parent ? b.agencies.get(a.parent)!.id : null,
    isDemo: true,
  });
  const deps = new Map<string, number>();
  for (const d of departments) {
    const dep = await org.insertDepartment(trx, {
      tenantId: b.tenantId,
      agencyId: row.id,
      code: d.code,
      name: d.name,
    });
    deps.set(d.code, dep.id);
  }
  b.agencies.set(key, { id: row.id, departments: deps });
  return row;
}

async function addPoint(
  trx: Db,
  b: Builder,
  p: {
    code: string;
    name: string;
    kind: ReceptionPointKind;
    agency: string;
    unitId: number;
    parent?: string;
    address?: string;
  },
) {
  const row = await org.insertReceptionPoint(trx, {
    tenantId: b.tenantId,
    code: p.code,
    name: p.name,
    kind: p.kind,
    agencyId: b.agencies.get(p.agency)!.id,
    adminUnitId: p.unitId,
    parentId: p.parent ? b.points.get(p.parent)! : null,
    address: p.address ?? null,
    isDemo: true,
  });
  b.points.set(p.code, row.id);
}

async function addAccounts(trx: Db, b: Builder, accounts: DemoAccount[], passwordHash: string) {
  for (const a of accounts) {
    const agency = b.agencies.get(a.agency);
    if (!agency) throw new Error(`demo account ${a.username}: no agency ${a.agency}`);
    const staff = await org.insertStaff(trx, {
      tenantId: b.tenantId,
      username: a.username,
      fullName: a.fullName,
      // the demo's officers receive their due-date warnings through the outbox like real ones
      email: `${a.username}@example.vn`,
      phone: null,
      passwordHash,
      isDemo: true,
    });
    await org.insertPosition(trx, {
      tenantId: b.tenantId,
      staffId: staff.id,
      agencyId: agency.id,
      departmentId: a.department ? (agency.departments.get(a.department) ?? null) : null,
      receptionPointId: a.receptionPoint ? (b.points.get(a.receptionPoint) ?? null) : null,
      role: a.role,
      scope: a.scope,
      title: a.title,
    });
  }
}

async function addProvincial(trx: Db, b: Builder, list: DemoAgency[], unitId: number) {
  for (const a of list)
    await addAgency(
      trx,
      b,
      a.key,
      { ...a, level: 'province', unitId, parent: a.key === 'ubnd' ? null : 'ubnd' },
      a.departments,
    );
}

/** A deployment calendar inheriting the national one; its administrators edit it. */
async function addTenantCalendar(trx: Db, tenantId: number, code: string, name: string) {
  const national = await trx
    .selectFrom('calendars')
    .select('id')
    .where('code', '=', 'vn-public-sector')
    .executeTakeFirstOrThrow();
  return trx
    .insertInto('calendars')
    .values({ code, name, tenant_id: tenantId, parent_id: national.id, weekly_pattern: null })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function seedTwoLevel(trx: Db, date: string, passwordHash: string) {
  const province = await unitOn(trx, '01', date);
  const tenant = await trx
    .insertInto('tenants')
    .values({
      code: 'ha-noi',
      name: 'Thành phố Hà Nội (demo)',
      root_unit_id: province.id,
      levels: 2,
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const b: Builder = { tenantId: tenant.id, agencies: new Map(), points: new Map() };
  const calendar = await addTenantCalendar(trx, tenant.id, 'ha-noi', 'Lịch làm việc Thành phố Hà Nội');
  await addProvincial(trx, b, HANOI_PROVINCIAL, province.id);
  // The city's service centre also receives on Saturday mornings: an agency calendar overrides the
  // weekly periods and inherits every holiday.
  const weekday = ['07:30-11:30', '13:00-17:00'];
  await trx
    .insertInto('calendars')
    .values({
      code: 'ha-noi-ttpvhcc',
      name: 'Lịch làm việc Trung tâm Phục vụ hành chính công Thành phố (có sáng thứ Bảy)',
      tenant_id: tenant.id,
      agency_id: b.agencies.get('ttpvhcc')!.id,
      parent_id: calendar.id,
      weekly_pattern: JSON.stringify({
        1: weekday,
        2: weekday,
        3: weekday,
        4: weekday,
        5: weekday,
        6: ['08:00-11:30'],
      }),
      standard_day: JSON.stringify(weekday),
    })
    .execute();
  await addPoint(trx, b, {
    code: 'TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội',
    kind: 'provincial_center',
    agency: 'ttpvhcc',
    unitId: province.id,
  });
  for (const n of [1, 2, 3])
    await addPoint(trx, b, {
      code: `TTPVHCC-CN${n}`,
      name: `Chi nhánh số ${n} - Trung tâm Phục vụ hành chính công Thành phố Hà Nội`,
      kind: 'branch',
      agency: 'ttpvhcc',
      unitId: province.id,
      parent: 'TTPVHCC',
    });
  const communes = await childrenOn(trx, province.id, date);
  for (const [i, c] of communes.entries()) {
    const key = `commune:${c.code}`;
    await addAgency(
      trx,
      b,
      key,
      {
        identifier: `000.${b36(i + 1)}.99.H26`,
        name: `Ủy ban nhân dân ${c.full_name}`,
        shortName: `UBND ${c.name}`,
        kind: 'people_committee',
        level: 'commune',
        unitId: c.id,
        parent: 'ubnd',
      },
      COMMUNE_DEPARTMENTS,
    );
    await addPoint(trx, b, {
      code: `XA-${c.code}`,
      name: `Trung tâm Phục vụ hành chính công ${c.full_name}`,
      kind: 'commune_center',
      agency: key,
      unitId: c.id,
    });
  }
  const staffed = HANOI_STAFFED_COMMUNES.filter((c) => b.agencies.has(`commune:${c.code}`));
  if (staffed.length !== HANOI_STAFFED_COMMUNES.length)
    throw new Error('demo: a staffed commune is missing from the 2025 list');
  await addAccounts(trx, b, hanoiAccounts(), passwordHash);
  await seedDemoCatalogue(trx, tenant.id, date);
  return { tenantId: tenant.id, communes: communes.length };
}

async function seedThreeLevel(trx: Db, passwordHash: string) {
  const date = THREE_LEVEL_DATE;
  const province = await unitOn(trx, '01', date);
  const tenant = await trx
    .insertInto('tenants')
    .values({
      code: 'ha-noi-3cap',
      name: 'Thành phố Hà Nội trước 01/7/2025 — ba cấp (demo)',
      root_unit_id: province.id,
      levels: 3,
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const b: Builder = { tenantId: tenant.id, agencies: new Map(), points: new Map() };
  await addTenantCalendar(trx, tenant.id, 'ha-noi-3cap', 'Lịch làm việc Thành phố Hà Nội (ba cấp)');
  await addProvincial(trx, b, HANOI3_PROVINCIAL, province.id);
  const firstCommunes: Record<string, string> = {};
  let communeCount = 0;
  for (const d of HANOI3_DISTRICTS) {
    const district = await unitOn(trx, d.code, date);
    const key = `district:${d.code}`;
    await addAgency(
      trx,
      b,
      key,
      {
        identifier: `000.00.${d.level2}.H26`,
        name: `Ủy ban nhân dân ${district.full_name}`,
        shortName: `UBND ${district.name}`,
        kind: 'people_committee',
        level: 'district',
        unitId: district.id,
        parent: 'ubnd',
      },
      DISTRICT_DEPARTMENTS,
    );
    await addPoint(trx, b, {
      code: `H-${d.code}`,
      name: `Bộ phận Một cửa ${district.full_name}`,
      kind: 'district_center',
      agency: key,
      unitId: district.id,
    });
    const communes = await childrenOn(trx, district.id, date);
    for (const [i, c] of communes.entries()) {
      const ckey = `commune:${c.code}`;
      await addAgency(
        trx,
        b,
        ckey,
        {
          identifier: `000.${b36(i + 1)}.${d.level2}.H26`,
          name: `Ủy ban nhân dân ${c.full_name}`,
          shortName: `UBND ${c.name}`,
          kind: 'people_committee',
          level: 'commune',
          unitId: c.id,
          parent: key,
        },
        [],
      );
      await addPoint(trx, b, {
        code: `XA-${c.code}`,
        name: `Bộ phận Một cửa ${c.full_name}`,
        kind: 'commune_center',
        agency: ckey,
        unitId: c.id,
      });
      firstCommunes[d.code] ??= c.code;
      communeCount++;
    }
  }
  await addAccounts(trx, b, hanoi3Accounts(firstCommunes), passwordHash);
  return { tenantId: tenant.id, communes: communeCount };
}

export interface DemoSeedResult {
  created: string[];
}

export async function seedDemo(db: Db, today: string): Promise<DemoSeedResult> {
  // before the early return: citizens belong to no deployment, and older demo databases lack them
  await seedDemoCitizens(db);
  const existing = new Set((await db.selectFrom('tenants').select('code').execute()).map((t) => t.code));
  const created: string[] = [];
  if (existing.has('ha-noi') && existing.has('ha-noi-3cap')) return { created };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    if (!existing.has('ha-noi')) {
      await seedTwoLevel(trx, today, passwordHash);
      created.push('ha-noi');
    }
    if (!existing.has('ha-noi-3cap')) {
      await seedThreeLevel(trx, passwordHash);
      created.push('ha-noi-3cap');
    }
  });
  return { created };
}

/** The demo accounts, for the start-up banner and the README. */
export function demoAccountList(): DemoAccount[] {
  return [...hanoiAccounts(), ...hanoi3Accounts({ '002': '?', '278': '?', '282': '?' })];
}
