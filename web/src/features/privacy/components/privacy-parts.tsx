import { formatBuddhistDate } from '@oscc/contract';
import type { TFunction } from 'i18next';
import { NavLink } from 'react-router';
import { TimeLeft } from '../../../components/ui/when.tsx';
import { useLanguage, type Language } from '../../../i18n/index.ts';
import { minutesFromNow } from '../utils/privacy-dates.ts';
import './privacy.css';

/** The privacy pages a person may open: the registers for `privacy.manage`, the break-the-glass review for `audit.read`. */
export function PrivacyNav({ canManage, canAudit }: { canManage: boolean; canAudit: boolean }) {
  const { t } = useLanguage();
  return (
    <nav className="section-nav" aria-label={t('privacy.nav.label')}>
      {canManage ? (
        <>
          <NavLink to="/privacy/requests">{t('privacy.nav.requests')}</NavLink>
          <NavLink to="/privacy/breaches">{t('privacy.nav.breaches')}</NavLink>
          <NavLink to="/privacy/retention">{t('privacy.nav.retention')}</NavLink>
        </>
      ) : null}
      {canAudit ? <NavLink to="/privacy/reveals">{t('privacy.nav.reveals')}</NavLink> : null}
    </nav>
  );
}

/** A row of toggle buttons that filter a register (one pressed at a time). */
export function FilterButtons<Filter extends string>({
  label,
  filters,
  current,
  text,
  onChange,
}: {
  label: string;
  filters: readonly Filter[];
  current: Filter;
  text: (filter: Filter) => string;
  onChange: (filter: Filter) => void;
}) {
  return (
    <div className="privacy-filters" role="group" aria-label={label}>
      {filters.map((filter) => (
        <button
          key={filter}
          type="button"
          className="button button-small"
          aria-pressed={filter === current}
          onClick={() => onChange(filter)}
        >
          {text(filter)}
        </button>
      ))}
    </div>
  );
}

/** A deadline: its date in the Buddhist era, and while it still runs, the time left (in red once past). */
export function Deadline({ at, isRunning, now }: { at: string; isRunning: boolean; now: Date }) {
  const { language } = useLanguage();
  return (
    <>
      <time dateTime={at} className="deadline-date">
        {formatBuddhistDate(at, language, 'dateTime')}
      </time>
      {isRunning ? <TimeLeft minutesLeft={minutesFromNow(at, now)} /> : null}
    </>
  );
}

/** "2 ธ.ค. 2569 14:30" as a <time>, or a dash. */
export function When({ at }: { at: string | null }) {
  const { language } = useLanguage();
  if (!at) return <span className="muted">—</span>;
  return <time dateTime={at}>{formatBuddhistDate(at, language, 'dateTime')}</time>;
}

/** The moment a datetime-local field holds, said back in the Buddhist era so nobody mistakes the year. */
export function MomentPreview({ iso, id }: { iso: string | null; id: string }) {
  const { language, t } = useLanguage();
  return (
    <p id={id} className="field-hint" aria-live="polite">
      {iso ? t('privacy.form.momentPreview', { date: formatBuddhistDate(iso, language, 'dateTime') }) : '\u00a0'}
    </p>
  );
}

/** A confirmation kept until the next one: written at render time, so it follows the language switch. */
export type Said = (t: TFunction<'translation', undefined>, language: Language) => string;

/** The confirmation of what was just saved, in the reader's current language. */
export function SavedMessage({ said }: { said: Said | null }) {
  const { language, t } = useLanguage();
  if (!said) return null;
  return (
    <div className="alert alert-success" role="status" data-testid="privacy-message">
      <p>{said(t, language)}</p>
    </div>
  );
}
