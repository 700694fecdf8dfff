import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { pageRange } from '../../lib/format.ts';
import { ErrorMessage } from './error-message.tsx';
import { Loading } from './loading.tsx';
import { Pager } from './pager.tsx';

/** One page of a list the server pages: the items from `offset` on, and how many match in all. */
interface ResultPage<Item> {
  items: readonly Item[];
  offset: number;
  total: number;
}

interface PagedResultsProps<Item> {
  /** The page's query (a TanStack Query result fits; keep the previous page while the next loads). */
  query: { data: ResultPage<Item> | undefined; error: unknown; isPending: boolean };
  /** Said instead of the count when nothing matches. */
  emptyText: string;
  /** The offset asked for (kept in the address bar or the list's state), which the pager moves. */
  offset: number;
  pageSize: number;
  /** Names the pager's navigation landmark. */
  pagerLabel: string;
  onOffsetChange: (offset: number) => void;
  /** An extra class for the count line. */
  countClassName?: string;
  /** Draws the page's items (a DataTable); called only when there are some. */
  children: (items: readonly Item[]) => ReactNode;
}

/**
 * A server-paged list below its search form: the query's error, the first load, the count ("1–25 of 130", read out
 * politely as it changes), the page's items and the pager.
 */
export function PagedResults<Item>({
  query,
  emptyText,
  offset,
  pageSize,
  pagerLabel,
  onOffsetChange,
  countClassName,
  children,
}: PagedResultsProps<Item>) {
  const { t } = useLanguage();
  const { data } = query;
  return (
    <>
      {query.error ? <ErrorMessage error={query.error} /> : null}
      {!data && query.isPending ? <Loading /> : null}
      {data ? (
        <>
          <p className={countClassName ? `muted ${countClassName}` : 'muted'} role="status" aria-live="polite">
            {data.total === 0
              ? emptyText
              : t('units.range', { ...pageRange(data.offset, data.items.length, data.total), total: data.total })}
          </p>
          {data.items.length > 0 ? children(data.items) : null}
          <Pager
            offset={offset}
            pageSize={pageSize}
            total={data.total}
            label={pagerLabel}
            onOffsetChange={onOffsetChange}
          />
        </>
      ) : null}
    </>
  );
}
