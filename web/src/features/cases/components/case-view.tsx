import { formatBuddhistDate, type CaseDetail, type CasePerson } from '@oscc/contract';
import { useId } from 'react';
import { Link } from 'react-router';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { useCaseWork } from '../api/casework.ts';
import { usePlaceNames } from '../api/places.ts';
import { ageOn } from '../utils/case-view.ts';
import { dayText } from '../utils/casework.ts';
import { CaseAlarms } from './case-alarms.tsx';
import { CaseAttachments } from './case-attachments.tsx';
import { CaseConversations } from './case-conversations.tsx';
import { CaseAccessLog, CaseDisclosureNotice } from './case-disclosure.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { CaseWorkCards } from './case-work.tsx';
import { CaseHistory, CaseProcedure } from './case-procedure.tsx';
import { CaseReferrals } from './case-referrals.tsx';
import { CrisisBadge, SeverityBadge, StatusBadge, useProblemTypeName } from './case-labels.tsx';
import { LinkedCases, RelatedCases } from './related-cases.tsx';
import { ScreeningPanel } from './screening-panel.tsx';
import { routingReasons } from '../../../lib/routing-reasons.ts';

/**
 * One case: what happened, who, where it went and why, with the screening tools beside for screening staff, and
 * for the units working it their work — the steps as they run, notes, plan, services, tasks, closure and
 * follow-up — with one timeline of all of it.
 */
export function CaseView({
  detail,
  canScreen,
  canWork = false,
  canAudit = false,
  userId,
}: {
  detail: CaseDetail;
  canScreen: boolean;
  /** Holds `cases.work`: may answer the referrals sent to the units they work for. */
  canWork?: boolean;
  /** Holds `audit.read`: may see who has seen the case (when their audit scope reaches it). */
  canAudit?: boolean;
  /** The reader, so a closure they asked for themselves is not offered to them for approval. */
  userId: string;
}) {
  const { language, t } = useLanguage();
  const problemTypeName = useProblemTypeName();
  const placeName = usePlaceNames([detail.areaCode]);
  const isMerged = detail.status === 'merged';
  const isScreenable = detail.status === 'new' || detail.status === 'triage';
  const work = useCaseWork(detail.id, !isMerged);
  const isMasked = detail.disclosure.masked;

  return (
    <div className="stack-lg">
      <div className="case-header">
        <p className="case-header-badges badge-row">
          <StatusBadge status={detail.status} />
          {detail.crisis ? <CrisisBadge /> : null}
          <SeverityBadge severity={detail.severity} />
        </p>
        <p className="muted">
          {t(`intake.channel.${detail.channel}`)} ·{' '}
          {t('cases.detail.receivedAt', { date: formatBuddhistDate(detail.createdAt, language, 'dateTime') })} ·{' '}
          {detail.screenedAt
            ? t('cases.detail.screenedAt', { date: formatBuddhistDate(detail.screenedAt, language, 'dateTime') })
            : t('cases.detail.notScreened')}
        </p>
      </div>

      <CaseDisclosureNotice detail={detail} />

      {detail.mergedInto ? (
        <div className="alert alert-warning" role="status">
          <p>
            {t('cases.detail.merged', { caseNumber: detail.mergedInto.caseNumber })}{' '}
            <Link to={`/cases/${detail.mergedInto.id}`}>
              {t('cases.detail.openSurvivor', { caseNumber: detail.mergedInto.caseNumber })}
            </Link>
          </p>
        </div>
      ) : null}

      <div className="grid-2 case-layout">
        <div className="stack-lg">
          <section className="card" aria-labelledby="case-summary-heading">
            <h2 id="case-summary-heading" className="card-title">
              {t('cases.detail.summaryHeading')}
            </h2>
            <dl className="details">
              <div>
                <dt>{t('intake.problemTypes')}</dt>
                <dd>{detail.problemTypes.map(problemTypeName).join(', ') || t('home.none')}</dd>
              </div>
              <div>
                <dt>{t('intake.narrative')}</dt>
                <dd className={isMasked ? 'case-narrative masked-value' : 'case-narrative'}>{detail.narrative}</dd>
              </div>
              <div>
                <dt>{t('intake.place')}</dt>
                <dd>{placeName(detail.areaCode)}</dd>
              </div>
              <div>
                <dt>{t('intake.address')}</dt>
                <dd className={isMasked && detail.address ? 'masked-value' : undefined}>
                  {detail.address ?? t('home.none')}
                </dd>
              </div>
              {detail.latitude !== null && detail.longitude !== null ? (
                <div>
                  <dt>{t('cases.detail.coordinates')}</dt>
                  <dd>
                    {detail.latitude.toFixed(5)}, {detail.longitude.toFixed(5)}
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t('intake.reporter')}</dt>
                <dd>
                  {t(`intake.relations.${detail.reporter.relation}` as 'intake.relations.self', {
                    defaultValue: detail.reporter.relation,
                  })}
                  {detail.reporter.anonymous ? ` · ${t('cases.detail.anonymous')}` : ''}
                </dd>
              </div>
            </dl>
          </section>

          <section className="card" aria-labelledby="case-people-heading">
            <h2 id="case-people-heading" className="card-title">
              {t('intake.people')} ({detail.people.length})
            </h2>
            {detail.people.length === 0 ? (
              <p className="muted">{t('cases.detail.noPeople')}</p>
            ) : (
              <ul className="plain-list case-people">
                {detail.people.map((person) => (
                  <PersonCard key={person.id} person={person} isMasked={isMasked} />
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="case-routing-heading">
            <h2 id="case-routing-heading" className="card-title">
              {t('cases.detail.routing')}
            </h2>
            <dl className="details">
              <div>
                <dt>{t('cases.queue.column.unit')}</dt>
                <dd>
                  {detail.responsibleUnit ? (
                    localizedRowName(detail.responsibleUnit, language)
                  ) : (
                    <strong>{t('cases.centralTriage')}</strong>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('cases.detail.routingKind')}</dt>
                <dd>{t(`cases.detail.routingKinds.${detail.routing.kind}`)}</dd>
              </div>
              <div>
                <dt>{t('cases.detail.routingReason')}</dt>
                <dd>
                  {routingReasons(
                    detail.routing,
                    detail.routing.areaCode ? placeName(detail.routing.areaCode) : null,
                    t,
                  ).join(' · ')}
                </dd>
              </div>
              <div>
                <dt>{t('cases.detail.assignee')}</dt>
                <dd data-testid="case-assignee">
                  {detail.assignee ? detail.assignee.displayName : t('cases.detail.noAssignee')}
                </dd>
              </div>
            </dl>
          </section>

          <CaseProcedure detail={detail} work={work.data} />

          {/* Where the page shows the case's work, it shows its clocks and alarms too. */}
          {work.data ? <CaseAlarms caseId={detail.id} /> : null}

          <CaseConversations conversations={detail.conversations} />

          <section className="card" aria-labelledby="case-contacts-heading">
            <h2 id="case-contacts-heading" className="card-title">
              {t('cases.detail.contacts')} ({detail.contacts.length})
            </h2>
            {detail.contacts.length === 0 ? (
              <p className="muted">{t('home.none')}</p>
            ) : (
              <ul className="plain-list case-contacts">
                {detail.contacts.map((contact) => (
                  <li key={contact.id}>
                    <time dateTime={contact.receivedAt}>
                      {formatBuddhistDate(contact.receivedAt, language, 'dateTime')}
                    </time>{' '}
                    · {t(`intake.channel.${contact.channel}`)} · {t(`intake.outcome.${contact.outcome}`)}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <CaseAttachments detail={detail} />

          {!isMerged ? <CaseTimeline caseId={detail.id} /> : null}
        </div>

        <div className="stack-lg">
          {/* Screening decides what a case is before a unit takes it: only new and central-triage cases. */}
          {canScreen && isScreenable ? <ScreeningPanel detail={detail} /> : null}
          {!isMerged ? <CaseReferrals detail={detail} canWork={canWork} canScreen={canScreen} /> : null}
          {work.error ? <ErrorMessage error={work.error} /> : null}
          {work.data ? <CaseWorkCards work={work.data} userId={userId} /> : null}
          {canScreen ? <RelatedCases detail={detail} /> : null}
          <LinkedCases detail={detail} canChange={canScreen} />
          <CaseHistory transitions={detail.transitions} />
        </div>
      </div>

      {/* Who has seen the case: the full width, for its four columns. */}
      {canAudit ? <CaseAccessLog caseId={detail.id} /> : null}
    </div>
  );
}

function PersonCard({ person, isMasked }: { person: CasePerson; isMasked: boolean }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const age = person.birthDate ? ageOn(person.birthDate, new Date()) : null;
  return (
    <li className="case-person">
      <h3 id={`${ids}-name`} className="case-person-name">
        {person.name ? (
          <span className={isMasked ? 'masked-value' : undefined}>{person.name}</span>
        ) : (
          t('cases.person.unnamed')
        )}{' '}
        <span className="badge badge-info">{t(`intake.roles.${person.role}`)}</span>
      </h3>
      <dl className="details details-compact" aria-labelledby={`${ids}-name`}>
        <div>
          <dt>{t('intake.idType')}</dt>
          <dd>
            {t(`intake.idTypes.${person.idType}`)}
            {person.idNumber ? <span className="code-value"> {person.idNumber}</span> : null}
            {person.passportCountry ? ` (${person.passportCountry})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('cases.person.age')}</dt>
          <dd>
            {person.birthDate
              ? t('cases.person.born', { date: dayText(person.birthDate, language) }) +
                (age !== null ? ` · ${t('cases.person.years', { count: age })}` : '')
              : person.estimatedAge !== null
                ? t('cases.person.estimated', { count: person.estimatedAge })
                : t('home.none')}
          </dd>
        </div>
        <div>
          <dt>{t('intake.sex')}</dt>
          <dd>{t(`intake.sexes.${person.sex}`)}</dd>
        </div>
        <div>
          <dt>{t('cases.person.nationality')}</dt>
          <dd>{person.nationality ?? t('home.none')}</dd>
        </div>
        <div>
          <dt>{t('cases.person.disability')}</dt>
          <dd>{person.disability ? t('cases.person.hasDisability') : t('cases.person.noDisability')}</dd>
        </div>
        <div>
          <dt>{t('intake.phone')}</dt>
          <dd>
            {/* A masked number ("••••••1300") is no number to call. */}
            {person.phone && isMasked ? (
              <span className="masked-value">{person.phone}</span>
            ) : person.phone ? (
              <a href={`tel:${person.phone.replace(/[^\d+]/g, '')}`}>{person.phone}</a>
            ) : (
              t('home.none')
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}
