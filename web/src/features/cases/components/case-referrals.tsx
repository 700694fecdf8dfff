import { formatBuddhistDate, type CaseDetail, type Referral } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useSendReferral } from '../api/referrals.ts';
import { canSendLead, canSendTeam, isWaiting, REFERRAL_NOTE_MAX_LENGTH } from '../utils/referrals.ts';
import { CaseUnitSelect } from './case-unit-select.tsx';
import {
  ReferralButtons,
  ReferralDue,
  ReferralError,
  ReferralForm,
  ReferralKindBadge,
  ReferralStatusBadge,
  type ReferralFormMode,
} from './referral-parts.tsx';

interface CaseReferralsProps {
  detail: CaseDetail;
  /** Holds `cases.work`: may accept, decline or pass on a referral to a unit they work for. */
  canWork: boolean;
  /** Holds `cases.screen`: may send referrals and withdraw them. */
  canScreen: boolean;
}

/**
 * The units a case was sent to, and sending it on: for a case still new or in triage the lead referral is the next
 * step after screening, so its form stands open at the top of the card.
 */
export function CaseReferrals({ detail, canWork, canScreen }: CaseReferralsProps) {
  const { t } = useLanguage();
  const ids = useId();
  const [message, setMessage] = useState<string | null>(null);
  const isLeadNext = canSendLead(detail.status) && !detail.referrals.some((r) => r.kind === 'lead' && isWaiting(r));
  const canSend = (canScreen || canWork) && (isLeadNext || canSendTeam(detail.status));
  const now = new Date();
  // The newest first: what is waiting now matters more than what was answered last week.
  const referrals = [...detail.referrals].sort((a, b) => b.sentAt.localeCompare(a.sentAt));

  const sendForm = canSend ? (
    <SendReferralForm
      key={isLeadNext ? 'lead' : 'team'}
      detail={detail}
      isLeadNext={isLeadNext}
      onSent={(text) => setMessage(text)}
    />
  ) : null;

  return (
    <section
      className={isLeadNext && canSend ? 'card stack referral-card referral-card-next' : 'card stack referral-card'}
      aria-labelledby={`${ids}-heading`}
    >
      <h2 id={`${ids}-heading`} className="card-title">
        {t('referrals.card.heading')}
      </h2>
      {message ? (
        <div className="alert alert-success" role="status">
          <p>{message}</p>
        </div>
      ) : null}
      {isLeadNext ? sendForm : null}
      {referrals.length === 0 ? (
        <p className="muted">{t('referrals.card.none')}</p>
      ) : (
        <ol className="plain-list referral-list">
          {referrals.map((referral) => (
            <ReferralItem
              key={referral.id}
              referral={referral}
              now={now}
              canWork={canWork}
              canScreen={canScreen}
              onDone={setMessage}
            />
          ))}
        </ol>
      )}
      {isLeadNext ? null : sendForm}
    </section>
  );
}

function ReferralItem({
  referral,
  now,
  canWork,
  canScreen,
  onDone,
}: {
  referral: Referral;
  now: Date;
  canWork: boolean;
  canScreen: boolean;
  onDone: (message: string) => void;
}) {
  const { language, t } = useLanguage();
  const [mode, setMode] = useState<ReferralFormMode | null>(null);
  return (
    <li className="referral-item stack" data-testid="referral-item">
      <p className="referral-item-title">
        <strong>{localizedRowName(referral.unit, language)}</strong>{' '}
        <span className="badge-row">
          <ReferralKindBadge kind={referral.kind} />
          <ReferralStatusBadge status={referral.status} />
        </span>
      </p>
      <dl className="details details-compact">
        <div>
          <dt>{t('referrals.column.sentAt')}</dt>
          <dd>
            <time dateTime={referral.sentAt}>{formatBuddhistDate(referral.sentAt, language, 'dateTime')}</time>
            {referral.sentBy ? ` · ${t('cases.history.by', { name: referral.sentBy.displayName })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('referrals.column.dueAt')}</dt>
          <dd>
            <ReferralDue referral={referral} now={now} />
          </dd>
        </div>
        {referral.respondedAt ? (
          <div>
            <dt>{t('referrals.card.answeredAt')}</dt>
            <dd>
              <time dateTime={referral.respondedAt}>
                {formatBuddhistDate(referral.respondedAt, language, 'dateTime')}
              </time>
            </dd>
          </div>
        ) : null}
        {referral.responseReason ? (
          <div>
            <dt>{t('referrals.card.reason')}</dt>
            <dd>{referral.responseReason}</dd>
          </div>
        ) : null}
        {referral.note ? (
          <div>
            <dt>{t('referrals.card.note')}</dt>
            <dd className="case-narrative">{referral.note}</dd>
          </div>
        ) : null}
      </dl>
      {mode ? (
        <ReferralForm referral={referral} mode={mode} onClose={() => setMode(null)} onDone={onDone} />
      ) : (
        <ReferralButtons
          referral={referral}
          canAnswer={canWork}
          canRevoke={canScreen}
          onOpen={setMode}
          onDone={onDone}
        />
      )}
    </li>
  );
}

/** Send the case to a unit: the lead unit that answers for it, or a unit of the multidisciplinary team. */
function SendReferralForm({
  detail,
  isLeadNext,
  onSent,
}: {
  detail: CaseDetail;
  isLeadNext: boolean;
  onSent: (message: string) => void;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const send = useSendReferral(detail.id);
  const [isOpen, setIsOpen] = useState(isLeadNext);
  const [kind, setKind] = useState<Referral['kind']>(isLeadNext ? 'lead' : 'team');
  const [unit, setUnit] = useState<{ id: string; nameTh: string } | null>(null);
  const [note, setNote] = useState('');
  const [isUnitMissing, setIsUnitMissing] = useState(false);

  if (!isOpen)
    return (
      <div className="button-row">
        <button type="button" className="button" onClick={() => setIsOpen(true)}>
          {t('referrals.send.open')}
        </button>
      </div>
    );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!unit) {
      setIsUnitMissing(true);
      document.getElementById(`${ids}-unit`)?.focus();
      return;
    }
    const chosen = unit;
    send.mutate(
      { unitId: chosen.id, kind, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          onSent(t('referrals.send.sent', { unit: chosen.nameTh }));
          setUnit(null);
          setNote('');
          if (!isLeadNext) setIsOpen(false);
        },
      },
    );
  }

  return (
    <form
      className={isLeadNext ? 'panel stack referral-send referral-send-next' : 'panel stack referral-send'}
      aria-labelledby={`${ids}-heading`}
      onSubmit={handleSubmit}
      noValidate
    >
      <h3 id={`${ids}-heading`}>{t('referrals.send.heading')}</h3>
      {isLeadNext ? <p className="referral-send-hint">{t('referrals.send.leadHint')}</p> : null}
      <fieldset className="fieldset-plain">
        <legend className="field-label">{t('referrals.send.kind')}</legend>
        <div className="choice-list">
          {(['lead', 'team'] as const).map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name={`${ids}-kind`}
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
              />
              <span>
                {t(`referrals.kind.${option}`)}
                <span className="field-hint">{t(`referrals.send.kindHint.${option}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <CaseUnitSelect
        id={`${ids}-unit`}
        value={unit}
        onChange={(next) => {
          setUnit(next);
          if (next) setIsUnitMissing(false);
        }}
        error={isUnitMissing ? t('referrals.unitMissing') : null}
      />
      <Field id={`${ids}-note`} label={t('referrals.send.note')} hint={t('referrals.send.noteHint')}>
        {({ describedBy }) => (
          <textarea
            id={`${ids}-note`}
            rows={2}
            maxLength={REFERRAL_NOTE_MAX_LENGTH}
            value={note}
            aria-describedby={describedBy}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </Field>
      {send.error ? <ReferralError error={send.error} isSending /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={send.isPending}>
          {send.isPending ? t('intake.saving') : t('referrals.send.submit')}
        </button>
        {!isLeadNext ? (
          <button type="button" className="button" onClick={() => setIsOpen(false)} disabled={send.isPending}>
            {t('cases.related.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
