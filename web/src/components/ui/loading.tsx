import { useLanguage } from '../../i18n/index.ts';

export function Loading({ label }: { label?: string }) {
  const { t } = useLanguage();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  );
}
