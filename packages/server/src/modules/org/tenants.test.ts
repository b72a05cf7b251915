/** The deployments an installation serves, public (the portal's choice of province or ministry). */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/app.js';
import { testDatabase } from '../../test/db.js';

const t = await testDatabase('demo');
const app = await testApp(t.db);

describe('GET /api/v1/tenants', () => {
  it('lists the demo deployments without sign-in, oldest first', async () => {
    const r = await app.inject({ url: '/api/v1/tenants' });
    expect(r.statusCode).toBe(200);
    const rows = await t.db.selectFrom('tenants').select(['code', 'levels']).orderBy('id').execute();
    expect(r.json().map((x: { code: string }) => x.code)).toEqual(rows.map((x) => x.code));
    expect(r.json()[0]).toMatchObject({ code: 'ha-noi', levels: 2, isDemo: true });
    expect(r.json().find((x: { code: string }) => x.code === 'ha-noi-3cap')).toMatchObject({ levels: 3 });
  });
});
