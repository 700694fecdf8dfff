import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { HolidayCalendar } from '../../features/calendar/components/holiday-calendar.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';

/**
 * `/holidays`: the public holidays the business-day time frames skip. Everyone signed in may read them; the
 * calendar is national, so only people who manage organisations with a nation-wide role are offered its form
 * (the server decides, by the rule that applies).
 */
export function HolidaysRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  return (
    <>
      <PageHeading title={t('calendar.title')} intro={t('calendar.intro')} />
      <HolidayCalendar
        canManage={
          hasPermission(session.user, 'organisations.manage') &&
          session.user.roles.some((role) => role.scope.level === 'nation')
        }
      />
    </>
  );
}
