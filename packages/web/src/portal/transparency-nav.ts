/** The portal menu's link to /minh-bach: two short strings in the first load, the page's texts stay lazy. */
import { useTranslation } from 'react-i18next';

const NAV = { vi: 'Công khai kết quả', en: 'Published results' } as const;

export function useTransparencyNav(): string {
  const { i18n } = useTranslation();
  return i18n.language.startsWith('en') ? NAV.en : NAV.vi;
}
