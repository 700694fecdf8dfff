import { formatBuddhistDate, type AuditEvent } from '@oscc/contract';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useAuditEvents } from '../api/audit.ts';
import { AUDIT_PAGE_SIZE, filtersFromSearch, searchFromFilters, type AuditFilters } from '../utils/audit-filters.ts';
import { actionLabel, entityName, entityTypeLabel } from '../utils/audit-labels.ts';
import { AuditChanges } from './audit-changes.tsx';
import { AuditFilterForm } from './audit-filter-form.tsx';

/**
 * The audit trail the reader may see, filtered and paged on the server. The filters live in the address
 * (`/audit?entityType=user&entityId=…`), so a record's page can link to its history and Back works.
 */
export function AuditTrail() {
  const { language, t } = useLanguage();
  const ids = useId();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const events = useAuditEvents(filters);
  const apply = (next: AuditFilters) => setSearch(searchFromFilters(next));
  // The form starts again from the address whenever the filters there change (a link, Back), not when paging.
  const formKey = searchFromFilters({ ...filters, offset: 0 }).toString();
  const columns: DataTableColumn<AuditEvent>[] = [
    {
      key: 'at',
      header: t('audit.columnAt'),
      isRowHeader: true,
      cell: (event) => <time dateTime={event.at}>{formatBuddhistDate(event.at, language, 'dateTime')}</time>,
    },
    {
      key: 'actor',
      header: t('audit.columnActor'),
      cell: (event) =>
        event.actor ? (
          <>
            {event.actor.nameTh}
            <br />
            <span className="muted break-anywhere">{event.actor.email}</span>
          </>
        ) : (
          <span className="muted">{t('audit.system')}</span>
        ),
    },
    { key: 'action', header: t('audit.columnAction'), cell: (event) => <ActionName action={event.action} /> },
    {
      key: 'entity',
      header: t('audit.columnEntity'),
      cell: (event) => <EntityCell event={event} showHistoryLink={filters.entityId !== event.entityId} />,
    },
    { key: 'changes', header: t('audit.columnChanges'), cell: (event) => <AuditChanges event={event} /> },
  ];

  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby={`${ids}-filters`}>
        <h2 id={`${ids}-filters`} className="card-title">
          {t('audit.filtersHeading')}
        </h2>
        <AuditFilterForm key={formKey} filters={filters} onApply={apply} />
      </section>

      <section className="card" aria-labelledby={`${ids}-heading`}>
        <h2 id={`${ids}-heading`} className="card-title">
          {t('audit.listHeading')}
        </h2>
        {filters.entityId ? (
          <p className="note">
            {t('audit.recordOnly', {
              type: entityTypeLabel(filters.entityType, language) ?? (filters.entityType || t('audit.columnEntity')),
              id: filters.entityId,
            })}{' '}
            <Link to={`/audit?${searchFromFilters({ ...filters, entityId: '', offset: 0 }).toString()}`}>
              {t('audit.showAll')}
            </Link>
          </p>
        ) : null}
        <PagedResults
          query={events}
          emptyText={t('audit.empty')}
          offset={filters.offset}
          pageSize={AUDIT_PAGE_SIZE}
          pagerLabel={t('audit.pagination')}
          onOffsetChange={(offset) => apply({ ...filters, offset })}
        >
          {(items) => (
            <DataTable
              label={t('audit.tableLabel')}
              isBusy={events.isFetching}
              columns={columns}
              rows={items}
              rowKey={(event) => event.id}
            />
          )}
        </PagedResults>
      </section>
    </div>
  );
}

function ActionName({ action }: { action: string }) {
  const { language } = useLanguage();
  const label = actionLabel(action, language);
  return label ? <span title={action}>{label}</span> : <span className="code">{action}</span>;
}

/** The kind of record and its name, with a link to the record where the app has a page for it. */
function EntityCell({ event, showHistoryLink }: { event: AuditEvent; showHistoryLink: boolean }) {
  const { language, t } = useLanguage();
  const name = entityName(event);
  // Ids and e-mails have no word breaks of their own; Thai names wrap at words without help.
  const nameClass = !name || name.includes('@') ? 'break-anywhere' : undefined;
  const history = `/audit?${new URLSearchParams({ entityType: event.entityType, entityId: event.entityId }).toString()}`;
  return (
    <>
      <span className="muted">{entityTypeLabel(event.entityType, language) ?? event.entityType}</span>
      <br />
      {event.entityType === 'user' ? (
        <Link to={`/users/${encodeURIComponent(event.entityId)}`} className={nameClass}>
          {name ?? event.entityId}
        </Link>
      ) : (
        <span className={nameClass}>{name ?? event.entityId}</span>
      )}
      {showHistoryLink ? (
        <>
          <br />
          <Link to={history} className="muted">
            {t('audit.recordHistory')}
          </Link>
        </>
      ) : null}
    </>
  );
}
