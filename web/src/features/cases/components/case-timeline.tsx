import {
  CASE_STATES,
  CLOSURE_OUTCOME_NAMES,
  CLOSURE_REASON_NAMES,
  CONTACT_METHODS,
  FOLLOW_UP_OUTCOME_NAMES,
  formatBuddhistDate,
  NOTE_KINDS,
  SERVICE_TYPE_NAMES,
  type TimelineEntry,
} from '@oscc/contract';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedProblem } from '../../../lib/field-errors.ts';
import { localizedName, localizedRowName } from '../../../lib/format.ts';
import { useCaseTimeline } from '../api/casework.ts';
import { dayText, detailText, newestFirst } from '../utils/casework.ts';
import { useRecordedText, WhenText } from './casework-parts.tsx';

/** How many entries show before "show all": the latest ones matter most, a long case has hundreds. */
const FIRST_ENTRIES = 12;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** Everything that happened to the case in one list, the latest first, in the reader's language. */
export function CaseTimeline({ caseId }: { caseId: string }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const timeline = useCaseTimeline(caseId);
  const [isAll, setIsAll] = useState(false);
  const recorded = useRecordedText();
  const entries = timeline.data ? newestFirst(timeline.data) : [];
  const shown = isAll ? entries : entries.slice(0, FIRST_ENTRIES);
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('casework.timeline.heading')}
      </h2>
      <p className="muted">{t('casework.timeline.hint')}</p>
      {timeline.error ? <ErrorMessage error={timeline.error} /> : null}
      {timeline.isPending ? <Loading /> : null}
      {timeline.data && entries.length === 0 ? <p className="muted">{t('casework.timeline.none')}</p> : null}
      {shown.length > 0 ? (
        <ol className="plain-list timeline" data-testid="case-timeline">
          {shown.map((entry, index) => (
            <li key={`${entry.at}-${entry.kind}-${index}`} className={`timeline-item timeline-${entry.kind}`}>
              <p className="timeline-what">
                <TimelineWhat entry={entry} />
              </p>
              {entry.text && !isFollowUpScheduled(entry) ? (
                <p className="case-narrative timeline-text">{recorded(localizedProblem(entry.text, language))}</p>
              ) : null}
              <p className="muted timeline-meta">
                <WhenText at={entry.at} />
                {entry.actor ? ` · ${t('casework.by', { name: entry.actor.displayName })}` : ''}
                {entry.unit && entry.kind !== 'referral_sent' && entry.kind !== 'referral_answered'
                  ? ` · ${localizedRowName(entry.unit, language)}`
                  : ''}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {!isAll && entries.length > FIRST_ENTRIES ? (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setIsAll(true)}>
            {t('casework.timeline.show', { count: entries.length })}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** The follow-up's own task says what its entry already says ("นัดติดตามผล …"): its title is not repeated. */
function isFollowUpScheduled(entry: TimelineEntry): boolean {
  return entry.kind === 'task_created' && entry.details.taskKind === 'follow_up';
}

/** One entry in words: the kind and its codes, said in Thai or English. */
function TimelineWhat({ entry }: { entry: TimelineEntry }) {
  const { language, t } = useLanguage();
  const detail = (name: string) => detailText(entry, name);
  const unitName = entry.unit ? localizedRowName(entry.unit, language) : '';
  const closureWords = () => {
    const reason = detail('reason');
    const outcome = detail('outcome');
    return {
      reason:
        reason in CLOSURE_REASON_NAMES ? localizedName(CLOSURE_REASON_NAMES[reason as 'goals_met'], language) : reason,
      outcome:
        outcome in CLOSURE_OUTCOME_NAMES
          ? localizedName(CLOSURE_OUTCOME_NAMES[outcome as 'resolved'], language)
          : outcome,
    };
  };
  switch (entry.kind) {
    case 'contact':
      return t('casework.timeline.contact', {
        channel: t(`intake.channel.${detail('channel')}` as 'intake.channel.hotline', {
          defaultValue: detail('channel'),
        }),
      });
    case 'state': {
      const from = detail('from');
      const to = detail('to');
      const state = (code: string) => (isOneOf(CASE_STATES, code) ? t(`cases.status.${code}`) : code);
      return (
        <strong>
          {from
            ? t('casework.timeline.state', { from: state(from), to: state(to) })
            : t('casework.timeline.stateStart', { to: state(to) })}
        </strong>
      );
    }
    case 'referral_sent': {
      const kind = detail('referralKind');
      return t('casework.timeline.referralSent', {
        unit: unitName,
        kind: kind === 'lead' || kind === 'team' ? t(`referrals.kind.${kind}`) : kind,
      });
    }
    case 'referral_answered': {
      const status = detail('status');
      const statuses = ['sent', 'accepted', 'declined', 'transferred', 'revoked'] as const;
      return t('casework.timeline.referralAnswered', {
        unit: unitName,
        status: isOneOf(statuses, status) ? t(`referrals.status.${status}`) : status,
      });
    }
    case 'step_done':
      return (
        <>
          {t('casework.timeline.stepDone', { name: language === 'en' ? detail('nameEn') : detail('nameTh') })}
          {entry.details.late === true ? (
            <>
              {' '}
              <span className="badge badge-danger">{t('casework.steps.late')}</span>
            </>
          ) : null}
        </>
      );
    case 'note': {
      const kind = detail('noteKind');
      const method = detail('contactMethod');
      if (kind === 'contact')
        return t('casework.timeline.noteContact', {
          method: isOneOf(CONTACT_METHODS, method) ? t(`casework.contactMethod.${method}`) : method,
        });
      return t('casework.timeline.note', {
        kind: isOneOf(NOTE_KINDS, kind) ? t(`casework.notes.kind.${kind}`) : kind,
      });
    }
    case 'service': {
      const type = detail('serviceType');
      const service =
        type in SERVICE_TYPE_NAMES ? localizedName(SERVICE_TYPE_NAMES[type as 'shelter'], language) : type;
      return (
        <>
          {t('casework.timeline.service', { service, provider: detail('provider') })}
          {detail('providedOn') ? ` · ${dayText(detail('providedOn'), language)}` : ''}
        </>
      );
    }
    case 'plan':
      return t('casework.timeline.plan', { revision: detail('revision') });
    case 'task_created':
      return detail('taskKind') === 'follow_up' && detail('dueAt')
        ? t('casework.timeline.followUpScheduled', { date: formatBuddhistDate(detail('dueAt'), language) })
        : t('casework.timeline.taskCreated', { unit: unitName });
    case 'task_done': {
      const title = localizedProblem(detail('title'), language);
      return detail('status') === 'cancelled'
        ? t('casework.timeline.taskCancelled', { title })
        : t('casework.timeline.taskDone', { title });
    }
    case 'attachment':
      return t('casework.timeline.attachment');
    case 'closure_requested':
      return (
        <strong>
          {entry.details.requiresApproval === true
            ? t('casework.timeline.closureRequested', closureWords())
            : t('casework.timeline.closureClosed', closureWords())}
        </strong>
      );
    case 'closure_decided':
      return (
        <strong>
          {entry.details.approved === true
            ? t('casework.timeline.closureApproved')
            : t('casework.timeline.closureSentBack')}
        </strong>
      );
    case 'follow_up': {
      const outcome = detail('outcome');
      const satisfaction = entry.details.satisfaction;
      return (
        <>
          {t('casework.timeline.followUp', {
            outcome:
              outcome in FOLLOW_UP_OUTCOME_NAMES
                ? localizedName(FOLLOW_UP_OUTCOME_NAMES[outcome as 'stable'], language)
                : outcome,
          })}
          {' · '}
          {t('casework.followUp.satisfactionShown', {
            value:
              typeof satisfaction === 'number' && satisfaction >= 1 && satisfaction <= 5
                ? t(`casework.followUp.satisfactionValue.${satisfaction as 1 | 2 | 3 | 4 | 5}`)
                : t('casework.followUp.notSaid'),
          })}
        </>
      );
    }
  }
}
