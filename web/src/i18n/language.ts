/** The languages of the interface. Thai comes first: it is the default. */
export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'th';
export const LANGUAGE_STORAGE_KEY = 'oscc.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language to start in: the one saved earlier if it is still valid, Thai otherwise. */
export function resolveLanguage(saved: string | null | undefined): Language {
  return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
}

export function otherLanguage(language: Language): Language {
  return language === 'th' ? 'en' : 'th';
}
