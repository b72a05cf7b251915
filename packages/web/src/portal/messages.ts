import type { Messages } from '../app/messages.js';
import * as account from './account-messages.js';
import * as procedure from './procedure-messages.js';
import * as tracking from './tracking-messages.js';
import * as wizard from './wizard-messages.js';

/** The portal's texts. Vietnamese is the source; English must have the same keys. */
export const vi = {
  home: {
    title: 'Dịch vụ công một cửa',
    searchTitle: 'Tra cứu thủ tục hành chính',
    searchLabel: 'Tên hoặc mã thủ tục (gõ không dấu cũng được)',
    searchPlaceholder: 'Ví dụ: dang ky khai sinh',
    found: 'Tìm thấy {{n}} thủ tục',
    noField: 'Chưa phân lĩnh vực',
    feedbackTitle: 'Phản ánh, kiến nghị',
    feedbackText:
      'Góp ý về quy định, thủ tục hành chính hoặc về hành vi, thái độ của cán bộ; cơ quan trả lời trong 15 ngày làm việc.',
    feedbackSend: 'Gửi phản ánh, kiến nghị',
    feedbackFollow: 'Theo dõi phản ánh đã gửi',
    feedbackAnswers: 'Xem kết quả trả lời',
  },
  procedure: procedure.vi,
  tracking: tracking.vi,
  account: account.vi,
  wizard: wizard.vi,
};

export const en: Messages<typeof vi> = {
  home: {
    title: 'One-stop public services',
    searchTitle: 'Find an administrative procedure',
    searchLabel: 'Name or code of the procedure (accents optional)',
    searchPlaceholder: 'For example: birth registration',
    found: '{{n}} procedures found',
    noField: 'No field yet',
    feedbackTitle: 'Feedback and petitions',
    feedbackText:
      'About an administrative rule or procedure, or an official’s behaviour; the agency answers within 15 working days.',
    feedbackSend: 'Send feedback',
    feedbackFollow: 'Follow feedback you sent',
    feedbackAnswers: 'See the published answers',
  },
  procedure: procedure.en,
  tracking: tracking.en,
  account: account.en,
  wizard: wizard.en,
};
