import { formatBuddhistDate } from '@oscc/contract';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useLineLinkCode, useUnlinkLine } from '../api/alarms.ts';

/**
 * Alarms in LINE: a one-time code the person sends to the centre's official account from their own LINE, which
 * links that account. When the system has no LINE channel the server says so, in its own words.
 */
export function LineLink() {
  const { language, t } = useLanguage();
  const ids = useId();
  const getCode = useLineLinkCode();
  const unlink = useUnlinkLine();
  const [isUnlinked, setIsUnlinked] = useState(false);
  const code = getCode.data;
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('alarms.line.heading')}
      </h2>
      <p className="muted">{t('alarms.line.intro')}</p>
      {code ? (
        <div className="alert alert-success line-code" role="status">
          <p className="line-code-instruction">{t('alarms.line.instruction', { code: code.code })}</p>
          <p className="line-code-value" aria-hidden="true">
            OSCC {code.code}
          </p>
          <p>{t('alarms.line.expires', { date: formatBuddhistDate(code.expiresAt, language, 'dateTime') })}</p>
          {code.linked && !isUnlinked ? <p>{t('alarms.line.linked')}</p> : null}
        </div>
      ) : null}
      {isUnlinked ? (
        <div className="alert alert-success" role="status">
          <p>{t('alarms.line.unlinked')}</p>
        </div>
      ) : null}
      {getCode.error ? <ErrorMessage error={getCode.error} /> : null}
      {unlink.error ? <ErrorMessage error={unlink.error} /> : null}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={getCode.isPending}
          onClick={() => {
            setIsUnlinked(false);
            getCode.mutate();
          }}
        >
          {getCode.isPending ? t('alarms.line.gettingCode') : t('alarms.line.getCode')}
        </button>
        {code?.linked && !isUnlinked ? (
          <button
            type="button"
            className="button"
            disabled={unlink.isPending}
            onClick={() => unlink.mutate(undefined, { onSuccess: () => setIsUnlinked(true) })}
          >
            {unlink.isPending ? t('alarms.line.unlinking') : t('alarms.line.unlink')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
