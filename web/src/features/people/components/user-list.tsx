import type { Province } from '@oscc/contract';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { Pager } from '../../../components/ui/pager.tsx';
import { ProvinceSelect } from '../../../components/ui/province-select.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { pageRange } from '../../../lib/format.ts';
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
  const data = users.data;
  const range = data ? pageRange(data.offset, data.items.length, data.total) : null;

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

      {users.error ? <ErrorMessage error={users.error} /> : null}
      {!data && users.isPending ? <Loading /> : null}
      {data ? (
        <>
          <p className="muted" role="status" aria-live="polite">
            {data.total === 0 ? t('people.empty') : t('units.range', { ...range, total: data.total })}
          </p>
          {data.items.length > 0 ? (
            <div className="table-scroll" role="region" aria-labelledby={`${ids}-heading`} tabIndex={0}>
              <table className="table" aria-busy={users.isFetching}>
                <thead>
                  <tr>
                    <th scope="col">{t('people.columnName')}</th>
                    <th scope="col">{t('people.field.email')}</th>
                    <th scope="col">{t('people.unit')}</th>
                    <th scope="col">{t('people.columnRoles')}</th>
                    <th scope="col">{t('people.columnState')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((user) => (
                    <tr key={user.id}>
                      <th scope="row" data-label={t('people.columnName')}>
                        <Link to={`/users/${user.id}`}>{fullNameTh(user)}</Link>
                      </th>
                      <td data-label={t('people.field.email')} className="break-anywhere">
                        {user.email}
                      </td>
                      <td data-label={t('people.unit')}>{user.unit?.nameTh ?? t('home.none')}</td>
                      <td data-label={t('people.columnRoles')}>
                        {user.roles.length === 0
                          ? t('home.none')
                          : user.roles.map((role) => t(`people.role.${role.role}`)).join(', ')}
                      </td>
                      <td data-label={t('people.columnState')}>
                        <span className="badge-row">
                          <AccountStateBadge state={user.accountState} />
                          <SecondFactorBadge isEnabled={user.secondFactorEnabled} />
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <Pager
            offset={offset}
            pageSize={USER_PAGE_SIZE}
            total={data.total}
            label={t('people.pagination')}
            onOffsetChange={(next) => setPage({ key: filterKey, offset: next })}
          />
        </>
      ) : null}
    </section>
  );
}
