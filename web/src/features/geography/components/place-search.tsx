import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { usePlaceSearch } from '../api/geography.ts';

const SEARCH_DELAY_MS = 250;

export function PlaceSearch() {
  const { language, t } = useLanguage();
  const ids = useId();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const search = usePlaceSearch(query);
  const matches = query ? (search.data ?? []) : [];
  const other = language === 'th' ? 'en' : 'th';

  let status = '';
  if (query && search.isFetching && !search.data) status = t('geography.searching');
  else if (query && search.data) {
    status = matches.length
      ? t('geography.resultCount', { count: matches.length })
      : t('geography.noResults', { query });
  }

  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('geography.searchHeading')}
      </h2>
      <form role="search" className="field" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={`${ids}-query`}>{t('geography.searchLabel')}</label>
        <input
          id={`${ids}-query`}
          type="search"
          autoComplete="off"
          enterKeyHint="search"
          maxLength={100}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={`${ids}-hint`}
        />
        <p id={`${ids}-hint`} className="hint">
          {t('geography.searchHint')}
        </p>
      </form>
      {/* Announced politely so screen-reader users learn the outcome without losing their place in the box. */}
      <p className="muted" role="status" aria-live="polite">
        {status}
      </p>
      {search.error && query ? <ErrorMessage error={search.error} /> : null}
      {matches.length > 0 ? (
        <ul className="result-list" aria-labelledby={`${ids}-heading`}>
          {matches.map((match) => (
            <li key={`${match.level}:${match.code}`} className="result">
              <span className="badge">{t(`geography.level.${match.level}`)}</span>
              <span className="result-text">
                <span className="result-primary">{language === 'th' ? match.labelTh : match.labelEn}</span>
                <span className="result-secondary" lang={other}>
                  {other === 'th' ? match.labelTh : match.labelEn}
                </span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
