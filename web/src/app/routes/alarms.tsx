import { Link, useOutletContext, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { parseAlarmList, parseDeliveryTab } from '../../features/alarms/api/alarms.ts';
import { AlarmDeliveries } from '../../features/alarms/components/alarm-deliveries.tsx';
import { AlarmLadderPage } from '../../features/alarms/components/alarm-ladder.tsx';
import { LineLink } from '../../features/alarms/components/line-link.tsx';
import { MyAlarms } from '../../features/alarms/components/my-alarms.tsx';
import { useLanguage } from '../../i18n/index.ts';
import { hasPermission } from '../../lib/format.ts';
import type { ShellContext } from '../app-shell.tsx';
import { isAllowed, NAVIGATION } from '../navigation.ts';
import { ForbiddenRoute } from './errors.tsx';

/**
 * `/alarms?list=all`: the alarms sent to me (everyone signed in may get them), acknowledging them, and getting them
 * in LINE — there is no account page, so linking LINE lives here, next to the alarms it is for.
 */
export function AlarmsRoute() {
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  const list = parseAlarmList(search.get('list'));
  return (
    <>
      <PageHeading title={t('alarms.title')} intro={t('alarms.intro')} />
      <p>
        <Link to="/alarm-ladder">{t('alarms.ladderLink')}</Link>
      </p>
      <div className="stack-lg">
        <MyAlarms list={list} onListChange={(next) => setSearch(next === 'open' ? {} : { list: next })} />
        <LineLink />
      </div>
    </>
  );
}

/** `/alarm-deliveries?status=pending`: outgoing alarm messages, for the people who manage alarms. */
export function AlarmDeliveriesRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  const requires = NAVIGATION.find((item) => item.to === '/alarm-deliveries')?.requires;
  if (!isAllowed(requires, session.user.permissions)) return <ForbiddenRoute />;
  const tab = parseDeliveryTab(search.get('status'));
  return (
    <>
      <PageHeading title={t('alarms.deliveries.title')} intro={t('alarms.deliveries.intro')} />
      <p>
        <Link to="/alarm-ladder">{t('alarms.deliveries.ladderLink')}</Link>
      </p>
      <AlarmDeliveries tab={tab} onTabChange={(next) => setSearch(next === 'failed' ? {} : { status: next })} />
    </>
  );
}

/** `/alarm-ladder`: who is told of a late case, when and how — read by everyone, changed by `alarms.manage`. */
export function AlarmLadderRoute() {
  const { session } = useOutletContext<ShellContext>();
  const { t } = useLanguage();
  const canManage = hasPermission(session.user, 'alarms.manage');
  return (
    <>
      <PageHeading title={t('alarms.ladder.title')} intro={t('alarms.ladder.intro')} />
      {canManage ? (
        <p>
          <Link to="/alarm-deliveries">{t('alarms.ladder.deliveriesLink')}</Link>
        </p>
      ) : null}
      <AlarmLadderPage canManage={canManage} />
    </>
  );
}
