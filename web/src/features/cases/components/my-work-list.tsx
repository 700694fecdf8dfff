import { formatBuddhistDate, type MyWorkItem } from '@oscc/contract';
import { useId } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedProblem } from '../../../lib/field-errors.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { minutesUntil } from '../../../lib/time-left.ts';
import { useMyWork } from '../api/casework.ts';
import { CrisisBadge } from './case-labels.tsx';
import { TimeLeft, WhenText } from './casework-parts.tsx';

const KIND_BADGE: Record<MyWorkItem['kind'], string> = {
  referral: 'badge badge-warning',
  step: 'badge badge-info',
  task: 'badge badge-muted',
  follow_up: 'badge badge-ok',
  approval: 'badge badge-warning',
};

/** What the signed-in person must do next, the soonest due first, each with the time left by the server's clock. */
export function MyWorkList() {
  const { language, t } = useLanguage();
  const ids = useId();
  const work = useMyWork();

  const minutesLeft = (item: MyWorkItem, now: string) =>
    item.minutesLeft ?? (item.dueAt ? minutesUntil(item.dueAt, now) : null);

  const columns = (now: string): DataTableColumn<MyWorkItem>[] => [
    {
      key: 'due',
      header: t('myWork.column.dueAt'),
      cell: (item) => {
        const left = minutesLeft(item, now);
        return item.dueAt ? (
          <span className="referral-due">
            <WhenText at={item.dueAt} /> {left !== null ? <TimeLeft minutesLeft={left} /> : null}
          </span>
        ) : (
          t('myWork.noDue')
        );
      },
    },
    {
      key: 'case',
      header: t('myWork.column.caseNumber'),
      isRowHeader: true,
      cell: (item) => (
        <span className="badge-row">
          <Link to={`/cases/${item.caseId}`} className="case-number-link">
            {item.caseNumber}
          </Link>
          {item.crisis ? <CrisisBadge /> : null}
        </span>
      ),
    },
    {
      key: 'kind',
      header: t('myWork.column.kind'),
      cell: (item) => <span className={KIND_BADGE[item.kind]}>{t(`myWork.kind.${item.kind}`)}</span>,
    },
    {
      key: 'title',
      header: t('myWork.column.title'),
      // Titles of tasks typed by people are in one language; the system's own say both ("ไทย / English").
      cell: (item) => localizedProblem(language === 'en' ? item.titleEn : item.titleTh, language),
    },
    {
      key: 'unit',
      header: t('myWork.column.unit'),
      cell: (item) => (item.unit ? localizedRowName(item.unit, language) : t('home.none')),
    },
  ];

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <div className="card-header">
        <h2 id={`${ids}-heading`} className="card-title">
          {t('myWork.heading')}
          {work.data ? ` (${work.data.items.length})` : ''}
        </h2>
        <button type="button" className="button button-small" onClick={() => void work.refetch()}>
          {t('myWork.refresh')}
        </button>
      </div>
      {work.error ? <ErrorMessage error={work.error} /> : null}
      {work.isPending ? <Loading /> : null}
      {work.data ? (
        <>
          <p className="muted">
            {t('myWork.countedAt', { date: formatBuddhistDate(work.data.now, language, 'dateTime') })}
          </p>
          {work.data.items.length === 0 ? (
            <p className="empty-state">{t('myWork.empty')}</p>
          ) : (
            <DataTable
              labelledBy={`${ids}-heading`}
              isBusy={work.isFetching}
              columns={columns(work.data.now)}
              rows={work.data.items}
              rowKey={(item) => `${item.kind}:${item.refId}`}
              rowClassName={(item) => {
                const left = minutesLeft(item, work.data.now);
                const classes = [item.crisis ? 'case-row-crisis' : '', left !== null && left < 0 ? 'my-work-late' : ''];
                return classes.filter(Boolean).join(' ') || undefined;
              }}
            />
          )}
          {work.data.truncated ? (
            <p className="muted">{t('myWork.truncated', { count: work.data.items.length })}</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
