import { useLanguage } from '../../i18n/index.ts';

/** Previous / next for a list paged on the server; hidden when everything fits on one page. */
export function Pager({
  offset,
  pageSize,
  total,
  label,
  onOffsetChange,
}: {
  offset: number;
  pageSize: number;
  total: number;
  label: string;
  onOffsetChange: (offset: number) => void;
}) {
  const { t } = useLanguage();
  if (total <= pageSize) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button"
        disabled={offset === 0}
        onClick={() => onOffsetChange(Math.max(0, offset - pageSize))}
      >
        {t('units.previous')}
      </button>
      <button
        type="button"
        className="button"
        disabled={offset + pageSize >= total}
        onClick={() => onOffsetChange(offset + pageSize)}
      >
        {t('units.next')}
      </button>
    </nav>
  );
}
