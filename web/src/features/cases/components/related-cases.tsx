import { formatBuddhistDate, type CaseDetail, type CaseStatus, type RelatedCase } from '@oscc/contract';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { useLinkCase, useMergeCase, useRelatedCases, useUnlinkCase } from '../api/cases.ts';
import { StatusBadge } from './case-labels.tsx';
import { ReasonForm } from './reason-form.tsx';

const KNOWN_STATUSES: readonly string[] = ['triage', 'new', 'merged'];

function RelatedStatus({ status }: { status: string }) {
  return KNOWN_STATUSES.includes(status) ? <StatusBadge status={status as CaseStatus} /> : <span>{status}</span>;
}

type Pending = { kind: 'link' | 'merge'; related: RelatedCase } | null;

/**
 * Cases that may be the same matter (same phone, same ID, similar name): each can be linked to this one with a
 * reason, or this case merged into it as a duplicate. A merged case can do neither.
 */
export function RelatedCases({ detail }: { detail: CaseDetail }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const isOpen = detail.status !== 'merged';
  const related = useRelatedCases(detail.id, isOpen);
  const link = useLinkCase(detail.id);
  const merge = useMergeCase(detail.id);
  const [pending, setPending] = useState<Pending>(null);
  const linkedIds = new Set(detail.links.map((linked) => linked.id));

  function choose(next: Pending) {
    link.reset();
    merge.reset();
    setPending(next);
  }

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('cases.related.heading')}
      </h2>
      {!isOpen ? (
        <p className="muted">{t('cases.related.mergedNote')}</p>
      ) : (
        <>
          <p className="muted">{t('cases.related.intro')}</p>
          {related.error ? <ErrorMessage error={related.error} /> : null}
          {related.isPending ? <Loading /> : null}
          {related.data?.length === 0 ? <p>{t('cases.related.none')}</p> : null}
          {related.data && related.data.length > 0 ? (
            <ul className="plain-list related-list">
              {related.data.map((item) => {
                const isLinked = linkedIds.has(item.id);
                const isChosen = pending?.related.id === item.id;
                return (
                  <li key={item.id} className="related-case">
                    <div className="related-case-main">
                      <p className="related-case-title">
                        <Link to={`/cases/${item.id}`} className="case-number-link">
                          {item.caseNumber}
                        </Link>{' '}
                        <RelatedStatus status={item.status} />
                        {isLinked ? <span className="badge badge-ok">{t('cases.related.linked')}</span> : null}
                      </p>
                      <p className="muted">
                        {t('cases.related.receivedAt', {
                          date: formatBuddhistDate(item.createdAt, language, 'dateTime'),
                        })}
                      </p>
                      <ul className="chip-list" aria-label={t('cases.related.reasonsLabel')}>
                        {item.reasons.map((reason) => (
                          <li key={reason} className="chip">
                            {t(`cases.related.reason.${reason}`)}
                          </li>
                        ))}
                      </ul>
                    </div>
                    {item.status !== 'merged' ? (
                      <div className="button-row related-case-actions">
                        {!isLinked ? (
                          <button
                            type="button"
                            className="button button-small"
                            aria-expanded={isChosen && pending?.kind === 'link'}
                            onClick={() => choose({ kind: 'link', related: item })}
                          >
                            {t('cases.related.link', { caseNumber: item.caseNumber })}
                          </button>
                        ) : null}
                        <button
                          type="button"
                          className="button button-small"
                          aria-expanded={isChosen && pending?.kind === 'merge'}
                          onClick={() => choose({ kind: 'merge', related: item })}
                        >
                          {t('cases.related.merge', { caseNumber: item.caseNumber })}
                        </button>
                      </div>
                    ) : null}
                    {isChosen && pending.kind === 'link' ? (
                      <ReasonForm
                        heading={t('cases.related.linkHeading', { caseNumber: item.caseNumber })}
                        reasonLabel={t('cases.related.linkReason')}
                        confirmLabel={t('cases.related.linkConfirm')}
                        isPending={link.isPending}
                        error={link.error}
                        onCancel={() => choose(null)}
                        onConfirm={(reason) =>
                          link.mutate({ relatedCaseId: item.id, reason }, { onSuccess: () => setPending(null) })
                        }
                      />
                    ) : null}
                    {isChosen && pending.kind === 'merge' ? (
                      <ReasonForm
                        isWarning
                        heading={t('cases.related.mergeHeading', { from: detail.caseNumber, into: item.caseNumber })}
                        note={
                          <p>{t('cases.related.mergeWarning', { from: detail.caseNumber, into: item.caseNumber })}</p>
                        }
                        reasonLabel={t('cases.related.mergeReason')}
                        confirmLabel={t('cases.related.mergeConfirm')}
                        isPending={merge.isPending}
                        error={merge.error}
                        onCancel={() => choose(null)}
                        onConfirm={(reason) =>
                          merge.mutate(
                            { version: detail.version, intoCaseId: item.id, reason },
                            { onSuccess: () => setPending(null) },
                          )
                        }
                      />
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The cases linked to this one and the duplicates merged into it; a staff link can be taken back. */
export function LinkedCases({ detail, canChange }: { detail: CaseDetail; canChange: boolean }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const unlink = useUnlinkCase(detail.id);
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('cases.links.heading')}
      </h2>
      {detail.mergedInto ? (
        <p>
          {t('cases.links.mergedInto')}{' '}
          <Link to={`/cases/${detail.mergedInto.id}`} className="case-number-link">
            {detail.mergedInto.caseNumber}
          </Link>
        </p>
      ) : null}
      {detail.links.length === 0 ? (
        <p className="muted">{t('cases.links.none')}</p>
      ) : (
        <ul className="plain-list related-list">
          {detail.links.map((linked) => (
            <li key={linked.id} className="related-case">
              <div className="related-case-main">
                <p className="related-case-title">
                  <Link to={`/cases/${linked.id}`} className="case-number-link">
                    {linked.caseNumber}
                  </Link>{' '}
                  <span className="badge badge-info">{t(`cases.links.relation.${linked.relation}`)}</span>
                </p>
                <p>
                  {t('cases.links.reason')}: {linked.reason}
                </p>
                <p className="muted">
                  {t('cases.links.at', { date: formatBuddhistDate(linked.createdAt, language, 'dateTime') })}
                </p>
              </div>
              {canChange && linked.relation === 'related' && detail.status !== 'merged' ? (
                <div className="button-row related-case-actions">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={unlink.isPending}
                    onClick={() => unlink.mutate(linked.id)}
                  >
                    {t('cases.links.unlink', { caseNumber: linked.caseNumber })}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {unlink.error ? <ErrorMessage error={unlink.error} /> : null}
    </section>
  );
}
