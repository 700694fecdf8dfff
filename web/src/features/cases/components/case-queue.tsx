import { formatBuddhistDate, type CaseSummary } from '@oscc/contract';
import { useId } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { ProvinceSelect } from '../../../components/ui/province-select.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useProvinces } from '../../../lib/reference-data.ts';
import { CASE_PAGE_SIZE, CASE_QUEUES, useCaseQueue, type CaseQueue as Queue } from '../api/cases.ts';
import { usePlaceNames } from '../api/places.ts';
import { CrisisBadge, SeverityBadge, useProblemTypeName } from './case-labels.tsx';

interface CaseQueueProps {
  queue: Queue;
  provinceCode: string | null;
  offset: number;
  /** The filters live in the address bar, so a case opened from the list comes back to the same page. */
  onChange: (next: { queue: Queue; provinceCode: string | null; offset: number }) => void;
}

/**
 * The screening queues: what nobody has screened yet (crisis first, oldest first), what no rule could route, and
 * what was handed to the signed-in social worker.
 */
export function CaseQueue({ queue, provinceCode, offset, onChange }: CaseQueueProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const provinces = useProvinces();
  const cases = useCaseQueue({ queue, provinceCode, offset });
  const placeName = usePlaceNames(cases.data?.items.map((item) => item.areaCode) ?? []);
  const problemTypeName = useProblemTypeName();

  const columns: DataTableColumn<CaseSummary>[] = [
    {
      key: 'number',
      header: t('cases.queue.column.caseNumber'),
      isRowHeader: true,
      cell: (item) => (
        <Link to={`/cases/${item.id}`} className="case-number-link">
          {item.caseNumber}
        </Link>
      ),
    },
    {
      key: 'urgency',
      header: t('cases.queue.column.urgency'),
      cell: (item) => (
        <span className="badge-row">
          {item.crisis ? <CrisisBadge /> : null}
          <SeverityBadge severity={item.severity} />
        </span>
      ),
    },
    {
      key: 'types',
      header: t('cases.queue.column.problemTypes'),
      cell: (item) => item.problemTypes.map(problemTypeName).join(', ') || t('home.none'),
    },
    { key: 'area', header: t('cases.queue.column.area'), cell: (item) => placeName(item.areaCode) },
    {
      key: 'unit',
      header: t('cases.queue.column.unit'),
      cell: (item) =>
        item.responsibleUnit ? (
          ((language === 'en' ? item.responsibleUnit.nameEn : null) ?? item.responsibleUnit.nameTh)
        ) : (
          <strong>{t('cases.centralTriage')}</strong>
        ),
    },
    {
      key: 'assignee',
      header: t('cases.queue.column.assignee'),
      cell: (item) => item.assignee?.displayName ?? t('home.none'),
    },
    { key: 'channel', header: t('cases.queue.column.channel'), cell: (item) => t(`intake.channel.${item.channel}`) },
    {
      key: 'received',
      header: t('cases.queue.column.receivedAt'),
      cell: (item) => <time dateTime={item.createdAt}>{formatBuddhistDate(item.createdAt, language, 'dateTime')}</time>,
    },
    {
      key: 'attachments',
      header: t('cases.queue.column.attachments'),
      cell: (item) => (item.attachments > 0 ? t('cases.attachmentCount', { count: item.attachments }) : t('home.none')),
    },
  ];

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <div className="case-queue-tabs" role="group" aria-label={t('cases.queue.tabsLabel')}>
        {CASE_QUEUES.map((name) => (
          <button
            key={name}
            type="button"
            className={name === queue ? 'button button-primary' : 'button'}
            aria-pressed={name === queue}
            onClick={() => onChange({ queue: name, provinceCode, offset: 0 })}
          >
            {t(`cases.queue.${name}`)}
          </button>
        ))}
      </div>
      <h2 id={`${ids}-heading`} className="card-title">
        {t(`cases.queue.${queue}Heading`)}
      </h2>
      <p className="muted">{t(`cases.queue.${queue}Hint`)}</p>
      <form role="search" className="field-row" onSubmit={(event) => event.preventDefault()}>
        <ProvinceSelect
          id={`${ids}-province`}
          label={t('cases.queue.province')}
          provinces={provinces.data}
          value={provinceCode}
          onChange={(code) => onChange({ queue, provinceCode: code, offset: 0 })}
        />
      </form>
      <PagedResults
        query={cases}
        emptyText={t('cases.queue.empty')}
        offset={offset}
        pageSize={CASE_PAGE_SIZE}
        pagerLabel={t('cases.queue.pagination')}
        onOffsetChange={(next) => onChange({ queue, provinceCode, offset: next })}
      >
        {(items) => (
          <DataTable
            labelledBy={`${ids}-heading`}
            isBusy={cases.isFetching}
            columns={columns}
            rows={items}
            rowKey={(item) => item.id}
            rowClassName={(item) => (item.crisis ? 'case-row-crisis' : undefined)}
          />
        )}
      </PagedResults>
    </section>
  );
}
