import i18next, { type TFunction } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import { LANGUAGE_STORAGE_KEY, resolveLanguage, type Language } from './language.ts';
import { th } from './th.ts';

export { otherLanguage, type Language } from './language.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof th };
  }
}

function readSavedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode, policies); Thai is then the safe default.
    return null;
  }
}

function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not being able to remember the choice must not stop the switch itself.
  }
}

const initialLanguage = resolveLanguage(readSavedLanguage());

void i18next.use(initReactI18next).init({
  resources: { th: { translation: th }, en: { translation: en } },
  lng: initialLanguage,
  fallbackLng: 'th',
  supportedLngs: ['th', 'en'],
  // React already escapes text; escaping twice would show entities such as &quot;.
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLanguage(initialLanguage);
i18next.on('languageChanged', (language) => applyLanguage(resolveLanguage(language)));

export const i18n = i18next;

/**
 * The current interface language and the translate function, typed against the Thai dictionary. The type is
 * named, not `ReturnType<typeof useTranslation>['t']`: that one takes every key prefix of the dictionary as its
 * prefix, and checking each call against all keys times all prefixes grows with the square of the dictionary
 * (it ran the type check out of memory).
 */
export function useLanguage(): { language: Language; t: TFunction<'translation', undefined> } {
  const { t, i18n: instance } = useTranslation();
  return { language: resolveLanguage(instance.resolvedLanguage ?? instance.language), t };
}
