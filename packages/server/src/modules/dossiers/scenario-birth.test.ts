/**
 * End to end through the API: a birth registration (1.001193, same-day procedure) at the counter
 * of phường Hoàn Kiếm, received after 15:00 so the result is due the next working day, processed
 * along the commune's workflow and returned at the counter.
 */
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { APPLICANT, type Dossier, dossierApi, H, vn } from './test-helpers.js';

const t = await testDatabase('demo');
// Friday 4 December 2026, 15:20 in Hà Nội: after the 15:00 cut-off
const api = await dossierApi(t, vn(2026, 12, 4, 15, 20));

const birth = {
  procedureCode: '1.001193',
  applicant: APPLICANT,
  documents: [
    { code: 'TK_KHAI_SINH', provided: true, originals: 1 },
    { code: 'GIAY_CHUNG_SINH', provided: true, originals: 1 },
  ],
};

describe('birth registration at the counter, across the 15:00 rule', () => {
  let d: Dossier;

  it('registers the dossier at the counter (status 1, no code yet)', async () => {
    d = await api.register('motcua.hoankiem', birth);
    expect(d).toMatchObject({
      status: 'submitted',
      nationalStatus: 1,
      code: null,
      channel: 'direct',
      version: 1,
    });
  });

  it('accepts it: code of the receiving agency and day, due the next working day (Monday)', async () => {
    d = await api.act('motcua.hoankiem', d, 'accept');
    expect(d.status).toBe('accepted');
    expect(d.nationalStatus).toBe(2);
    expect(d.code).toMatch(/^000\.[0-9A-Z]{2}\.99\.H26-261204-0001$/);
    // received after 15:00 on Friday: due at the end of Monday 7 December (TIME.md, same_day)
    expect(new Date(d.dueAt as string).getTime()).toBe(vn(2026, 12, 7, 17, 0));
    expect(d.appointmentAt).toBe(d.dueAt);
    expect(d.currentStep).toBe('TIEP_NHAN');
  });

  it('queues the acceptance notice (e-mail and SMS) in the outbox, in the same transaction', async () => {
    const rows = await t.db
      .selectFrom('outbox_messages')
      .select(['channel', 'topic', 'recipient'])
      .where('topic', '=', 'dossier.accepted')
      .execute();
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'sms']);
  });

  it('prints Mẫu 01 with the code, from the log', async () => {
    const r = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/forms/RECEIPT`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('moves along the workflow: one-stop → specialist → leader signs → clerk issues → returned', async () => {
    await api.advance(10 * 60_000);
    d = await api.act('motcua.hoankiem', d, 'forward');
    expect(d).toMatchObject({ status: 'processing', nationalStatus: 4, currentStep: 'THAM_TRA' });
    // the step is the specialist's, in Phòng Văn hóa - Xã hội: the receiving officer cannot appraise it
    await api.refused('motcua.hoankiem', d, 'forward', { outcome: 'positive' }, 403, 'FORBIDDEN');
    // nor can a specialist of another commune
    await api.refused('chuyenvien.caugiay', d, 'forward', { outcome: 'positive' }, 404, 'NOT_FOUND');
    await api.advance(H);
    d = await api.act('chuyenvien.hoankiem', d, 'forward', { outcome: 'positive' });
    expect(d.currentStep).toBe('KY');
    await api.refused('chuyenvien.hoankiem', d, 'sign', {}, 403, 'FORBIDDEN');
    d = await api.act('lanhdao.hoankiem', d, 'approve');
    d = await api.act('lanhdao.hoankiem', d, 'sign');
    d = await api.act('lanhdao.hoankiem', d, 'forward');
    expect(d.currentStep).toBe('BAN_HANH');
    d = await api.act('vanthu.hoankiem', d, 'issue_result');
    expect(d).toMatchObject({ status: 'result_ready', nationalStatus: 9, currentStep: null });
    d = await api.act('motcua.hoankiem', d, 'return_result', { delivery: 'counter' });
    expect(d).toMatchObject({ status: 'returned', nationalStatus: 10 });
  });

  it('shows the public tracking page without any personal data', async () => {
    const r = await api.app.inject({ method: 'GET', url: `/api/v1/tracking/${d.code}` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      code: d.code,
      status: 'returned',
      nationalStatus: 10,
      procedure: { code: '1.001193' },
    });
    expect(r.body).not.toContain(APPLICANT.name);
    expect(r.body).not.toContain(APPLICANT.identityNumber);
    expect(r.body).not.toContain(APPLICANT.phone);
  });

  it('prints the control slip with each segment judged against its step budget', async () => {
    const r = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/forms/CONTROL_SHEET`);
    expect(r.statusCode, r.body).toBe(200);
  });

  it('keeps stored state equal to the replayed log', async () => {
    await api.expectReplayable();
    const log = await api.get('motcua.hoankiem', `/api/v1/dossiers/${d.id}/actions`);
    expect(log.json().map((a: { type: string }) => a.type)).toEqual([
      'register',
      'accept',
      'forward',
      'forward',
      'approve',
      'sign',
      'forward',
      'issue_result',
      'return_result',
    ]);
  });
});
