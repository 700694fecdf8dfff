import { CLOSURE_REASON_NAMES, FOLLOW_UP_OUTCOME_NAMES, formatBuddhistDate } from '@oscc/contract';
import { useState, type ReactNode } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedName } from '../../../lib/format.ts';
import { timeLeftText } from '../../../lib/time-left.ts';
import { recordedText } from '../utils/casework.ts';

/** "เหลือ 5 ชั่วโมง 20 นาที", or "เกินกำหนด 2 ชั่วโมง" in red once the deadline has passed. */
export function TimeLeft({ minutesLeft }: { minutesLeft: number }) {
  const { t } = useLanguage();
  const text = timeLeftText(minutesLeft, {
    unit: (unit, count) => t(`myWork.time.${unit}`, { count }),
    left: (time) => t('myWork.left', { time }),
    overdue: (time) => t('myWork.overdue', { time }),
  });
  return minutesLeft < 0 ? (
    <strong className="time-left time-overdue">{text}</strong>
  ) : (
    <span className="time-left">{text}</span>
  );
}

/** A moment in the Buddhist era, Bangkok time, as a <time>. */
export function WhenText({ at }: { at: string }) {
  const { language } = useLanguage();
  return <time dateTime={at}>{formatBuddhistDate(at, language, 'dateTime')}</time>;
}

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
