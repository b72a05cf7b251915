/**
 * The receiving officer's applicant look-up: the citizen record by the whole identity number,
 * for receiving officers only, and every look-up in the audit log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.appDb);
});

const lookup = async (username: string | null, identityNumber: string) => {
  const headers = username ? (await signIn(app, username)).headers : {};
  return app.inject({
    method: 'GET',
    url: `/api/v1/citizens/lookup?identityNumber=${encodeURIComponent(identityNumber)}`,
    headers,
  });
};

describe('GET /api/v1/citizens/lookup', () => {
  it('gives a receiving officer the applicant’s name, address and contacts', async () => {
    const r = await lookup('motcua.hoankiem', '001194012345');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      kind: 'individual',
      identityNumber: '001194012345',
      name: 'Nguyễn Thị Lan',
      address: 'Số 12 phố Hàng Trống, Phường Hoàn Kiếm, Thành phố Hà Nội',
      email: 'nguyenthilan@example.vn',
      phone: '0912345678',
    });
  });

  it('answers 404 for an unknown number, and records both look-ups in the audit log', async () => {
    const r = await lookup('motcua.hoankiem', '001299999999');
    expect(r.statusCode, r.body).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'entity_type', 'after'])
      .where('action', '=', 'citizen.lookup')
      .orderBy('id')
      .execute();
    expect(rows.map((x) => [x.actor_label, x.after])).toEqual([
      ['motcua.hoankiem', { identityNumber: '001194012345', found: true }],
      ['motcua.hoankiem', { identityNumber: '001299999999', found: false }],
    ]);
  });

  it('refuses a part of a number, other roles and the anonymous', async () => {
    expect((await lookup('motcua.hoankiem', '0011')).statusCode).toBe(400);
    expect((await lookup('chuyenvien.hoankiem', '001194012345')).statusCode).toBe(403);
    expect((await lookup(null, '001194012345')).statusCode).toBe(401);
  });
});
