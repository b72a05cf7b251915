/**
 * Decision 766 indicators over the API: phường Hoàn Kiếm's December with one birth registration
 * resolved on time, one resolved late and one open overdue; 2.1 is scored from them, 3.3 shown,
 * everything MotCua does not measure yet says so, and the figure drills down to its dossiers.
 * Its PAKN then give 5.1–5.3: full points without any ([REV]), then measured from the PAKN log.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.js';
import { type Dossier, dossierApi, H, journey, placeOf, vn } from '../dossiers/test-helpers.js';

const t = await testDatabase('demo');
const api = await dossierApi(t, vn(2026, 12, 7, 9, 0));

describe('Decision 766 indicators', () => {
  let agencyId: number;
  let late: Dossier;
  let open: Dossier;

  it('scores 2.1 from the log and ranks the commune among communes', async () => {
    const onTime = await journey(api, 'returned');
    agencyId = onTime.competentAgencyId as number;
    late = await journey(api, 'appraisal');
    open = await journey(api, 'appraisal');
    api.advance(26 * H);
    let d = await api.act('chuyenvien.hoankiem', late, 'forward', { outcome: 'positive' });
    for (const a of ['approve', 'sign', 'forward']) d = await api.act('lanhdao.hoankiem', d, a);
    late = await api.act('vanthu.hoankiem', d, 'issue_result');

    const r = await api.get('thanhtra', '/api/v1/indicators?period=2026-12');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.measured).toEqual([
      'DOSSIER_ON_TIME',
      'ONLINE_CHANNEL_SHARE',
      'PETITION_CLASSIFICATION',
      'PETITION_PROCESSING_ON_TIME',
      'PETITION_HANDLING_SATISFACTION',
    ]);
    const communes = body.rankings.find((x: { agencies: { agency: { id: number } }[] }) =>
      x.agencies.some((a) => a.agency.id === agencyId),
    );
    const unit = communes.agencies.find((a: { agency: { id: number } }) => a.agency.id === agencyId);
    expect(unit.rank).toBe(1);
    const metrics = unit.groups.flatMap((g: { metrics: unknown[] }) => g.metrics);
    const m21 = metrics.find((m: { code: string }) => m.code === 'DOSSIER_ON_TIME');
    // 1 on time of 3: 20 × 1/3
    expect(m21).toMatchObject({ ratio: { numerator: 1, denominator: 3 }, score: 6.67 });
    const m33 = metrics.find((m: { code: string }) => m.code === 'ONLINE_CHANNEL_SHARE');
    expect(m33).toMatchObject({
      ratio: { numerator: 0, denominator: 3 },
      score: null,
      nullBecause: 'unresolved',
    });
    // what MotCua does not measure is not a zero
    const other = metrics.find((m: { code: string }) => m.code === 'SO_HOA_GIAY_TO_GIAI_QUYET');
    expect(other).toMatchObject({ ratio: null, score: null, nullBecause: 'not_measured' });
    // no PAKN: 5.2 and 5.3 earn their full 6 points each ([REV]); 5.1 is tracking only
    const m52 = metrics.find((m: { code: string }) => m.code === 'PETITION_PROCESSING_ON_TIME');
    expect(m52).toMatchObject({ ratio: { numerator: 0, denominator: 0, percent: null }, score: 6 });
    const m51 = metrics.find((m: { code: string }) => m.code === 'PETITION_CLASSIFICATION');
    expect(m51).toMatchObject({ score: null, nullBecause: 'tracking' });
    expect(unit).toMatchObject({ total: 18.67, measuredMax: 32 });
    expect(body.deployment.total).toBe(18.67);
  });

  it('drills down to the dossiers counted against the figure', async () => {
    const r = await api.get(
      'lanhdao.hoankiem',
      `/api/v1/agencies/${agencyId}/indicators/dossiers?period=2026-12`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const rows = r.json().dossiers as { code: string; count: string }[];
    expect(rows.map((x) => [x.code, x.count]).sort()).toEqual(
      [
        [late.code, 'late'],
        [open.code, 'overdue'],
      ].sort(),
    );
    const onTime = await api.get(
      'lanhdao.hoankiem',
      `/api/v1/agencies/${agencyId}/indicators/dossiers?period=2026-12&count=on_time`,
    );
    expect(onTime.json().dossiers).toHaveLength(1);
  });

  it('says "no data" for a period without dossiers, and refuses what it must', async () => {
    const empty = (await api.get('thanhtra', '/api/v1/indicators?period=2025-01')).json();
    expect(empty.rankings).toEqual([]);
    const d21 = empty.deployment.groups
      .flatMap((g: { metrics: { code: string }[] }) => g.metrics)
      .find((m: { code: string }) => m.code === 'DOSSIER_ON_TIME');
    expect(d21).toMatchObject({ ratio: { numerator: 0, denominator: 0, percent: null }, score: null });
    expect((await api.get('thanhtra', '/api/v1/indicators?period=2026-13')).json().error.code).toBe(
      'PERIOD_INVALID',
    );
    expect((await api.get('chuyenvien.hoankiem', '/api/v1/indicators?period=2026-12')).statusCode).toBe(403);
    expect(
      (await api.get('lanhdao.sxd', `/api/v1/agencies/${agencyId}/indicators/dossiers?period=2026-12`))
        .statusCode,
    ).toBe(403);
  });

  it('measures 5.1–5.3 from the PAKN log', async () => {
    const place = await placeOf(t.db, 'lanhdao.hoankiem');
    const submit = async () => {
      const r = await api.app.inject({
        method: 'POST',
        url: '/api/v1/feedback',
        headers: { 'idempotency-key': randomUUID() },
        payload: {
          tenant: place.tenant,
          agency: place.identifier,
          title: 'Phản ánh về thủ tục khai sinh',
          content: 'Yêu cầu nộp thêm giấy tờ không có trong quy định.',
          submitter: { name: 'Trần Văn An', email: 'an@example.vn' },
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { feedback: { id: number; version: number }; accessToken: string };
    };
    // one resolved and published on time but rated dissatisfied; one still open within time
    const a = await submit();
    await submit();
    let f = a.feedback;
    for (const [user, body] of [
      ['chuyenvien.hoankiem', { type: 'classify', classification: 'rules' }],
      ['chuyenvien.hoankiem', { type: 'resolve', answer: 'Đã hướng dẫn lại theo quy định.' }],
      ['truongphong.hoankiem', { type: 'publish' }],
    ] as const) {
      const r = await api.post(user, `/api/v1/feedback/${f.id}/actions`, {
        ...body,
        expectedVersion: f.version,
      });
      expect(r.statusCode, r.body).toBe(200);
      f = r.json().feedback;
    }
    const rated = await api.app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${f.id}/citizen-actions`,
      headers: { 'idempotency-key': randomUUID(), 'x-feedback-token': a.accessToken },
      payload: { type: 'rate', expectedVersion: f.version, satisfied: false },
    });
    expect(rated.statusCode, rated.body).toBe(200);

    const body = (await api.get('thanhtra', '/api/v1/indicators?period=2026-12')).json();
    const unit = body.rankings
      .flatMap((x: { agencies: unknown[] }) => x.agencies)
      .find((u: { agency: { id: number } }) => u.agency.id === agencyId);
    const metric = (code: string) =>
      unit.groups
        .flatMap((g: { metrics: { code: string }[] }) => g.metrics)
        .find((m: { code: string }) => m.code === code);
    expect(metric('PETITION_CLASSIFICATION')).toMatchObject({
      ratio: { numerator: 1, denominator: 1 },
      score: null,
    });
    expect(metric('PETITION_PROCESSING_ON_TIME')).toMatchObject({
      ratio: { numerator: 2, denominator: 2 },
      score: 6,
    });
    expect(metric('PETITION_HANDLING_SATISFACTION')).toMatchObject({
      ratio: { numerator: 0, denominator: 1, percent: 0 },
      score: 0,
    });
    expect(unit).toMatchObject({ total: 12.67, measuredMax: 32 });
  });
});
