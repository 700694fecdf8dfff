import { useOutletContext } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { HotlineCard, WelcomeCard } from '../../features/home/components/welcome-card.tsx';
import { useLanguage } from '../../i18n/index.ts';
import type { ShellContext } from '../app-shell.tsx';

export function HomeRoute() {
  const { t } = useLanguage();
  const { session } = useOutletContext<ShellContext>();
  return (
    <>
      <PageHeading title={t('home.title')} />
      <div className="grid-2">
        <WelcomeCard session={session} now={new Date()} />
        <HotlineCard />
      </div>
    </>
  );
}
