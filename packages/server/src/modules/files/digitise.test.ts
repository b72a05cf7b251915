/**
 * Marking a component digitised (LIFECYCLE.md T5, Decree 107/2021, DuocSoHoa): a receiving officer
 * of the receiving agency, once, only with a file on the component, audited in the same
 * transaction.
 */
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { tinyPdf } from '../../test/file-fixtures.js';
import { journey, vn } from '../dossiers/test-helpers.js';
import { componentsOf, filePart, filesHarness } from './test-helpers.js';

const t = await testDatabase('demo');
// Monday 7 December 2026, 09:30 in Hà Nội
const start = vn(2026, 12, 7, 9, 30);
const h = await filesHarness(t, start);
const { api } = h;

describe('digitised (đã số hóa)', async () => {
  const d = await journey(api, 'accepted');
  const c = await componentsOf(api, d.id);
  const component = c.TK_KHAI_SINH!;
  const base = `/api/v1/dossiers/${d.id}/components/${component.id}`;
  const mark = (user: string) => api.post(user, `${base}/digitised`, {});

  it('needs a file on the component first (422 NO_FILE)', async () => {
    const r = await mark('motcua.hoankiem');
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'NO_FILE' });
    expect(r.json().error.messageVi).toMatch(/số hóa/);
  });

  it('is recorded with who and when, and audited in the same transaction', async () => {
    const up = await h.upload('motcua.hoankiem', `${base}/files`, [
      filePart(await tinyPdf('To khai'), 'tờ khai.pdf'),
    ]);
    expect(up.statusCode, up.body).toBe(201);
    await api.advance(5 * 60_000);
    const r = await mark('motcua.hoankiem');
    expect(r.statusCode, r.body).toBe(200);
    const staff = await t.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'motcua.hoankiem')
      .executeTakeFirstOrThrow();
    const at = new Date(start + 5 * 60_000).toISOString();
    expect(r.json().component).toMatchObject({ id: component.id, digitisedBy: staff.id, digitisedAt: at });
    const row = await t.db
      .selectFrom('dossier_components')
      .select(['digitised_by', 'digitised_at'])
      .where('id', '=', component.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ digitised_by: staff.id, digitised_at: new Date(at) });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'dossier_component')
      .where('entity_id', '=', String(component.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'dossier_component.digitise',
      actor_id: staff.id,
      actor_label: 'motcua.hoankiem',
      before: { digitisedBy: null, digitisedAt: null },
      after: { dossierId: d.id, digitisedBy: staff.id, digitisedAt: at },
    });
    expect(audit[0]!.request_id).toBeTruthy();
  });

  it('once: a second mark is 409 ALREADY_DIGITISED and changes nothing', async () => {
    await api.advance(60_000);
    const r = await mark('motcua.hoankiem');
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error).toMatchObject({
      code: 'ALREADY_DIGITISED',
      details: { digitisedAt: new Date(start + 5 * 60_000).toISOString() },
    });
    const audits = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'dossier_component')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('shows in the dossier’s components', async () => {
    const r = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}`);
    const shown = r.json().components.find((x: { id: number }) => x.id === component.id);
    expect(shown.digitisedAt).toBe(new Date(start + 5 * 60_000).toISOString());
  });

  it('only by a receiving officer of the receiving agency: 403 for another role, 404 elsewhere', async () => {
    const other = c.GIAY_CHUNG_SINH!;
    const url = `/api/v1/dossiers/${d.id}/components/${other.id}/digitised`;
    const up = await h.upload(
      'chuyenvien.hoankiem',
      `/api/v1/dossiers/${d.id}/components/${other.id}/files`,
      [filePart(await tinyPdf('Giay chung sinh'), 'gcs.pdf')],
    );
    expect(up.statusCode, up.body).toBe(201);
    const specialist = await api.post('chuyenvien.hoankiem', url, {});
    expect(specialist.statusCode, specialist.body).toBe(403);
    const elsewhere = await api.post('motcua.caugiay', url, {});
    expect(elsewhere.statusCode).toBe(404);
    const citizen = await api.post('citizen:001194012345', url, {});
    expect(citizen.statusCode).toBe(401);
    const missing = await api.post(
      'motcua.hoankiem',
      `/api/v1/dossiers/${d.id}/components/999999/digitised`,
      {},
    );
    expect(missing.statusCode).toBe(404);
    // a component of another dossier is not this dossier's
    const d2 = await journey(api, 'submitted');
    const c2 = await componentsOf(api, d2.id);
    const foreign = await api.post(
      'motcua.hoankiem',
      `/api/v1/dossiers/${d.id}/components/${c2.TK_KHAI_SINH!.id}/digitised`,
      {},
    );
    expect(foreign.statusCode).toBe(404);
  });
});
