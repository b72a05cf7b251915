/**
 * i18next with Vietnamese first and English second. Every area keeps its texts next to its code
 * (<area>/messages.ts); the keys are typed, so a missing English text or a mistyped key fails
 * the type check, not the user.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type * as admin from '../admin/messages.js';
import type * as desk from '../desk/messages.js';
import type * as feedback from '../feedback/messages.js';
import type * as monitoring from '../monitoring/messages.js';
import type * as portalFeedback from '../portal/feedback-messages.js';
import * as portal from '../portal/messages.js';
import type * as workspace from '../workspace/messages.js';
import * as common from './locales/common.js';

/**
 * What every visitor loads: the shared texts and the portal's. The officers' areas bring theirs
 * with their screens (officer-messages.ts, imported by the officers' frame and sign-in), so a
 * citizen's first load does not carry a thousand lines of administration texts.
 */
export const resources = {
  vi: { translation: { ...common.vi, portal: portal.vi } },
  en: { translation: { ...common.en, portal: portal.en } },
} as const;

/** Every key, the officers' included: what `t` is typed against. */
type AllMessages = (typeof resources)['vi']['translation'] & {
  desk: typeof desk.vi;
  workspace: typeof workspace.vi;
  admin: typeof admin.vi;
  monitoring: typeof monitoring.vi;
  feedback: typeof feedback.vi;
} & {
  // added when the first PAKN screen of the portal loads (portal/feedback-data.ts)
  portal: { feedback: typeof portalFeedback.vi };
};

export type Language = keyof typeof resources;
const STORAGE_KEY = 'motcua.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: AllMessages };
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
