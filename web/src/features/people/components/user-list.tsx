import type { Province, UserDetail } from '@oscc/contract';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { PagedResults } from '../../../components/ui/paged-results.tsx';
import { ProvinceSelect } from '../../../components/ui/province-select.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { USER_PAGE_SIZE, useUsers } from '../api/people.ts';
import { fullNameTh } from '../utils/names.ts';
import { AccountStateBadge, SecondFactorBadge } from './account-state.tsx';

/** The people the reader may see, searched and paged on the server. */
export function UserList({ provinces }: { provinces: readonly Province[] | undefined }) {
  const { t } = useLanguage();
  const ids = useId();
  const [text, setText] = useState('');
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const [page, setPage] = useState({ key: '', offset: 0 });
  const q = useDebouncedValue(text.trim(), 300);

  // Any change of filter starts again at the first page; the offset belongs to the filters it was set for.
  const filterKey = `${q}|${provinceCode ?? ''}`;
  const offset = page.key === filterKey ? page.offset : 0;
  const users = useUsers({ q, unitId: null, provinceCode, offset });
  const columns: DataTableColumn<UserDetail>[] = [
    {
      key: 'name',
      header: t('people.columnName'),
      isRowHeader: true,
      cell: (user) => <Link to={`/users/${user.id}`}>{fullNameTh(user)}</Link>,
    },
    { key: 'email', header: t('people.field.email'), className: 'break-anywhere', cell: (user) => user.email },
    { key: 'unit', header: t('people.unit'), cell: (user) => user.unit?.nameTh ?? t('home.none') },
    {
      key: 'roles',
      header: t('people.columnRoles'),
      cell: (user) =>
        user.roles.length === 0 ? t('home.none') : user.roles.map((role) => t(`people.role.${role.role}`)).join(', '),
    },
    {
      key: 'state',
      header: t('people.columnState'),
      cell: (user) => (
        <span className="badge-row">
          <AccountStateBadge state={user.accountState} />
          <SecondFactorBadge isEnabled={user.secondFactorEnabled} />
        </span>
      ),
    },
  ];

  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('people.listHeading')}
      </h2>
      <form role="search" className="field-row" onSubmit={(event) => event.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor={`${ids}-q`}>{t('people.searchLabel')}</label>
          <input
            id={`${ids}-q`}
            type="search"
            autoComplete="off"
            maxLength={100}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <ProvinceSelect
          id={`${ids}-province`}
          label={t('people.provinceFilter')}
          provinces={provinces}
          value={provinceCode}
          onChange={setProvinceCode}
        />
      </form>

      <PagedResults
        query={users}
        emptyText={t('people.empty')}
        offset={offset}
        pageSize={USER_PAGE_SIZE}
        pagerLabel={t('people.pagination')}
        onOffsetChange={(next) => setPage({ key: filterKey, offset: next })}
      >
        {(items) => (
          <DataTable
            labelledBy={`${ids}-heading`}
            isBusy={users.isFetching}
            columns={columns}
            rows={items}
            rowKey={(user) => user.id}
          />
        )}
      </PagedResults>
    </section>
  );
}
