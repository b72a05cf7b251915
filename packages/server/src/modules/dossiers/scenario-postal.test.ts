/**
 * A dossier received by post and returned by post (KenhThucHien 3, HinhThuc 1): an extract of a
 * civil status record (2.000635) at phường Hoàn Kiếm. Returning it queues a postal order for
 * the postal adapter in the same transaction.
 */
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { APPLICANT, allDocuments, type Dossier, dossierApi, H, vn } from './test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 8, 10, 0));

describe('received by post, returned by post', () => {
  let d: Dossier;

  it('is registered as a postal dossier and accepted', async () => {
    d = await api.register('motcua.hoankiem', {
      procedureCode: '2.000635',
      channel: 'postal',
      applicant: APPLICANT,
      documents: await allDocuments(api, '2.000635'),
    });
    expect(d).toMatchObject({ channel: 'postal', nationalChannel: 3 });
    d = await api.act('motcua.hoankiem', d, 'accept');
    expect(d.status).toBe('accepted');
  });

  it('goes through the workflow to its result', async () => {
    d = await api.act('motcua.hoankiem', d, 'forward');
    api.advance(H);
    d = await api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) d = await api.act('lanhdao.hoankiem', d, a);
    d = await api.act('vanthu.hoankiem', d, 'issue_result');
    expect(d.status).toBe('result_ready');
  });

  it('is returned by post: a postal order with the address is queued', async () => {
    d = await api.act('motcua.hoankiem', d, 'return_result', { delivery: 'postal' });
    expect(d).toMatchObject({ status: 'returned', nationalStatus: 10 });
    expect((d.state as { delivery: string }).delivery).toBe('postal');
    expect(d.deliveryCode).toBe(1);
    const order = await t.db
      .selectFrom('outbox_messages')
      .select(['channel', 'recipient', 'payload'])
      .where('topic', '=', 'dossier.result_posted')
      .executeTakeFirstOrThrow();
    expect(order.channel).toBe('postal');
    expect(order.recipient).toBe(APPLICANT.address);
    expect(order.payload).toMatchObject({ dossierCode: d.code, addressee: { name: APPLICANT.name } });
    await api.expectReplayable();
  });

  it('refuses to post a result without an address', async () => {
    let e = await api.register('motcua.hoankiem', {
      procedureCode: '2.000635',
      channel: 'postal',
      applicant: { name: 'Đỗ Thị Mai' },
      documents: await allDocuments(api, '2.000635'),
    });
    e = await api.act('motcua.hoankiem', e, 'accept');
    e = await api.act('motcua.hoankiem', e, 'forward');
    e = await api.act('chuyenvien.hoankiem', e, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) e = await api.act('lanhdao.hoankiem', e, a);
    e = await api.act('vanthu.hoankiem', e, 'issue_result');
    await api.refused('motcua.hoankiem', e, 'return_result', { delivery: 'postal' }, 422, 'ADDRESS_REQUIRED');
  });
});
