import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
});

const search = async (qs: string) => {
  const res = await app.inject(`/api/v1/procedures?${qs}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    items: { code: string; name: string; levels: string[]; field_id: number | null }[];
    total: number;
  };
};

describe('public procedure search', () => {
  it('finds procedures typed without diacritics, best match first', async () => {
    const r = await search(`q=${encodeURIComponent('dang ky khai sinh')}&limit=5`);
    expect(r.total).toBeGreaterThan(0);
    expect(r.items.map((i) => i.code)).toContain('1.001193');
    expect(r.items[0]?.name.toLowerCase()).toContain('khai sinh');
    const exact = await search(`q=${encodeURIComponent('Giấy phép xây dựng')}&limit=50`);
    const folded = await search(`q=${encodeURIComponent('giay phep xay dung')}&limit=50`);
    expect(folded.total).toBe(exact.total);
  });

  it('finds by code prefix', async () => {
    const r = await search('q=1.001193');
    expect(r.items[0]?.code).toBe('1.001193');
  });

  it('pages with a stable total, also past the end', async () => {
    const all = await search('limit=10');
    expect(all.total).toBe(2642);
    expect(all.items).toHaveLength(10);
    const past = await search('limit=10&offset=5000');
    expect(past).toEqual({ items: [], total: 2642 });
  });

  it('filters by level and field', async () => {
    const communes = await search(`level=${encodeURIComponent('Cấp xã')}&limit=200`);
    expect(communes.total).toBeGreaterThan(100);
    expect(communes.items.every((i) => i.levels.includes('Cấp xã'))).toBe(true);
    const fields = (await app.inject('/api/v1/fields')).json() as {
      id: number;
      name: string;
      procedures: number;
    }[];
    const hoTich = fields.find((f) => f.name === 'Hộ tịch');
    expect(hoTich?.procedures).toBeGreaterThan(10);
    const inField = await search(`fieldId=${hoTich?.id}&limit=200`);
    expect(inField.total).toBe(hoTich?.procedures);
  });

  it('shows a procedure by code, 404 for an unknown one and 400 for a malformed one', async () => {
    const p = await app.inject('/api/v1/procedures/1.001193');
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({
      code: '1.001193',
      version_no: 1,
      source_url: expect.stringMatching(/^https:\/\/dichvucong\.gov\.vn/),
    });
    expect((await app.inject('/api/v1/procedures/9.999999')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/procedures/abc')).statusCode).toBe(400);
  });
});
