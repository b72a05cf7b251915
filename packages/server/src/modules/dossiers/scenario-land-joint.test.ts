/**
 * Liên thông across two agencies and two levels: a first land registration (1.013978) received
 * at phường Hoàn Kiếm, appraised and signed by the commune, then handed to the Sở Nông nghiệp và
 * Môi trường (province) to update the cadastre as a child dossier with its own code and time
 * share; the child's result brings the parent back to the commune's one-stop unit.
 */
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { APPLICANT, allDocuments, type Dossier, dossierApi, H, vn } from './test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 8, 30));

describe('liên thông: commune → provincial department → commune', () => {
  let d: Dossier;
  let child: Dossier;

  it('is received and appraised by the commune (Phòng Kinh tế)', async () => {
    d = await api.register('motcua.hoankiem', {
      procedureCode: '1.013978',
      applicant: APPLICANT,
      documents: await allDocuments(api, '1.013978'),
    });
    d = await api.act('motcua.hoankiem', d, 'accept');
    d = await api.act('motcua.hoankiem', d, 'forward');
    expect(d.currentStep).toBe('THAM_TRA');
    // civil-status specialists (Phòng VH-XH) do not handle land
    await api.refused('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' }, 403, 'FORBIDDEN');
    api.advance(H);
    d = await api.act('chuyenvien.kt.hoankiem', d, 'forward', { outcome: 'positive' });
    expect(d.currentStep).toBe('NIEM_YET');
    api.advance(15 * 24 * H); // the public posting lasts 15 days
    d = await api.act('chuyenvien.kt.hoankiem', d, 'forward', { outcome: 'positive' });
    d = await api.act('truongphong.kt.hoankiem', d, 'forward');
    expect(d.currentStep).toBe('KY');
    for (const a of ['approve', 'sign', 'forward']) d = await api.act('lanhdao.hoankiem', d, a);
    expect(d.currentStep).toBe('BAN_HANH');
  });

  it('cannot issue the result before the cadastre is updated: the clerk forwards it to the Sở', async () => {
    await api.refused('vanthu.hoankiem', d, 'issue_result', {}, 422, 'JOINT_BEFORE_RESULT');
    d = await api.act('vanthu.hoankiem', d, 'forward');
    expect(d.currentStep).toBe('LIEN_THONG');
    expect(d.status).toBe('processing');
    expect((d.state as { openJoints: string[] }).openJoints).toHaveLength(1);
    // nobody at the commune acts inside the joint step
    await api.refused('lanhdao.hoankiem', d, 'forward', {}, 409, 'STEP_IS_JOINT');
  });

  it('opened a child dossier at the Sở with its own code, workflow and time share', async () => {
    const r = await api.get('lanhdao.hoankiem', `/api/v1/dossiers/${d.id}/children`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toHaveLength(1);
    child = r.json()[0];
    expect(child).toMatchObject({ status: 'accepted', parentId: d.id, currentStep: 'PHAN_CONG' });
    expect(child.code).toMatch(/^000\.00\.12\.H26-/);
    expect(new Date(child.dueAt as string).getTime()).toBe(new Date(d.stepDueAt as string).getTime());
    expect(new Date(child.dueAt as string).getTime()).toBeLessThanOrEqual(
      new Date(d.dueAt as string).getTime(),
    );
    // the Sở's officers see the child, and the parent they take part in
    expect((await api.get('truongphong.snnmt', `/api/v1/dossiers/${child.id}`)).statusCode).toBe(200);
    expect((await api.get('truongphong.snnmt', `/api/v1/dossiers/${d.id}`)).statusCode).toBe(200);
    // an unrelated department does not
    expect((await api.get('truongphong.sxd', `/api/v1/dossiers/${child.id}`)).statusCode).toBe(404);
  });

  it('is processed at the Sở along its own workflow; its result closes the commune’s joint step', async () => {
    api.advance(H);
    child = await api.act('truongphong.snnmt', child, 'forward');
    child = await api.act('chuyenvien.snnmt', child, 'forward', { outcome: 'positive' });
    child = await api.act('truongphong.snnmt', child, 'forward');
    for (const a of ['approve', 'sign', 'forward']) child = await api.act('lanhdao.snnmt', child, a);
    child = await api.act('vanthu.snnmt', child, 'issue_result');
    // handed back electronically to the lead agency
    expect(child.status).toBe('returned');
    const p = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}`);
    d = p.json().dossier;
    expect(d).toMatchObject({ status: 'result_ready', nationalStatus: 9 });
    const log = (await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`)).json();
    expect(log.slice(-4).map((a: { type: string }) => a.type)).toEqual([
      'joint_send',
      'joint_done',
      'forward',
      'issue_result',
    ]);
  });

  it('is returned to the applicant at the commune; the control slip shows both agencies', async () => {
    d = await api.act('motcua.hoankiem', d, 'return_result', { delivery: 'counter' });
    expect(d.status).toBe('returned');
    const pdf = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/forms/CONTROL_SHEET`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    await api.expectReplayable();
  });

  it('told the applicant only about the lead dossier', async () => {
    const topics = await t.db
      .selectFrom('outbox_messages')
      .select(['topic', 'ref_id'])
      .where('ref_id', '=', child.code as string)
      .execute();
    expect(topics).toEqual([]);
  });
});
