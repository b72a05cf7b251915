import { ROLES } from '@motcua/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { TEST_TODAY } from '../../test/global-setup.js';
import { seedDemo } from './seed.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase('demo');
});

const tenantId = async (code: string) =>
  (await t.db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe('the demo deployments', () => {
  it('Hà Nội since July 2025: every commune and ward has its People’s Committee and service centre', async () => {
    const id = await tenantId('ha-noi');
    const communes = await t.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', id)
      .where('level', '=', 'commune')
      .executeTakeFirstOrThrow();
    expect(Number(communes.n)).toBe(126);
    const points = await t.db
      .selectFrom('reception_points')
      .select(['kind'])
      .where('tenant_id', '=', id)
      .execute();
    expect(points.filter((p) => p.kind === 'commune_center')).toHaveLength(126);
    expect(points.filter((p) => p.kind === 'provincial_center')).toHaveLength(1);
    expect(points.filter((p) => p.kind === 'branch').length).toBeGreaterThan(0);
  });

  it('has staff for every role, in several agencies and communes', async () => {
    const id = await tenantId('ha-noi');
    const rows = await t.db
      .selectFrom('staff_positions as p')
      .innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select(['p.role', 'a.level', 'a.id'])
      .where('p.tenant_id', '=', id)
      .execute();
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(ROLES));
    const specialistsIn = new Set(rows.filter((r) => r.role === 'specialist').map((r) => r.id));
    expect(specialistsIn.size).toBeGreaterThanOrEqual(6);
    expect(
      rows.filter((r) => r.role === 'specialist' && r.level === 'commune').length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('marks invented identifiers as demo data, all valid in syntax', async () => {
    const agencies = await t.db.selectFrom('agencies').select(['identifier', 'is_demo']).execute();
    expect(agencies.every((a) => a.is_demo)).toBe(true);
    const staff = await t.db.selectFrom('staff').select('is_demo').execute();
    expect(staff.every((s) => s.is_demo)).toBe(true);
  });

  it('serves three levels with the pre-2025 units: districts between province and communes', async () => {
    const id = await tenantId('ha-noi-3cap');
    const tenant = await t.db
      .selectFrom('tenants')
      .select('levels')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(tenant.levels).toBe(3);
    const agencies = await t.db
      .selectFrom('agencies as a')
      .innerJoin('admin_units as u', 'u.id', 'a.admin_unit_id')
      .leftJoin('agencies as parent', 'parent.id', 'a.parent_id')
      .select(['a.level', 'a.name', 'u.level as unitLevel', 'u.valid_to', 'parent.level as parentLevel'])
      .where('a.tenant_id', '=', id)
      .execute();
    const districts = agencies.filter((a) => a.level === 'district');
    expect(districts.map((d) => d.name).sort()).toEqual([
      'Ủy ban nhân dân Huyện Mỹ Đức',
      'Ủy ban nhân dân Huyện Thanh Oai',
      'Ủy ban nhân dân Quận Hoàn Kiếm',
    ]);
    const communes = agencies.filter((a) => a.level === 'commune');
    expect(communes.length).toBe(58);
    expect(
      communes.every(
        (c) => c.parentLevel === 'district' && c.unitLevel === 'commune' && c.valid_to === '2025-06-30',
      ),
    ).toBe(true);
  });

  it('is created once: seeding again changes nothing', async () => {
    const before = await t.db
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await seedDemo(t.db, TEST_TODAY)).toEqual({ created: [] });
    const after = await t.db
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
