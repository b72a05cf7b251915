/** The staff list an administrator works from: each officer with every position held. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
let cityAdmin: Session;

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
  cityAdmin = await signIn(app, 'admin');
});

interface Item {
  username: string;
  positions: {
    role: string;
    scope: string;
    title: string | null;
    agency_id: number;
    agency_name: string;
    department_code: string | null;
    department_name: string | null;
  }[];
}

describe('the staff list', () => {
  it('lists each officer with their positions, agency and department named', async () => {
    const res = await app.inject({
      url: '/api/v1/staff?q=chuyenvien.stp',
      headers: { cookie: cityAdmin.cookie },
    });
    expect(res.statusCode).toBe(200);
    const item = (res.json().items as Item[]).find((s) => s.username === 'chuyenvien.stp');
    expect(item?.positions).toEqual([
      expect.objectContaining({
        role: 'specialist',
        scope: 'department',
        title: 'Chuyên viên',
        agency_name: 'Sở Tư pháp',
        department_code: 'HCTP',
        department_name: 'Phòng Hành chính tư pháp',
      }),
    ]);
    expect(item?.positions[0]).not.toHaveProperty('staff_id');
  });

  it('filters by the agency a position is held in', async () => {
    const stp = await t.db
      .selectFrom('agencies')
      .select('id')
      .where('identifier', '=', '000.00.10.H26')
      .where('name', '=', 'Sở Tư pháp')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const res = await app.inject({
      url: `/api/v1/staff?agencyId=${stp.id}&limit=100`,
      headers: { cookie: cityAdmin.cookie },
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Item[];
    expect(items.map((s) => s.username).sort()).toEqual([
      'chuyenvien.stp',
      'lanhdao.stp',
      'quantri.stp',
      'truongphong.stp',
      'vanthu.stp',
    ]);
    expect(items.every((s) => s.positions.some((p) => p.agency_id === stp.id))).toBe(true);
    expect(res.json().total).toBe(5);
  });

  it('shows a new officer with the position just granted', async () => {
    const agency = await t.db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', 'Sở Xây dựng')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const dep = await t.db
      .selectFrom('departments')
      .select('id')
      .where('agency_id', '=', agency.id)
      .where('code', '=', 'PTDT')
      .executeTakeFirstOrThrow();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: { cookie: cityAdmin.cookie, 'x-csrf-token': cityAdmin.csrf },
      payload: {
        username: 'chuyenvien2.sxd',
        fullName: 'Ngô Thị Mới',
        password: 'Mat-khau-rat-dai-2025!',
        positions: [
          {
            agencyId: agency.id,
            departmentId: dep.id,
            role: 'specialist',
            scope: 'department',
            title: 'Chuyên viên',
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await app.inject({
      url: `/api/v1/staff?agencyId=${agency.id}&q=chuyenvien2`,
      headers: { cookie: cityAdmin.cookie },
    });
    expect(res.json().items).toEqual([
      expect.objectContaining({
        username: 'chuyenvien2.sxd',
        positions: [expect.objectContaining({ role: 'specialist', department_code: 'PTDT' })],
      }),
    ]);
  });
});
