/**
 * A lead dossier that ends while its liên thông part is at another agency takes that part with it:
 * a first land registration (1.013978) of phường Hoàn Kiếm waiting on the Sở Nông nghiệp và Môi
 * trường's cadastre update is withdrawn at the applicant's request (or stopped by the commune's
 * leader), and the Sở's child dossier ends the same way, by the system, in the same transaction.
 */
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { APPLICANT, allDocuments, type Dossier, dossierApi, H, vn } from './test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 8, 30));

/** A land registration brought to its liên thông step, with its child at the Sở. */
async function atTheSo(): Promise<{ d: Dossier; child: Dossier }> {
  let d = await api.register('motcua.hoankiem', {
    procedureCode: '1.013978',
    applicant: APPLICANT,
    documents: await allDocuments(api, '1.013978'),
  });
  d = await api.act('motcua.hoankiem', d, 'accept');
  d = await api.act('motcua.hoankiem', d, 'forward');
  d = await api.act('chuyenvien.kt.hoankiem', d, 'forward', { outcome: 'positive' });
  d = await api.act('chuyenvien.kt.hoankiem', d, 'forward', { outcome: 'positive' });
  d = await api.act('truongphong.kt.hoankiem', d, 'forward');
  for (const a of ['approve', 'sign', 'forward']) d = await api.act('lanhdao.hoankiem', d, a);
  d = await api.act('vanthu.hoankiem', d, 'forward');
  expect(d.currentStep).toBe('LIEN_THONG');
  const [child] = (await api.get('lanhdao.hoankiem', `/api/v1/dossiers/${d.id}/children`)).json();
  expect(child).toMatchObject({ status: 'accepted', parentId: d.id });
  return { d, child };
}

const childNow = async (id: number) =>
  (await api.get('truongphong.snnmt', `/api/v1/dossiers/${id}`)).json().dossier as Dossier;
const lastAction = async (id: number) =>
  t.db
    .selectFrom('dossier_actions')
    .select(['type', 'actor', 'reason'])
    .where('dossier_id', '=', id)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
const toAssign = async () =>
  (await api.get('truongphong.snnmt', '/api/v1/worklists/to_assign?limit=100'))
    .json()
    .items.map((r: { id: number }) => r.id);

describe('liên thông: the lead dossier ends, its part at the other agency ends with it', () => {
  it('withdraws the child when the applicant withdraws the lead dossier', async () => {
    const { d, child } = await atTheSo();
    expect(await toAssign()).toContain(child.id);
    api.advance(H);
    const withdrawn = await api.act('motcua.hoankiem', d, 'withdraw', {
      reason: 'Người nộp có đơn xin rút hồ sơ ngày 08/12/2026',
    });
    expect(withdrawn.status).toBe('withdrawn');
    const c = await childNow(child.id);
    expect(c).toMatchObject({ status: 'withdrawn', nationalStatus: 7 });
    expect(await lastAction(child.id)).toMatchObject({
      type: 'withdraw',
      actor: { kind: 'system' },
      reason: expect.stringContaining(d.code as string),
    });
    // gone from the Sở's worklist, and nothing more can be done there
    expect(await toAssign()).not.toContain(child.id);
    await api.refused('truongphong.snnmt', c, 'forward', {}, 409, 'STATE_FINAL');
  });

  it('stops the child when the commune stops the lead dossier', async () => {
    const { d, child } = await atTheSo();
    api.advance(H);
    const stopped = await api.act('lanhdao.hoankiem', d, 'stop', {
      reason: 'Phát hiện thửa đất đang có tranh chấp',
      legalGround: 'Điểm a khoản 1 Điều 13 Nghị định 61/2018/NĐ-CP',
    });
    expect(stopped.status).toBe('stopped');
    expect(await childNow(child.id)).toMatchObject({ status: 'stopped' });
    expect(await lastAction(child.id)).toMatchObject({ type: 'stop', actor: { kind: 'system' } });
    await api.expectReplayable();
  });

  it('replays a retried withdrawal without ending anything twice', async () => {
    const { d, child } = await atTheSo();
    const body = { type: 'withdraw', expectedVersion: d.version, reason: 'Người nộp xin rút' };
    const first = await api.post('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`, body, 'rut-ho-so-1');
    const again = await api.post('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`, body, 'rut-ho-so-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(again.body).toBe(first.body);
    const ends = await t.db
      .selectFrom('dossier_actions')
      .select('type')
      .where('dossier_id', '=', child.id)
      .where('type', '=', 'withdraw')
      .execute();
    expect(ends).toHaveLength(1);
  });
});
