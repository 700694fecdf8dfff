import { PageHeading } from '../../components/ui/page-heading.tsx';
import { PlacePicker } from '../../features/geography/components/place-picker.tsx';
import { PlaceSearch } from '../../features/geography/components/place-search.tsx';
import { useLanguage } from '../../i18n/index.ts';

export function GeographyRoute() {
  const { t } = useLanguage();
  return (
    <>
      <PageHeading title={t('geography.title')} intro={t('geography.intro')} />
      <div className="stack-lg">
        <PlaceSearch />
        <PlacePicker />
      </div>
    </>
  );
}
