/**
 * Texts of the public transparency page (/minh-bach) and its link in the portal's menu. Vietnamese
 * is the source; English has the same keys. Kept beside the page and read through
 * `useTransparencyText` (the language i18next has chosen), so the page adds nothing to the shared
 * message files; the menu's label is two short strings in the first load.
 */
import { useTranslation } from 'react-i18next';
import type { Messages } from '../app/messages.js';

export const vi = {
  nav: 'Công khai kết quả',
  title: 'Công khai kết quả giải quyết thủ tục hành chính',
  intro:
    'Tỷ lệ hồ sơ giải quyết đúng hạn (chỉ số 2.1, Quyết định 766/QĐ-TTg), mức độ hài lòng của người dân qua đánh giá sau khi nhận kết quả, và điểm dự kiến MotCua tính từ dữ liệu của mình. Điểm chính thức do Cổng Dịch vụ công quốc gia công bố.',
  period: 'Tháng',
  show: 'Xem',
  asOf: 'Số liệu lúc {{time}}',
  deployment: 'Toàn đơn vị',
  onTime: 'Giải quyết đúng hạn',
  onTimeOf: '{{n}}/{{d}} hồ sơ',
  satisfaction: 'Hài lòng',
  satisfactionOf: '{{n}}/{{d}} lượt đánh giá',
  score: 'Điểm dự kiến',
  scoreOf: '{{score}} / {{max}} điểm',
  noData: 'chưa có dữ liệu',
  agencies: 'Theo cơ quan',
  none: 'Chưa có hồ sơ nào trong tháng này.',
  rank: 'Hạng {{rank}} trong cấp',
  level: { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã', ministry: 'Cấp bộ' },
  notes:
    'Hài lòng: tỷ lệ đánh giá từ 3 đến 5 sao trên tổng số đánh giá của hồ sơ đã giải quyết trong tháng. Điểm dự kiến chỉ gồm các chỉ số MotCua đã đo, nên được tính trên số điểm tối đa của các chỉ số đó. Trang không hiển thị thông tin cá nhân.',
};

export const en: Messages<typeof vi> = {
  nav: 'Published results',
  title: 'Published results of administrative procedures',
  intro:
    'The share of dossiers handled on time (indicator 2.1, Decision 766/QĐ-TTg), citizens’ satisfaction from the ratings given after receiving the result, and the score MotCua projects from its own data. The official score is published by the National Public Service Portal.',
  period: 'Month',
  show: 'Show',
  asOf: 'Figures as of {{time}}',
  deployment: 'Whole deployment',
  onTime: 'Handled on time',
  onTimeOf: '{{n}}/{{d}} dossiers',
  satisfaction: 'Satisfied',
  satisfactionOf: '{{n}}/{{d}} ratings',
  score: 'Projected score',
  scoreOf: '{{score}} / {{max}} points',
  noData: 'no data yet',
  agencies: 'By agency',
  none: 'No dossier in this month yet.',
  rank: 'Rank {{rank}} in its level',
  level: { province: 'Provincial', district: 'District', commune: 'Commune', ministry: 'Ministry' },
  notes:
    'Satisfied: ratings of 3 to 5 stars out of all ratings of the dossiers resolved in the month. The projected score covers only the indicators MotCua measures, so it is out of those indicators’ points. No personal data is shown.',
};

type Texts = typeof vi;

/** `{{name}}` placeholders filled from `vars`. */
export const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));

/** The page's texts in the interface's language (re-rendered when it changes). */
export function useTransparencyText(): Texts & { lang: string } {
  const { i18n } = useTranslation();
  return { ...(i18n.language.startsWith('en') ? en : vi), lang: i18n.language };
}
