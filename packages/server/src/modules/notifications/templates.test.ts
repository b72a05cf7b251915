/** Applicant notifications: every event renders, in NFC, with SMS that fit. */
import { describe, expect, it } from 'vitest';
import { smsInfo, toUnaccented } from '../../integrations/sms/index.js';
import {
  type DossierInfo,
  formatDong,
  formatVnDateTime,
  NOTIFICATION_KINDS,
  type NotificationEvent,
  renderNotification,
  SMS_LIMIT,
  smsCost,
} from './templates.js';

const dossier: DossierInfo = {
  code: '000.00.01.H26-261120-0001',
  procedureName: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
  applicantName: 'Nguyễn Thị Hương',
  agencyName: 'Ủy ban nhân dân phường Hoàn Kiếm',
  trackingUrl: 'https://dichvucong.hanoi.gov.vn/tra-cuu/000.00.01.H26-261120-0001',
};

// 2026-11-20 08:15 and 2026-11-27 16:30 in Hà Nội
const received = new Date('2026-11-20T01:15:00Z');
const appointment = new Date('2026-11-27T09:30:00Z');

const longReason =
  'Hồ sơ đề nghị cấp phép xây dựng có bản vẽ thiết kế không phù hợp với quy hoạch chi tiết tỷ lệ 1/500 đã được phê duyệt tại khu vực, đồng thời thiếu ý kiến của cơ quan quản lý di tích về phạm vi bảo vệ khu vực II.';

const events: NotificationEvent[] = [
  {
    kind: 'dossier.accepted',
    dossier,
    receivedAt: received,
    appointmentAt: appointment,
    receptionPoint: 'Bộ phận Một cửa phường Hoàn Kiếm',
  },
  {
    kind: 'dossier.completion_requested',
    dossier,
    items: ['Bản sao Giấy chứng nhận quyền sử dụng đất', 'Bản vẽ thiết kế có chữ ký của chủ đầu tư'],
    note: 'Ông/Bà có thể nộp bổ sung trực tuyến.',
  },
  {
    kind: 'dossier.supplement_requested',
    dossier,
    items: ['Ý kiến của cơ quan quản lý di tích'],
    reason: 'Công trình nằm trong khu vực bảo vệ II của di tích.',
    respondBy: new Date('2026-12-04T10:00:00Z'),
  },
  { kind: 'dossier.refused', dossier, reason: longReason },
  {
    kind: 'dossier.apology',
    dossier,
    reason: 'Cần lấy thêm ý kiến của Sở Xây dựng.',
    previousAppointmentAt: appointment,
    newAppointmentAt: new Date('2026-12-03T09:30:00Z'),
  },
  {
    kind: 'dossier.result_ready',
    dossier,
    resultName: 'Giấy phép xây dựng',
    pickup: 'counter',
    pickupPlace:
      'Bộ phận Một cửa phường Hoàn Kiếm, số 126 phố Hàng Trống, phường Hoàn Kiếm, Thành phố Hà Nội',
    feeDue: 75000,
  },
  {
    kind: 'dossier.result_returned',
    dossier,
    returnedAt: new Date('2026-11-27T03:05:00Z'),
    ratingUrl: 'https://dichvucong.hanoi.gov.vn/danh-gia/261120-0001',
  },
];

describe('notification templates', () => {
  it('covers every event', () => {
    expect(events.map((e) => e.kind)).toEqual(NOTIFICATION_KINDS);
  });

  it.each(events)('renders $kind: subject, text, HTML and an SMS that fits', (event) => {
    const r = renderNotification(event);
    expect(r.topic).toBe(event.kind);
    for (const s of [r.email.subject, r.email.text, r.email.html, r.sms]) {
      expect(s).toBe(s.normalize('NFC'));
      expect(s).not.toMatch(/undefined|null|NaN|\[object/);
    }
    expect(r.email.subject).toContain(dossier.code);
    expect(r.email.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Hương,');
    expect(r.email.text).toContain(`Mã hồ sơ: ${dossier.code}`);
    expect(r.email.html).toContain('<html lang="vi">');
    expect(r.email.html).toContain(dossier.code);
    expect(r.sms).toContain(dossier.code);
    expect(r.sms.length).toBeLessThanOrEqual(SMS_LIMIT);
    expect(smsInfo(toUnaccented(r.sms))).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(smsCost(r.sms).accented).toBeLessThanOrEqual(3);
  });

  it('writes the appointment in Hà Nội time', () => {
    const r = renderNotification(events[0]!);
    expect(r.email.subject).toBe('Hồ sơ 000.00.01.H26-261120-0001 đã được tiếp nhận');
    expect(r.email.text).toContain('đã được tiếp nhận lúc 08:15 ngày 20/11/2026');
    expect(r.email.text).toContain('Hẹn trả kết quả: 16:30 ngày 27/11/2026');
    expect(r.sms).toBe(
      'Hồ sơ 000.00.01.H26-261120-0001 đã được tiếp nhận. Hẹn trả kết quả: 16:30 27/11/2026. https://dichvucong.hanoi.gov.vn/tra-cuu/000.00.01.H26-261120-0001',
    );
    expect(formatVnDateTime(new Date('2026-12-31T17:00:00Z'))).toBe('00:00 ngày 01/01/2027');
  });

  it('shortens a long reason in the SMS but keeps it whole in the e-mail', () => {
    const r = renderNotification(events[3]!);
    expect(r.sms).toMatch(
      /^Hồ sơ 000\.00\.01\.H26-261120-0001 không được giải quyết\. Lý do: Hồ sơ đề nghị .*\.\.\.$/,
    );
    expect(r.email.text).toContain(longReason);
  });

  it('lists what to supplement and says the clock stops', () => {
    const r = renderNotification(events[2]!);
    expect(r.email.text).toContain('1. Ý kiến của cơ quan quản lý di tích');
    expect(r.email.text).toContain('Hạn bổ sung: 04/12/2026');
    expect(r.email.text).toContain('tạm dừng');
    expect(r.email.html).toContain('<ol><li>Ý kiến của cơ quan quản lý di tích</li></ol>');
  });

  it('formats fees in đồng', () => {
    expect(renderNotification(events[5]!).email.text).toContain('Phí, lệ phí còn phải nộp: 75.000 đồng');
    expect(formatDong(1_250_000)).toBe('1.250.000 đồng');
  });

  it('composes decomposed input (NFD) and escapes HTML', () => {
    const r = renderNotification({
      kind: 'dossier.refused',
      dossier: {
        ...dossier,
        applicantName: 'Lê Văn <b>Đức</b>'.normalize('NFD'),
        trackingUrl: 'javascript:alert(1)',
      },
      reason: 'Thiếu "bản chính" & không đúng mẫu'.normalize('NFD'),
    });
    expect(r.email.text).toContain('Kính gửi Ông/Bà Lê Văn <b>Đức</b>,'.normalize('NFC'));
    expect(r.email.html).toContain('Lê Văn &lt;b&gt;Đức&lt;/b&gt;');
    expect(r.email.html).toContain('Thiếu &quot;bản chính&quot; &amp; không đúng mẫu');
    expect(r.email.html).not.toContain('javascript:');
    expect(r.email.text).not.toContain('javascript:');
  });

  it('signs with the deployment when given', () => {
    const r = renderNotification(events[6]!, {
      signature: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội',
    });
    expect(r.email.text).toContain('--\nTrung tâm Phục vụ hành chính công Thành phố Hà Nội');
    expect(r.email.html).toContain('href="https://dichvucong.hanoi.gov.vn/danh-gia/261120-0001"');
  });

  it('handles an on-the-spot procedure without appointment and an online result', () => {
    const a = renderNotification({
      ...(events[0] as Extract<NotificationEvent, { kind: 'dossier.accepted' }>),
      appointmentAt: null,
    });
    expect(a.email.text).toContain('Hẹn trả kết quả: giải quyết ngay trong ngày');
    const online = renderNotification({
      kind: 'dossier.result_ready',
      dossier: { ...dossier, trackingUrl: null },
      pickup: 'online',
      pickupPlace: 'https://dichvucong.hanoi.gov.vn/ket-qua/abc',
    });
    expect(online.email.html).toContain('href="https://dichvucong.hanoi.gov.vn/ket-qua/abc"');
    expect(online.sms).toBe('Hồ sơ 000.00.01.H26-261120-0001 đã có kết quả. Nhận bản điện tử trực tuyến.');
  });
});
