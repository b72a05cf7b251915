/**
 * What MotCua tells an applicant when their dossier moves: e-mail (subject, plain text, simple
 * HTML) and SMS. Pure: typed data in, text out; no clock, no configuration.
 *
 * Every output is NFC: names typed on some keyboards arrive decomposed (NFD), which some mail
 * clients and SMS gateways show as broken diacritics. SMS are kept within 160 characters in their
 * unaccented form, so a GSM-7 brandname sends each as one SMS (and at most three with diacritics).
 */
import { smsInfo, toUnaccented } from '../../integrations/sms/index.js';

export interface DossierInfo {
  /** Mã hồ sơ, e.g. 000.00.01.H26-261120-0001 */
  code: string;
  procedureName: string;
  applicantName: string;
  /** The agency that receives or decides the dossier. */
  agencyName: string;
  /** Public tracking page of this dossier, when the deployment has one. */
  trackingUrl?: string | null;
}

export type NotificationEvent =
  | {
      kind: 'dossier.accepted';
      dossier: DossierInfo;
      receivedAt: Date;
      /** Ngày hẹn trả kết quả; null for procedures resolved on the spot. */
      appointmentAt: Date | null;
      receptionPoint?: string | null;
    }
  | {
      /** At reception: the dossier is incomplete and is not accepted until completed. */
      kind: 'dossier.completion_requested';
      dossier: DossierInfo;
      items: string[];
      note?: string | null;
    }
  | {
      /** During processing: the agency asks for more; the processing clock stops meanwhile. */
      kind: 'dossier.supplement_requested';
      dossier: DossierInfo;
      items: string[];
      reason: string;
      respondBy?: Date | null;
    }
  | { kind: 'dossier.refused'; dossier: DossierInfo; reason: string }
  | {
      /** The result will be late: the agency apologises and sets a new appointment. */
      kind: 'dossier.apology';
      dossier: DossierInfo;
      reason: string;
      previousAppointmentAt: Date;
      newAppointmentAt: Date;
    }
  | {
      kind: 'dossier.result_ready';
      dossier: DossierInfo;
      resultName?: string | null;
      pickup: 'counter' | 'post' | 'online';
      /** Where to collect it (counter) or download it (online). */
      pickupPlace?: string | null;
      /** Fees still owed when collecting, in đồng. */
      feeDue?: number | null;
    }
  | { kind: 'dossier.result_returned'; dossier: DossierInfo; returnedAt: Date; ratingUrl?: string | null };

export type NotificationKind = NotificationEvent['kind'];

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'dossier.accepted',
  'dossier.completion_requested',
  'dossier.supplement_requested',
  'dossier.refused',
  'dossier.apology',
  'dossier.result_ready',
  'dossier.result_returned',
];

export interface RenderedNotification {
  topic: NotificationKind;
  email: { subject: string; text: string; html: string };
  sms: string;
}

export interface RenderOptions {
  /** Closing line naming the sender, e.g. "Trung tâm Phục vụ hành chính công Thành phố Hà Nội". */
  signature?: string | null;
}

export const SMS_LIMIT = 160;
const SYSTEM = 'Hệ thống thông tin giải quyết thủ tục hành chính';

// ---- formatting (Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975) ----------

const VN_OFFSET_MS = 7 * 60 * 60_000;
const two = (n: number) => String(n).padStart(2, '0');

function vnParts(d: Date) {
  const t = new Date(d.getTime() + VN_OFFSET_MS);
  return {
    date: `${two(t.getUTCDate())}/${two(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`,
    time: `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`,
  };
}

/** "08:00 ngày 25/11/2026" */
export function formatVnDateTime(d: Date): string {
  const p = vnParts(d);
  return `${p.time} ngày ${p.date}`;
}

/** "25/11/2026" */
export function formatVnDate(d: Date): string {
  return vnParts(d).date;
}

/** "08:00 25/11/2026": the short form for SMS */
function shortDateTime(d: Date): string {
  const p = vnParts(d);
  return `${p.time} ${p.date}`;
}

/** "1.250.000 đồng" */
export function formatDong(amount: number): string {
  const digits = String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} đồng`;
}

const nfc = (s: string) => s.normalize('NFC');

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const isWebUrl = (u: string) => /^https?:\/\/[^\s<>"']+$/i.test(u);

// ---- SMS fitting ------------------------------------------------------------------------------

const smsLength = (s: string) => toUnaccented(s).length;

/**
 * The SMS `head` + `variable` + `tail`, with `variable` (a reason, a place) shortened until the
 * whole fits SMS_LIMIT, then the optional `link` appended if it still fits.
 */
function fitSms(head: string, variable: string, tail: string, link?: string | null): string {
  let v = variable.replace(/\s+/g, ' ');
  if (smsLength(head + v + tail) > SMS_LIMIT) {
    const room = SMS_LIMIT - smsLength(head + tail) - 3;
    v = room > 0 ? `${[...v].slice(0, room).join('').trimEnd()}...` : '';
  }
  const text = head + v + tail;
  if (link && isWebUrl(link) && smsLength(`${text} ${link}`) <= SMS_LIMIT) return `${text} ${link}`;
  return text;
}

// ---- content ----------------------------------------------------------------------------------

interface Content {
  subject: string;
  lead: string;
  details: [string, string][];
  listTitle?: string;
  list?: string[];
  paragraphs?: string[];
  link?: { label: string; url: string } | null;
  sms: string;
}

const dossierRows = (d: DossierInfo): [string, string][] => [
  ['Mã hồ sơ', d.code],
  ['Thủ tục', d.procedureName],
  ['Cơ quan', d.agencyName],
];

const trackingLink = (d: DossierInfo) =>
  d.trackingUrl ? { label: 'Tra cứu tình trạng hồ sơ', url: d.trackingUrl } : null;

function content(e: NotificationEvent): Content {
  const d = e.dossier;
  switch (e.kind) {
    case 'dossier.accepted':
      return {
        subject: `Hồ sơ ${d.code} đã được tiếp nhận`,
        lead: `Hồ sơ của Ông/Bà đã được tiếp nhận lúc ${formatVnDateTime(e.receivedAt)}.`,
        details: [
          ...dossierRows(d),
          ...(e.receptionPoint ? [['Nơi tiếp nhận', e.receptionPoint] as [string, string]] : []),
          [
            'Hẹn trả kết quả',
            e.appointmentAt ? formatVnDateTime(e.appointmentAt) : 'giải quyết ngay trong ngày',
          ],
        ],
        paragraphs: ['Vui lòng giữ mã hồ sơ để tra cứu tình trạng giải quyết và nhận kết quả.'],
        link: trackingLink(d),
        sms: fitSms(
          `Hồ sơ ${d.code} đã được tiếp nhận.`,
          '',
          e.appointmentAt ? ` Hẹn trả kết quả: ${shortDateTime(e.appointmentAt)}.` : '',
          d.trackingUrl,
        ),
      };
    case 'dossier.completion_requested':
      return {
        subject: `Hồ sơ ${d.code} cần bổ sung, hoàn thiện`,
        lead: 'Hồ sơ của Ông/Bà chưa đầy đủ, chưa đủ điều kiện để tiếp nhận. Đề nghị Ông/Bà bổ sung, hoàn thiện các nội dung dưới đây rồi nộp lại.',
        details: dossierRows(d),
        listTitle: 'Nội dung cần bổ sung, hoàn thiện',
        list: e.items,
        paragraphs: e.note ? [e.note] : [],
        link: trackingLink(d),
        sms: fitSms(
          `Hồ sơ ${d.code} chưa đủ điều kiện tiếp nhận, cần bổ sung ${e.items.length} nội dung.`,
          '',
          '',
          d.trackingUrl,
        ),
      };
    case 'dossier.supplement_requested':
      return {
        subject: `Yêu cầu bổ sung hồ sơ ${d.code}`,
        lead: `Trong quá trình giải quyết, ${d.agencyName} đề nghị Ông/Bà bổ sung hồ sơ. Lý do: ${e.reason}`,
        details: [
          ...dossierRows(d),
          ...(e.respondBy ? [['Hạn bổ sung', formatVnDate(e.respondBy)] as [string, string]] : []),
        ],
        listTitle: 'Nội dung cần bổ sung',
        list: e.items,
        paragraphs: [
          'Thời gian giải quyết hồ sơ tạm dừng kể từ khi có yêu cầu này và tiếp tục khi nhận đủ hồ sơ bổ sung.',
        ],
        link: trackingLink(d),
        sms: fitSms(
          `Hồ sơ ${d.code}: cơ quan giải quyết yêu cầu bổ sung ${e.items.length} nội dung${e.respondBy ? ` trước ${formatVnDate(e.respondBy)}` : ''}.`,
          '',
          ' Thời gian giải quyết tạm dừng đến khi nhận đủ.',
          d.trackingUrl,
        ),
      };
    case 'dossier.refused':
      return {
        subject: `Hồ sơ ${d.code} không được giải quyết`,
        lead: `${d.agencyName} thông báo hồ sơ của Ông/Bà không được giải quyết.`,
        details: [...dossierRows(d), ['Lý do', e.reason]],
        paragraphs: ['Ông/Bà có thể liên hệ cơ quan giải quyết để được hướng dẫn.'],
        link: trackingLink(d),
        sms: fitSms(`Hồ sơ ${d.code} không được giải quyết. Lý do: `, e.reason, '', null),
      };
    case 'dossier.apology':
      return {
        subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${d.code}`,
        lead: `${d.agencyName} thành thật xin lỗi Ông/Bà vì hồ sơ chưa được giải quyết đúng hẹn.`,
        details: [
          ...dossierRows(d),
          ['Lý do', e.reason],
          ['Ngày hẹn trước', formatVnDateTime(e.previousAppointmentAt)],
          ['Ngày hẹn trả lại', formatVnDateTime(e.newAppointmentAt)],
        ],
        paragraphs: ['Mong Ông/Bà thông cảm.'],
        link: trackingLink(d),
        sms: fitSms(
          `Xin lỗi Ông/Bà: hồ sơ ${d.code} chưa có kết quả đúng hẹn. Hẹn trả lại: ${shortDateTime(e.newAppointmentAt)}.`,
          '',
          '',
          d.trackingUrl,
        ),
      };
    case 'dossier.result_ready': {
      const how =
        e.pickup === 'post'
          ? 'Kết quả sẽ được gửi đến Ông/Bà qua dịch vụ bưu chính.'
          : e.pickup === 'online'
            ? 'Ông/Bà có thể nhận bản điện tử của kết quả trực tuyến.'
            : `Mời Ông/Bà đến nhận kết quả${e.pickupPlace ? ` tại ${e.pickupPlace}` : ''}, mang theo giấy tờ tùy thân.`;
      const smsHow =
        e.pickup === 'post'
          ? ' Kết quả được gửi qua bưu chính.'
          : e.pickup === 'online'
            ? ' Nhận bản điện tử trực tuyến.'
            : e.pickupPlace
              ? ' Mời nhận tại '
              : ' Mời Ông/Bà đến nhận.';
      const place = e.pickup === 'counter' && e.pickupPlace ? e.pickupPlace : '';
      return {
        subject: `Hồ sơ ${d.code} đã có kết quả`,
        lead: `Hồ sơ của Ông/Bà đã có kết quả giải quyết. ${how}`,
        details: [
          ...dossierRows(d),
          ...(e.resultName ? [['Kết quả', e.resultName] as [string, string]] : []),
          ...(e.feeDue ? [['Phí, lệ phí còn phải nộp', formatDong(e.feeDue)] as [string, string]] : []),
        ],
        link:
          e.pickup === 'online' && e.pickupPlace && isWebUrl(e.pickupPlace)
            ? { label: 'Nhận kết quả', url: e.pickupPlace }
            : trackingLink(d),
        sms: fitSms(`Hồ sơ ${d.code} đã có kết quả.${smsHow}`, place, place ? '.' : '', d.trackingUrl),
      };
    }
    case 'dossier.result_returned':
      return {
        subject: `Hồ sơ ${d.code} đã trả kết quả`,
        lead: `Kết quả giải quyết hồ sơ của Ông/Bà đã được trả lúc ${formatVnDateTime(e.returnedAt)}.`,
        details: dossierRows(d),
        paragraphs: ['Mời Ông/Bà đánh giá mức độ hài lòng về việc giải quyết thủ tục hành chính.'],
        link: e.ratingUrl ? { label: 'Đánh giá mức độ hài lòng', url: e.ratingUrl } : trackingLink(d),
        sms: fitSms(
          `Hồ sơ ${d.code} đã trả kết quả lúc ${shortDateTime(e.returnedAt)}.`,
          '',
          e.ratingUrl ? ' Mời đánh giá:' : '',
          e.ratingUrl ?? null,
        ),
      };
  }
}

function textBody(c: Content, applicant: string, signature: string): string {
  const lines = [`Kính gửi Ông/Bà ${applicant},`, '', c.lead, ''];
  for (const [k, v] of c.details) lines.push(`${k}: ${v}`);
  if (c.list?.length) {
    lines.push('', `${c.listTitle}:`);
    c.list.forEach((item, i) => {
      lines.push(`${i + 1}. ${item}`);
    });
  }
  for (const p of c.paragraphs ?? []) lines.push('', p);
  if (c.link && isWebUrl(c.link.url)) lines.push('', `${c.link.label}: ${c.link.url}`);
  lines.push('', '--', signature, 'Thư này được gửi tự động, vui lòng không trả lời.');
  return lines.join('\n');
}

function htmlBody(c: Content, applicant: string, signature: string): string {
  const h = escapeHtml;
  const rows = c.details
    .map(
      ([k, v]) =>
        `<tr><th style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${h(k)}</th><td style="padding:4px 0">${h(v)}</td></tr>`,
    )
    .join('');
  const list = c.list?.length
    ? `<p><strong>${h(c.listTitle ?? '')}:</strong></p><ol>${c.list.map((i) => `<li>${h(i)}</li>`).join('')}</ol>`
    : '';
  const paragraphs = (c.paragraphs ?? []).map((p) => `<p>${h(p)}</p>`).join('');
  const link =
    c.link && isWebUrl(c.link.url) ? `<p><a href="${h(c.link.url)}">${h(c.link.label)}</a></p>` : '';
  return [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8">',
    `<title>${h(c.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    `<p>Kính gửi Ông/Bà ${h(applicant)},</p>`,
    `<p>${h(c.lead)}</p>`,
    `<table style="border-collapse:collapse">${rows}</table>`,
    list,
    paragraphs,
    link,
    '<hr style="border:none;border-top:1px solid #ccc">',
    `<p style="color:#555;font-size:13px">${h(signature)}<br>Thư này được gửi tự động, vui lòng không trả lời.</p>`,
    '</body></html>',
  ].join('\n');
}

/** NFC for every string inside the event, so whatever the caller passed comes out composed. */
function normalized(e: NotificationEvent): NotificationEvent {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return nfc(v.trim());
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && !(v instanceof Date))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(e) as NotificationEvent;
}

export function renderNotification(event: NotificationEvent, opts: RenderOptions = {}): RenderedNotification {
  const e = normalized(event);
  const c = content(e);
  const signature = nfc(opts.signature?.trim() || SYSTEM);
  return {
    topic: e.kind,
    email: {
      subject: nfc(c.subject),
      text: nfc(textBody(c, e.dossier.applicantName, signature)),
      html: nfc(htmlBody(c, e.dossier.applicantName, signature)),
    },
    sms: nfc(c.sms),
  };
}

/** Segments the SMS takes as rendered and unaccented: for cost estimates and tests. */
export function smsCost(text: string): { accented: number; unaccented: number } {
  return { accented: smsInfo(text).segments, unaccented: smsInfo(toUnaccented(text)).segments };
}
