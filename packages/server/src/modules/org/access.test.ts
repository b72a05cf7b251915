/** Who may do what across the organisation: roles × scopes, over real demo data. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
let cityAdmin: Session;
let communeAdmin: Session;
let specialist: Session;
let inspector: Session;
let hoanKiemUnitId: number;
let cauGiayUnitId: number;

const unitId = async (code: string) =>
  (
    await t.db
      .selectFrom('admin_units')
      .select('id')
      .where('code', '=', code)
      .where('valid_from', '=', '2025-07-01')
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
  [cityAdmin, communeAdmin, specialist, inspector] = await Promise.all([
    signIn(app, 'admin'),
    signIn(app, 'quantri.hoankiem'),
    signIn(app, 'chuyenvien.stp'),
    signIn(app, 'thanhtra'),
  ]);
  hoanKiemUnitId = await unitId('00070');
  cauGiayUnitId = await unitId('00166');
});

const newAgency = (adminUnitId: number, identifier: string) => ({
  identifier,
  name: 'Ban Quản lý dự án đầu tư xây dựng',
  kind: 'other',
  level: 'commune',
  adminUnitId,
});

describe('staff lists follow the reach of the position', () => {
  it('a city administrator sees the staff of the whole city', async () => {
    const res = await app.inject({ url: '/api/v1/staff?limit=500', headers: { cookie: cityAdmin.cookie } });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((s: { username: string }) => s.username);
    expect(names).toEqual(
      expect.arrayContaining(['motcua.tinh', 'chuyenvien.hoankiem', 'chuyenvien.caugiay']),
    );
    expect(names).not.toContain('hn3.admin'); // another deployment
  });

  it('a commune administrator sees only the staff of that commune', async () => {
    const res = await app.inject({
      url: '/api/v1/staff?limit=500',
      headers: { cookie: communeAdmin.cookie },
    });
    const names: string[] = res.json().items.map((s: { username: string }) => s.username);
    expect(names).toContain('chuyenvien.hoankiem');
    expect(names.every((n) => n.endsWith('.hoankiem'))).toBe(true);
  });

  it('an inspector may read staff; a specialist may not', async () => {
    expect(
      (await app.inject({ url: '/api/v1/staff', headers: { cookie: inspector.cookie } })).statusCode,
    ).toBe(200);
    const res = await app.inject({ url: '/api/v1/staff', headers: { cookie: specialist.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'FORBIDDEN',
      details: { requiredRoles: ['admin', 'inspector'] },
    });
  });
});

describe('registering agencies', () => {
  it('creates an agency inside the reach and audits it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: communeAdmin.headers,
      payload: newAgency(hoanKiemUnitId, '000.zz.98.h26'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ identifier: '000.ZZ.98.H26', level: 'commune' });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'agency')
      .where('entity_id', '=', String(res.json().id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'agency.create',
      actor_label: 'quantri.hoankiem',
      before: null,
    });
    expect(audit[0]?.after).toMatchObject({ identifier: '000.ZZ.98.H26' });
  });

  it('refuses a unit outside the reach (403) and changes nothing', async () => {
    const before = await t.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: communeAdmin.headers,
      payload: newAgency(cauGiayUnitId, '000.ZY.98.H26'),
    });
    expect(res.statusCode).toBe(403);
    const after = await t.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses an invalid identifier (400) and a taken one (409)', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: cityAdmin.headers,
      payload: newAgency(cauGiayUnitId, '000.A0.00.H26'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'identifier', problem: 'GAP' },
    });
    const taken = await app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: cityAdmin.headers,
      payload: newAgency(cauGiayUnitId, '000.00.10.H26'),
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('AGENCY_IDENTIFIER_TAKEN');
  });

  it('records before and after when an agency is renamed', async () => {
    const stp = await t.db
      .selectFrom('agencies')
      .select('agencies.id')
      .where('identifier', '=', '000.00.10.H26')
      .innerJoin('tenants', 'tenants.id', 'agencies.tenant_id')
      .where('tenants.code', '=', 'ha-noi')
      .executeTakeFirstOrThrow();
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${stp.id}`,
      headers: cityAdmin.headers,
      payload: { shortName: 'Sở TP' },
    });
    expect(res.statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'agency.update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ short_name: 'STP' });
    expect(audit.after).toMatchObject({ short_name: 'Sở TP' });
    // a commune administrator cannot touch a provincial department
    const denied = await app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${stp.id}`,
      headers: communeAdmin.headers,
      payload: { shortName: 'x' },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('creating staff', () => {
  const agencyId = async (identifier: string) =>
    (
      await t.db
        .selectFrom('agencies')
        .innerJoin('tenants', 'tenants.id', 'agencies.tenant_id')
        .select('agencies.id')
        .where('tenants.code', '=', 'ha-noi')
        .where('identifier', '=', identifier)
        .executeTakeFirstOrThrow()
    ).id;

  it('creates an officer with a position, who can then sign in', async () => {
    const stp = await agencyId('000.00.10.H26');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: cityAdmin.headers,
      payload: {
        username: 'nguyen.van.moi',
        fullName: 'Nguyễn Văn Mới',
        password: 'Mật khẩu mạnh 2026!',
        positions: [{ agencyId: stp, role: 'clerk', scope: 'agency' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const me = await signIn(app, 'nguyen.van.moi', 'Mật khẩu mạnh 2026!');
    expect(me.csrf).toBeTruthy();
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'staff.create')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('argon2');
  });

  it('applies the password rules', async () => {
    const stp = await agencyId('000.00.10.H26');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: cityAdmin.headers,
      payload: {
        username: 'yeu.qua',
        fullName: 'Yếu Quá',
        password: 'short',
        positions: [{ agencyId: stp, role: 'clerk', scope: 'agency' }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.problems).toEqual(expect.arrayContaining(['TOO_SHORT', 'NEEDS_DIGIT']));
  });

  it('refuses a taken username (409) and a position outside the reach (403)', async () => {
    const stp = await agencyId('000.00.10.H26');
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: cityAdmin.headers,
      payload: {
        username: 'admin',
        fullName: 'Trùng Tên',
        password: 'Mật khẩu mạnh 2026!',
        positions: [{ agencyId: stp, role: 'clerk', scope: 'agency' }],
      },
    });
    expect(dup.statusCode).toBe(409);
    const outside = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: communeAdmin.headers,
      payload: {
        username: 'ngoai.pham.vi',
        fullName: 'Ngoài Phạm Vi',
        password: 'Mật khẩu mạnh 2026!',
        positions: [{ agencyId: stp, role: 'admin', scope: 'unit_subtree' }],
      },
    });
    expect(outside.statusCode).toBe(403);
    expect(
      await t.db.selectFrom('staff').select('id').where('username', '=', 'ngoai.pham.vi').executeTakeFirst(),
    ).toBeUndefined();
  });
});
