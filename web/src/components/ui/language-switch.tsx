import { i18n, otherLanguage, useLanguage } from '../../i18n/index.ts';

/** Names the other language in that language, so people who cannot read the current one still find it. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { language, t } = useLanguage();
  const target = otherLanguage(language);
  return (
    <button
      type="button"
      className={`button button-quiet ${className}`.trim()}
      lang={target}
      onClick={() => void i18n.changeLanguage(target)}
    >
      {t('language.switchTo')}
    </button>
  );
}
