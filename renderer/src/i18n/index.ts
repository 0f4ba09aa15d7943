import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@shared/model/database';
import { en } from './en';
import { zhCN } from './zh-CN';

/** Maps an OS or browser language tag onto one of ours. */
export function pickLocale(tag: string | null | undefined): Locale {
  return tag && /^zh\b/i.test(tag.replace('_', '-')) ? 'zh-CN' : 'en';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: pickLocale(typeof navigator === 'undefined' ? 'en' : navigator.language),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * A vocabulary term in both languages, the current one first ("决策者 Decision maker"):
 * the method's terms are learned in Chinese, and teams are mixed.
 */
export function bilingual(key: string): string {
  const current = i18n.t(key);
  const other = i18n.getFixedT(i18n.language === 'zh-CN' ? 'en' : 'zh-CN')(key);
  return current === other ? current : `${current} ${other}`;
}
