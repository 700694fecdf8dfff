import { useEffect } from 'react';
import { useLanguage } from '../i18n/index.ts';

/** Names the browser tab after the page, so screen-reader users hear where a navigation landed. */
export function useDocumentTitle(page: string): void {
  const { t } = useLanguage();
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [page, t]);
}
