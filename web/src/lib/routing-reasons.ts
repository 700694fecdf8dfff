import type { RoutingDecision } from '@oscc/contract';
import type { TFunction } from 'i18next';

/**
 * Why a case went where it did, in the reader's language: the rule that matched (area level and place, lead
 * ministry, open 24 hours), the central triage queue, or — for a unit chosen by hand — the reason staff wrote.
 * `areaName` is the matched area's name, when the caller knows it.
 */
export function routingReasons(
  routing: RoutingDecision,
  areaName: string | null,
  t: TFunction<'translation', undefined>,
): string[] {
  if (routing.kind === 'manual') return [routing.reason];
  if (routing.kind === 'triage') return [t('intake.saved.triageReason')];
  return [
    routing.areaLevel
      ? t('intake.reason.area', {
          level: t(`intake.level.${routing.areaLevel}`),
          area: areaName ?? routing.areaCode ?? '',
        })
      : null,
    routing.leadAgency ? t('intake.reason.lead') : null,
    routing.open24Hours ? t('intake.reason.open24') : null,
  ].filter((reason): reason is string => reason !== null);
}
