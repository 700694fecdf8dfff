import { formatBuddhistDate, type Referral } from '@oscc/contract';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useAnswerReferral, useTransferReferral } from '../api/referrals.ts';
import { referralProblem, timeLeft } from '../utils/referrals.ts';
import { CaseUnitSelect } from './case-unit-select.tsx';
import { ReasonForm } from './reason-form.tsx';

/** What a waiting referral's reader may do next, beside accepting it at once. */
export type ReferralFormMode = 'decline' | 'transfer' | 'revoke';

const STATUS_BADGE_CLASS: Record<Referral['status'], string> = {
  sent: 'badge badge-warning',
  accepted: 'badge badge-ok',
  declined: 'badge badge-danger',
  transferred: 'badge badge-muted',
  revoked: 'badge badge-muted',
};

export function ReferralStatusBadge({ status }: { status: Referral['status'] }) {
  const { t } = useLanguage();
  return <span className={`${STATUS_BADGE_CLASS[status]} referral-status`}>{t(`referrals.status.${status}`)}</span>;
}

export function ReferralKindBadge({ kind }: { kind: Referral['kind'] }) {
  const { t } = useLanguage();
  return (
    <span className={kind === 'lead' ? 'badge badge-info' : 'badge badge-muted'}>{t(`referrals.kind.${kind}`)}</span>
  );
}

/** "เหลือ 5 ชั่วโมง", or "เกินกำหนด 2 ชั่วโมง" in red once the answer is late. */
export function ReferralTimeLeft({ dueAt, now }: { dueAt: string; now: Date }) {
  const { t } = useLanguage();
  const left = timeLeft(dueAt, now);
  const time = t(`referrals.time.${left.unit}`, { count: left.count });
  return left.isOverdue ? (
    <strong className="referral-overdue">{t('referrals.overdue', { time })}</strong>
  ) : (
    <span className="referral-left">{t('referrals.left', { time })}</span>
  );
}

/** The due time in the Buddhist era, with the time left while the referral still waits for its answer. */
export function ReferralDue({ referral, now }: { referral: Referral; now: Date }) {
  const { language } = useLanguage();
  return (
    <span className="referral-due">
      <time dateTime={referral.dueAt}>{formatBuddhistDate(referral.dueAt, language, 'dateTime')}</time>
      {referral.status === 'sent' ? (
        <>
          {' '}
          <ReferralTimeLeft dueAt={referral.dueAt} now={now} />
        </>
      ) : null}
    </span>
  );
}

/** The server's refusal in plain Thai (or English) when it is one the referral screens know, else as it came. */
export function ReferralError({ error, isSending = false }: { error: unknown; isSending?: boolean }) {
  const { t } = useLanguage();
  const problem = referralProblem(error);
  if (!problem) return <ErrorMessage error={error} />;
  const key =
    problem === 'transition'
      ? isSending
        ? 'referrals.problem.transitionSend'
        : 'referrals.problem.transition'
      : isSending
        ? 'referrals.problem.conflictSend'
        : 'referrals.problem.conflict';
  return (
    <div className="alert alert-error" role="alert">
      <p>{t(key)}</p>
    </div>
  );
}

interface ReferralButtonsProps {
  referral: Referral;
  canAnswer: boolean;
  canRevoke: boolean;
  onOpen: (mode: ReferralFormMode) => void;
  onDone?: (message: string) => void;
}

/** Accept at once; decline, pass on or withdraw open a form that asks why. */
export function ReferralButtons({ referral, canAnswer, canRevoke, onOpen, onDone }: ReferralButtonsProps) {
  const { t } = useLanguage();
  const answer = useAnswerReferral(referral);
  const isAnswerable = canAnswer && referral.status === 'sent';
  // The sender may withdraw a referral while it waits, and a team unit's after it accepted; an accepted lead
  // unit answers for the case until it is closed.
  const isRevocable =
    canRevoke && (referral.status === 'sent' || (referral.status === 'accepted' && referral.kind === 'team'));
  if (!isAnswerable && !isRevocable) return null;
  return (
    <div className="stack">
      <div className="button-row referral-buttons">
        {isAnswerable ? (
          <>
            <button
              type="button"
              className="button button-primary"
              disabled={answer.isPending}
              onClick={() =>
                answer.mutate(
                  { action: 'accept', version: referral.version },
                  { onSuccess: () => onDone?.(t('referrals.done.accept', { caseNumber: referral.caseNumber })) },
                )
              }
            >
              {answer.isPending ? t('intake.saving') : t('referrals.accept')}
            </button>
            <button type="button" className="button" onClick={() => onOpen('decline')}>
              {t('referrals.decline')}
            </button>
            <button type="button" className="button" onClick={() => onOpen('transfer')}>
              {t('referrals.transfer')}
            </button>
          </>
        ) : null}
        {isRevocable ? (
          <button type="button" className="button" onClick={() => onOpen('revoke')}>
            {t('referrals.revoke')}
          </button>
        ) : null}
      </div>
      {answer.error ? <ReferralError error={answer.error} /> : null}
    </div>
  );
}

interface ReferralFormProps {
  referral: Referral;
  mode: ReferralFormMode;
  onClose: () => void;
  onDone?: (message: string) => void;
}

/** Decline, withdraw (both with a reason) or pass the referral on to another unit (with the unit and a reason). */
export function ReferralForm({ referral, mode, onClose, onDone }: ReferralFormProps) {
  const { language, t } = useLanguage();
  const answer = useAnswerReferral(referral);
  const transfer = useTransferReferral(referral);
  const [unit, setUnit] = useState<{ id: string; nameTh: string } | null>(null);
  const [isUnitMissing, setIsUnitMissing] = useState(false);
  const unitName = (language === 'en' ? referral.unit.nameEn : null) ?? referral.unit.nameTh;
  const finish = (key: 'referrals.done.decline' | 'referrals.done.transfer' | 'referrals.done.revoke') => () => {
    onDone?.(t(key, { caseNumber: referral.caseNumber }));
    onClose();
  };

  if (mode === 'transfer')
    return (
      <ReasonForm
        heading={t('referrals.transferHeading', { caseNumber: referral.caseNumber })}
        note={
          <CaseUnitSelect
            id={`transfer-${referral.id}-unit`}
            value={unit}
            onChange={(next) => {
              setUnit(next);
              if (next) setIsUnitMissing(false);
            }}
            error={isUnitMissing ? t('referrals.unitMissing') : null}
          />
        }
        reasonLabel={t('referrals.transferReason')}
        confirmLabel={t('referrals.transferConfirm')}
        isPending={transfer.isPending}
        error={transfer.error}
        renderError={(error) => <ReferralError error={error} />}
        onConfirm={(reason) => {
          if (!unit) {
            setIsUnitMissing(true);
            return;
          }
          transfer.mutate(
            { version: referral.version, toUnitId: unit.id, reason },
            { onSuccess: finish('referrals.done.transfer') },
          );
        }}
        onCancel={onClose}
      />
    );

  return (
    <ReasonForm
      heading={
        mode === 'decline'
          ? t('referrals.declineHeading', { caseNumber: referral.caseNumber })
          : t('referrals.revokeHeading', { unit: unitName })
      }
      reasonLabel={mode === 'decline' ? t('referrals.declineReason') : t('referrals.revokeReason')}
      confirmLabel={mode === 'decline' ? t('referrals.declineConfirm') : t('referrals.revokeConfirm')}
      isWarning={mode === 'decline'}
      isPending={answer.isPending}
      error={answer.error}
      renderError={(error) => <ReferralError error={error} />}
      onConfirm={(reason) =>
        answer.mutate(
          { action: mode, version: referral.version, reason },
          { onSuccess: finish(mode === 'decline' ? 'referrals.done.decline' : 'referrals.done.revoke') },
        )
      }
      onCancel={onClose}
    />
  );
}
