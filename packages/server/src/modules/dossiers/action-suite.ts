/**
 * The five checks every action's test file makes (STYLE.md: one test file per action): it is
 * allowed for the right person in the right state; refused for others; refused in a state that
 * does not permit it; a retry with the same Idempotency-Key returns the first response byte for
 * byte and writes nothing; two requests based on the same version produce exactly one action.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Api, Dossier, Stage } from './test-helpers.js';
import { journey } from './test-helpers.js';

export interface ActionCase {
  type: string;
  /** a fresh dossier where the action is allowed */
  ready: (api: Api) => Promise<Dossier>;
  params?: (d: Dossier, api: Api) => object | Promise<object>;
  /** who records it */
  by: string;
  /** who may not, with the status they get (403 forbidden, 404 for those who cannot even see it) */
  forbidden: { user: string; status: 403 | 404 }[];
  /** a stage of the birth journey where the action is not allowed */
  wrongStage: Stage;
  wrongCode?: string;
  /** builds the wrong-state dossier when the birth journey does not fit (a citizen's own dossier) */
  wrongReady?: (api: Api) => Promise<Dossier>;
  /** what must hold after the allowed action */
  check?: (after: Dossier, api: Api, before: Dossier) => Promise<void> | void;
}

async function countActions(api: Api, id: number) {
  const r = await api.db
    .selectFrom('dossier_actions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('dossier_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Registers the five checks of `c` on `api` (a demo database of the test file's own). */
export function actionSuite(api: Api, c: ActionCase) {
  describe(`action ${c.type}`, () => {
    const url = (d: Dossier) => `/api/v1/dossiers/${d.id}/actions`;
    const body = async (d: Dossier) => ({
      type: c.type,
      expectedVersion: d.version,
      ...(await c.params?.(d, api)),
    });

    it('is recorded for the right person in the right state', async () => {
      const d = await c.ready(api);
      api.advance(60_000);
      const r = await api.post(c.by, url(d), await body(d));
      expect(r.statusCode, r.body).toBe(200);
      const after = r.json().dossier as Dossier;
      expect(after.version).toBeGreaterThan(d.version);
      expect(r.json().action.type).toBe(c.type);
      await c.check?.(after, api, d);
      await api.expectReplayable();
    });

    it('is refused to anyone else, and changes nothing', async () => {
      const d = await c.ready(api);
      for (const f of c.forbidden) {
        const r = await api.post(f.user, url(d), await body(d));
        expect(r.statusCode, `${f.user}: ${r.body}`).toBe(f.status);
      }
      expect(await countActions(api, d.id)).toBe(d.version);
    });

    it(`is refused when the dossier is ${c.wrongStage}`, async () => {
      const d = c.wrongReady ? await c.wrongReady(api) : await journey(api, c.wrongStage);
      const r = await api.post(c.by, url(d), await body(d));
      expect([403, 409, 422], r.body).toContain(r.statusCode);
      if (c.wrongCode) expect(r.json().error.code).toBe(c.wrongCode);
      expect(await countActions(api, d.id)).toBe(d.version);
    });

    it('returns the first response to a retry with the same key, byte for byte, writing nothing', async () => {
      const d = await c.ready(api);
      const key = randomUUID();
      const b = await body(d);
      const first = await api.post(c.by, url(d), b, key);
      expect(first.statusCode, first.body).toBe(200);
      const n = await countActions(api, d.id);
      api.advance(60_000);
      const again = await api.post(c.by, url(d), b, key);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(await countActions(api, d.id)).toBe(n);
      // the same key for another request is refused
      const other = await api.post(c.by, url(d), { ...b, expectedVersion: d.version + 1 }, key);
      expect(other.statusCode).toBe(422);
      expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('records exactly one of two concurrent requests based on the same version', async () => {
      const d = await c.ready(api);
      const b = await body(d);
      const rs = await Promise.all([api.post(c.by, url(d), b), api.post(c.by, url(d), b)]);
      expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const lost = rs.find((r) => r.statusCode === 409)!;
      expect(lost.json().error.code).toBe('VERSION_CONFLICT');
      const won = rs.find((r) => r.statusCode === 200)!;
      expect(lost.json().error.details.currentVersion).toBe(won.json().dossier.version);
      await api.expectReplayable();
    });
  });
}
