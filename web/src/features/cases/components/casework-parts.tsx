import { CLOSURE_REASON_NAMES, FOLLOW_UP_OUTCOME_NAMES } from '@oscc/contract';
import { useState, type ReactNode } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedName } from '../../../lib/format.ts';
import { recordedText } from '../utils/casework.ts';

// Shared with the alarm pages; kept exported here for the case cards that import them from this file.
export { TimeLeft, WhenText } from '../../../components/ui/when.tsx';

/**
 * The server's refusal: a conflict in the words of the form it happened in (what was typed stays), asking for
 * one's own approval in plain words, anything else as the server said it.
 */
export function WorkError({ error, conflict }: { error: unknown; conflict?: string }) {
  const { t } = useLanguage();
  if (isApiError(error) && error.code === 'CONFLICT') return <Alert>{conflict ?? t('casework.conflict')}</Alert>;
  if (isApiError(error) && error.code === 'SELF_APPROVAL') return <Alert>{t('casework.closure.selfApproval')}</Alert>;
  return <ErrorMessage error={error} />;
}

function Alert({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{children}</p>
    </div>
  );
}

/** What was just saved, said where it happened. */
export function SavedNote({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert-success" role="status">
      <p>{message}</p>
    </div>
  );
}

/** `recordedText` with the dictionaries' words: the server's codes in the reader's language. */
export function useRecordedText(): (text: string) => string {
  const { language, t } = useLanguage();
  return (text) =>
    recordedText(text, {
      closureReason: (code) => localizedName(CLOSURE_REASON_NAMES[code], language),
      followUpOutcome: (code) => localizedName(FOLLOW_UP_OUTCOME_NAMES[code], language),
      referralAccepted: t('procedures.completion.referral_accepted'),
    });
}

/**
 * A card's "record …" button that opens its form in place; the form gets `close` for its cancel button and
 * for after saving. `onOpen` clears the card's last message.
 */
export function FormOpener({
  openLabel,
  onOpen,
  renderForm,
}: {
  openLabel: string;
  onOpen: () => void;
  renderForm: (close: () => void) => ReactNode;
}) {
  const [isOpen, setIsOpen] = useState(false);
  if (isOpen) return <>{renderForm(() => setIsOpen(false))}</>;
  return (
    <div className="button-row">
      <button
        type="button"
        className="button"
        onClick={() => {
          onOpen();
          setIsOpen(true);
        }}
      >
        {openLabel}
      </button>
    </div>
  );
}
