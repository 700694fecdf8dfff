import { useLanguage } from '../../../i18n/index.ts';

const KNOWN_STATUSES = ['new', 'triage'] as const;

/** A case status in the reader's language; a status this page does not know yet shows as the server names it. */
export function useStatusLabel(): (status: string) => string {
  const { t } = useLanguage();
  return (status) =>
    (KNOWN_STATUSES as readonly string[]).includes(status)
      ? t(`intake.status.${status as (typeof KNOWN_STATUSES)[number]}`)
      : status;
}
