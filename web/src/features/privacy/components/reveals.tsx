import { useId, useState } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/data-table.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { PRIVACY_PAGE_SIZE, useReveals } from '../api/privacy.ts';
import { When } from './privacy-parts.tsx';

/** Every "break the glass" in the reader's audit scope, with the reason given, for the supervisors to review. */
export function Reveals() {
  const { t } = useLanguage();
  const ids = useId();
  const [offset, setOffset] = useState(0);
  const reveals = useReveals(offset);
  return (
    <section className="card stack" aria-labelledby={`${ids}-list`}>
      <h2 id={`${ids}-list`} className="card-title">
        {t('privacy.reveals.listHeading')}
      </h2>
      <PagedResults
        query={reveals}
        emptyText={t('privacy.reveals.empty')}
        offset={offset}
        pageSize={PRIVACY_PAGE_SIZE}
        pagerLabel={t('privacy.reveals.pager')}
        onOffsetChange={setOffset}
      >
        {(items) => (
          <DataTable
            labelledBy={`${ids}-list`}
            rows={items}
            rowKey={(reveal) => reveal.id}
            isBusy={reveals.isFetching}
            columns={[
              { key: 'at', header: t('privacy.reveals.column.at'), cell: (reveal) => <When at={reveal.at} /> },
              {
                key: 'who',
                header: t('privacy.reveals.column.who'),
                isRowHeader: true,
                cell: (reveal) => (
                  <>
                    {reveal.actor.displayName}
                    <span className="muted privacy-sub">{reveal.actor.email}</span>
                  </>
                ),
              },
              {
                key: 'case',
                header: t('privacy.reveals.column.case'),
                cell: (reveal) => (
                  <Link className="case-number-link" to={`/cases/${reveal.caseId}`}>
                    {reveal.caseNumber}
                  </Link>
                ),
              },
              { key: 'reason', header: t('privacy.reveals.column.reason'), cell: (reveal) => reveal.reason },
              { key: 'until', header: t('privacy.reveals.column.until'), cell: (reveal) => <When at={reveal.until} /> },
              {
                key: 'supervisor',
                header: t('privacy.reveals.column.supervisor'),
                cell: (reveal) => reveal.supervisor?.displayName ?? t('privacy.reveals.noSupervisor'),
              },
            ]}
          />
        )}
      </PagedResults>
    </section>
  );
}
