/**
 * i18next with Vietnamese first and English second. Every area keeps its texts next to its code
 * (<area>/messages.ts); the keys are typed, so a missing English text or a mistyped key fails
 * the type check, not the user.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as admin from '../admin/messages.js';
import * as desk from '../desk/messages.js';
import * as monitoring from '../monitoring/messages.js';
import * as portal from '../portal/messages.js';
import * as workspace from '../workspace/messages.js';
import * as common from './locales/common.js';

export const resources = {
  vi: {
    translation: {
      ...common.vi,
      portal: portal.vi,
      desk: desk.vi,
      workspace: workspace.vi,
      admin: admin.vi,
      monitoring: monitoring.vi,
    },
  },
  en: {
    translation: {
      ...common.en,
      portal: portal.en,
      desk: desk.en,
      workspace: workspace.en,
      admin: admin.en,
      monitoring: monitoring.en,
    },
  },
} as const;

export type Language = keyof typeof resources;
const STORAGE_KEY = 'motcua.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: (typeof resources)['vi'];
  }
}

function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'vi';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'vi',
  // React escapes what it renders
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

document.documentElement.lang = i18n.language;

export default i18n;
