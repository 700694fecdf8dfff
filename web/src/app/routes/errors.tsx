import { ERRORS } from '@oscc/contract';
import { Link } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading.tsx';
import { useLanguage } from '../../i18n/index.ts';

export function NotFoundRoute() {
  const { t } = useLanguage();
  return (
    <>
      <PageHeading title={t('errors.notFoundTitle')} intro={t('errors.notFoundBody')} />
      <Link to="/">{t('errors.backHome')}</Link>
    </>
  );
}

export function ForbiddenRoute() {
  const { language, t } = useLanguage();
  return (
    <>
      <PageHeading title={t('errors.forbiddenTitle')} intro={ERRORS.FORBIDDEN[language]} />
      <Link to="/">{t('errors.backHome')}</Link>
    </>
  );
}
