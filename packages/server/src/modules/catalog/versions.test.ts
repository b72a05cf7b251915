/**
 * Procedure versions: drafts, publication under a decision with an effective date, the version in
 * force on a date, immutability, retirement; every change audited, bad input changing nothing.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, testApp } from '../../test/app.js';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { today } from '../org/service.js';
import { refreshCurrentVersions } from './repository.js';

let t: TestDatabase;
let app: Awaited<ReturnType<typeof testApp>>;
let admin: Session;
let agencyAdmin: Session;
let specialist: Session;

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const TODAY = today();

beforeAll(async () => {
  t = await testDatabase('demo');
  app = await testApp(t.db);
  admin = await signIn(app, 'admin');
  agencyAdmin = await signIn(app, 'quantri.stp');
  specialist = await signIn(app, 'chuyenvien.stp');
});

const get = (url: string, s?: Session) => app.inject({ method: 'GET', url, headers: s?.headers });
const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, s: Session, payload?: unknown) =>
  app.inject({ method, url, headers: s.headers, payload: payload as object });
const audits = (action: string, entityId: string) =>
  t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();

async function currentContent(code: string) {
  const r = await get(`/api/v1/procedures/${code}`);
  expect(r.statusCode).toBe(200);
  return r.json().content;
}

describe('the public view of a procedure', () => {
  it('shows the version in force with documents by case, fees and limits per channel', async () => {
    // the demo deployment published a reviewed version 2 over the national import's version 1
    const r = await get('/api/v1/procedures/1.001193');
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({ code: '1.001193', versionNo: 2, status: 'published', source: 'demo' });
    expect(p.content.name).toBe('Thủ tục đăng ký khai sinh');
    expect(p.content.fieldName).toBe('Hộ tịch');
    expect(p.content.channels.map((c: { channel: string }) => c.channel)).toEqual([
      'direct',
      'online',
      'postal',
    ]);
    expect(p.content.channels[0].timeLimit).toMatchObject({ value: 1, unit: 'same_day' });
    expect(p.content.onlineLevel).toBe('full');
    expect(p.content.eform.schema.type).toBe('object');
    expect(p.documentCases.length).toBeGreaterThan(1);
    // before the reviewed version took effect, the national one was in force
    const old = (await get('/api/v1/procedures/1.001193?date=2026-01-01')).json();
    expect(old).toMatchObject({ versionNo: 1, source: 'national_catalogue' });
    expect(old.sourceUrl).toMatch(/^https:\/\/dichvucong\.gov\.vn/);
    expect(old.content.channels[0].fees.items[0]).toMatchObject({ free: true });
    const where = (await get('/api/v1/procedures/1.001193?tenant=ha-noi')).json();
    expect(where.implementations.length).toBeGreaterThan(100);
    expect(where.implementations.filter((i: { hasWorkflow: boolean }) => i.hasWorkflow)).toHaveLength(3);
    expect(p.documentCases.flatMap((c: { documents: unknown[] }) => c.documents)).toHaveLength(
      p.content.documents.length,
    );
    expect((await get('/api/v1/procedures/9.999999')).statusCode).toBe(404);
    expect((await get('/api/v1/procedures/abc')).statusCode).toBe(400);
    expect((await get('/api/v1/procedures/1.001193?date=2026-13-01')).statusCode).toBe(400);
  });

  it('lists the published versions and shows one by number', async () => {
    const list = (await get('/api/v1/procedures/1.003197/versions')).json();
    expect(list).toEqual([
      expect.objectContaining({ versionNo: 1, status: 'published', effectiveFrom: null }),
    ]);
    const v1 = await get('/api/v1/procedures/1.003197/versions/1');
    expect(v1.json()).toMatchObject({ code: '1.003197', versionNo: 1 });
    expect((await get('/api/v1/procedures/1.003197/versions/7')).statusCode).toBe(404);
  });
});

describe('editing and publishing', () => {
  const code = '1.003197';

  it('only a deployment-wide administrator edits the catalogue', async () => {
    const content = await currentContent(code);
    const bySpecialist = await send('PUT', `/api/v1/admin/procedures/${code}/draft`, specialist, content);
    expect(bySpecialist.statusCode).toBe(403);
    const byAgencyAdmin = await send('PUT', `/api/v1/admin/procedures/${code}/draft`, agencyAdmin, content);
    expect(byAgencyAdmin.statusCode).toBe(403);
    expect(byAgencyAdmin.json().error.details.reason).toBe('CATALOGUE_ADMIN_ONLY');
    const anonymous = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/procedures/${code}/draft`,
      payload: content,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('saves a draft, publishes it from a future date, and binds each date to its version', async () => {
    const content = await currentContent(code);
    // the reviewer fixes what the import could not read: the unit, and the fee wording checked
    content.channels = content.channels.map((c: { timeLimit: object; fees: object }) => ({
      ...c,
      timeLimit: { value: 5, unit: 'working_days', raw: '05 ngày làm việc' },
      fees: { ...c.fees, ambiguous: false },
    }));
    content.onlineLevel = 'full';
    content.results = [{ code: null, name: 'Giấy chứng nhận kết hôn', paper: true, electronic: true }];
    const saved = await send('PUT', `/api/v1/admin/procedures/${code}/draft`, admin, content);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ versionNo: 2, status: 'draft', created: true, reviewFlags: [] });
    // saving again edits the same draft
    content.conditions = 'Đủ tuổi kết hôn theo Luật Hôn nhân và gia đình.';
    expect(
      (await send('PUT', `/api/v1/admin/procedures/${code}/draft`, admin, content)).json(),
    ).toMatchObject({
      versionNo: 2,
      created: false,
    });
    expect((await get(`/api/v1/procedures/${code}/versions/2`)).statusCode).toBe(404); // drafts are not public

    const tomorrow = addDays(TODAY, 1);
    const pub = await send('POST', `/api/v1/admin/procedures/${code}/publish`, admin, {
      effectiveFrom: tomorrow,
      decisionNo: '123/QĐ-UBND',
      decisionDate: TODAY,
    });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ versionNo: 2, status: 'published', effectiveFrom: tomorrow });

    // a dossier received today is bound to version 1, one received tomorrow to version 2
    expect((await get(`/api/v1/procedures/${code}`)).json().versionNo).toBe(1);
    expect((await get(`/api/v1/procedures/${code}?date=${tomorrow}`)).json()).toMatchObject({
      versionNo: 2,
      content: { onlineLevel: 'full', conditions: content.conditions, decisionNo: '123/QĐ-UBND' },
    });
    // when tomorrow comes, the catalogue's pointer moves
    await refreshCurrentVersions(t.db, tomorrow);
    const p = await t.db
      .selectFrom('procedures as p')
      .innerJoin('procedure_versions as v', 'v.id', 'p.current_version_id')
      .select('v.version_no')
      .where('p.code', '=', code)
      .executeTakeFirstOrThrow();
    expect(p.version_no).toBe(2);
    await refreshCurrentVersions(t.db, TODAY);

    const versions = (await get(`/api/v1/procedures/${code}/versions`)).json();
    expect(versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
    const a = await audits('procedure.publish', code);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ actor_label: 'admin', after: expect.objectContaining({ versionNo: 2 }) });
    expect(await audits('procedure.draft.update', code)).toHaveLength(1);
    expect((await audits('procedure.draft.create', code))[0]?.before).toBeNull();
  });

  it('refuses a second version on the same effective date, an earlier one, and publishing nothing', async () => {
    const tomorrow = addDays(TODAY, 1);
    const noDraft = await send('POST', `/api/v1/admin/procedures/${code}/publish`, admin, {
      effectiveFrom: addDays(TODAY, 30),
      decisionNo: '1/QĐ',
      decisionDate: TODAY,
    });
    expect(noDraft.statusCode).toBe(409);
    expect(noDraft.json().error.code).toBe('NO_DRAFT');

    const content = await currentContent(code);
    content.channels = content.channels.map((c: { timeLimit: object }) => ({
      ...c,
      timeLimit: { value: 3, unit: 'working_days', raw: '03 ngày làm việc' },
    }));
    expect((await send('PUT', `/api/v1/admin/procedures/${code}/draft`, admin, content)).statusCode).toBe(
      200,
    );
    const same = await send('POST', `/api/v1/admin/procedures/${code}/publish`, admin, {
      effectiveFrom: tomorrow,
      decisionNo: '2/QĐ',
      decisionDate: TODAY,
    });
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toMatchObject({ code: 'EFFECTIVE_DATE_TAKEN', details: { versionNo: 2 } });
    expect(same.json().error.messageVi).toMatch(/chọn ngày khác/);
    const earlier = await send('POST', `/api/v1/admin/procedures/${code}/publish`, admin, {
      effectiveFrom: TODAY,
      decisionNo: '2/QĐ',
      decisionDate: TODAY,
    });
    expect(earlier.statusCode).toBe(422);
    expect(earlier.json().error.code).toBe('EFFECTIVE_DATE_BEFORE_LATEST');
    const decisionLater = await send('POST', `/api/v1/admin/procedures/${code}/publish`, admin, {
      effectiveFrom: addDays(TODAY, 10),
      decisionNo: '2/QĐ',
      decisionDate: addDays(TODAY, 11),
    });
    expect(decisionLater.json().error.code).toBe('DECISION_AFTER_EFFECT');
    // nothing of that reached the published versions; the draft is still there to fix
    const versions = (await get(`/api/v1/procedures/${code}/versions`)).json();
    expect(versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
    expect((await get(`/api/v1/admin/procedures/${code}/draft`, admin)).json()).toMatchObject({
      versionNo: 3,
    });
    // nullable fields stay null through the body validation (no "" or 0 coerced in their place)
    const draft = (await get(`/api/v1/admin/procedures/${code}/draft`, admin)).json();
    expect(draft.content).toMatchObject({ decisionDate: null, effectiveFrom: null, eform: null });
    expect(draft.content.documents[0].templateFile).toBeNull();
    expect((await send('DELETE', `/api/v1/admin/procedures/${code}/draft`, admin)).statusCode).toBe(204);
    expect((await get(`/api/v1/admin/procedures/${code}/draft`, admin)).statusCode).toBe(404);
  });

  it('never changes or deletes a published version, even from SQL', async () => {
    const v = await t.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select('v.id')
      .where('p.code', '=', code)
      .where('v.version_no', '=', 1)
      .executeTakeFirstOrThrow();
    await expect(
      sql`update procedure_versions set name = 'x' where id = ${v.id}`.execute(t.db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`delete from procedure_versions where id = ${v.id}`.execute(t.db)).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(
      sql`update procedure_versions set status = 'draft' where id = ${v.id}`.execute(t.db),
    ).rejects.toThrow(/cannot return to draft/);
  });

  it('refuses a version without time limits and an e-form that does not compile, saving nothing', async () => {
    const code2 = '1.000419';
    const content = await currentContent(code2);
    content.eform = { schema: { type: 'object', properties: { hoTen: { type: 'chuỗi' } } }, uiSchema: {} };
    const bad = await send('PUT', `/api/v1/admin/procedures/${code2}/draft`, admin, content);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('EFORM_SCHEMA_INVALID');
    expect(bad.json().error.messageVi).toMatch(/lược đồ tờ khai điện tử không hợp lệ/);
    expect((await get(`/api/v1/admin/procedures/${code2}/draft`, admin)).statusCode).toBe(404);

    content.eform = {
      schema: { type: 'object', properties: { hoTen: { type: 'string' } }, required: ['hoTen'] },
      uiSchema: { 'ui:order': ['hoTen', 'ngaySinh'] },
    };
    const badOrder = await send('PUT', `/api/v1/admin/procedures/${code2}/draft`, admin, content);
    expect(badOrder.json().error).toMatchObject({
      code: 'EFORM_SCHEMA_INVALID',
      details: { unknown: ['ngaySinh'] },
    });

    content.eform.uiSchema = { 'ui:order': ['hoTen'] };
    content.channels = content.channels.map((c: { timeLimit: object }) => ({
      ...c,
      timeLimit: { value: null, unit: null, raw: null },
    }));
    const saved = await send('PUT', `/api/v1/admin/procedures/${code2}/draft`, admin, content);
    expect(saved.json().reviewFlags).toContain('time_limit_missing');
    const pub = await send('POST', `/api/v1/admin/procedures/${code2}/publish`, admin, {
      effectiveFrom: addDays(TODAY, 5),
      decisionNo: '9/QĐ',
      decisionDate: TODAY,
    });
    expect(pub.statusCode).toBe(422);
    expect(pub.json().error.code).toBe('TIME_LIMIT_MISSING');

    const dupDocs = {
      ...content,
      documents: [
        { ...content.documents[0], code: 'A' },
        { ...content.documents[0], code: 'A' },
      ],
    };
    const dup = await send('PUT', `/api/v1/admin/procedures/${code2}/draft`, admin, dupDocs);
    expect(dup.json().error.code).toBe('DOCUMENT_CODE_DUPLICATE');
    // the wizard names the document the e-form stands for by its code, and needs the e-form
    const noForm = await send('PUT', `/api/v1/admin/procedures/${code2}/draft`, admin, {
      ...content,
      eform: null,
      documents: [{ ...content.documents[0], code: 'TK', providedByEform: true }],
    });
    expect(noForm.json().error).toMatchObject({
      code: 'EFORM_DOCUMENT_INVALID',
      details: { path: '/documents/0/providedByEform' },
    });
    const { code: _, ...uncoded } = content.documents[0];
    const noCode = await send('PUT', `/api/v1/admin/procedures/${code2}/draft`, admin, {
      ...content,
      documents: [{ ...uncoded, providedByEform: true }],
    });
    expect(noCode.json().error.code).toBe('EFORM_DOCUMENT_INVALID');
    const schemaBad = await send('PUT', `/api/v1/admin/procedures/${code2}/draft`, admin, {
      ...content,
      onlineLevel: 'most',
    });
    expect(schemaBad.statusCode).toBe(400);
    expect(schemaBad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('a local procedure and its abolition', () => {
  const code = '3.000999';

  it('is created as a draft, published, found, and abolished from a date', async () => {
    const content = await currentContent('1.001193');
    content.name = 'Thủ tục hỗ trợ khai sinh tại nhà cho trẻ em vùng cao (thí điểm)';
    content.fieldName = 'Hộ tịch';
    content.channels = content.channels.map((c: { timeLimit: object }) => ({
      ...c,
      timeLimit: { value: 1, unit: 'working_days', raw: '01 ngày làm việc' },
    }));
    const created = await send('POST', '/api/v1/admin/procedures', admin, { code, content });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code, versionNo: 1, status: 'draft' });
    const again = await send('POST', '/api/v1/admin/procedures', admin, { code, content });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PROCEDURE_EXISTS');
    expect((await get(`/api/v1/procedures/${code}`)).json().error.code).toBe('NO_VERSION_IN_FORCE');

    const pub = await send('POST', `/api/v1/admin/procedures/${code}/publish`, admin, {
      effectiveFrom: TODAY,
      decisionNo: '45/QĐ-UBND',
      decisionDate: TODAY,
    });
    expect(pub.statusCode).toBe(200);
    expect((await get(`/api/v1/procedures/${code}`)).json().content.name).toBe(content.name);
    const found = (await get('/api/v1/procedures?q=khai%20sinh%20vung%20cao')).json();
    expect(found.items[0]?.code).toBe(code);

    const later = addDays(TODAY, 40);
    const early = await send('POST', `/api/v1/admin/procedures/${code}/retire`, admin, {
      retiredOn: TODAY,
      reason: 'Hết thời gian thí điểm',
    });
    expect(early.json().error.code).toBe('RETIRE_BEFORE_EFFECT');
    const retired = await send('POST', `/api/v1/admin/procedures/${code}/retire`, admin, {
      retiredOn: later,
      reason: 'Hết thời gian thí điểm',
    });
    expect(retired.statusCode).toBe(200);
    expect((await get(`/api/v1/procedures/${code}?date=${addDays(later, -1)}`)).statusCode).toBe(200);
    const gone = await get(`/api/v1/procedures/${code}?date=${later}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NO_VERSION_IN_FORCE');
    expect(
      (
        await send('POST', `/api/v1/admin/procedures/${code}/retire`, admin, {
          retiredOn: later,
          reason: 'lặp lại',
        })
      ).json().error.code,
    ).toBe('ALREADY_RETIRED');
    expect(await audits('procedure.retire', code)).toHaveLength(1);
  });
});
