import { isApiError, NETWORK_ERROR_MESSAGE, type LocalizedMessage } from '../../lib/api.ts';
import { useLanguage } from '../../i18n/index.ts';

interface ErrorMessageProps {
  error: unknown;
  id?: string;
}

/** Says what went wrong in the reader's language, with the request's reference for support calls. */
export function ErrorMessage({ error, id }: ErrorMessageProps) {
  const { language, t } = useLanguage();
  const messages: LocalizedMessage = isApiError(error) ? error.messages : NETWORK_ERROR_MESSAGE;
  // A reference matters when something broke on our side; for a mistyped password it is only noise.
  const showReference = isApiError(error) && (error.status >= 500 || error.code === 'UNEXPECTED_RESPONSE');
  const requestId = showReference ? error.requestId : null;
  return (
    <div id={id} className="alert alert-error" role="alert">
      <p>{messages[language]}</p>
      {requestId ? <p className="alert-reference">{t('errors.reference', { requestId })}</p> : null}
    </div>
  );
}
