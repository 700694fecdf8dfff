import { useId, useRef, useState } from 'react';
import { useLanguage } from '../../../i18n/index.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useDistrictsByCode, useProvinces } from '../../../lib/reference-data.ts';
import {
  addArea,
  filterAreas,
  groupAreasByProvince,
  pickedArea,
  removeArea,
  removeProvince,
  type AreaEntry,
} from '../utils/areas.ts';
import { PlaceSelects, type PickedPlace, type PlaceCodes } from '../../../components/ui/place-selects.tsx';
import { useAreaLabel } from './unit-texts.ts';

/** Above this many areas the list gets a search box and the provinces fold, so hundreds stay manageable. */
const MANY_AREAS = 20;

interface AreasEditorProps {
  idPrefix: string;
  areas: readonly AreaEntry[];
  onChange: (areas: AreaEntry[]) => void;
  error?: string;
}

/**
 * Areas of responsibility: pick a province, a district or a subdistrict and add it; the chosen places are
 * listed by province as chips, each with its own remove button. What happened is announced politely.
 */
export function AreasEditor({ idPrefix, areas, onChange, error }: AreasEditorProps) {
  const { language, t } = useLanguage();
  const provinces = useProvinces();
  const areaLabel = useAreaLabel();
  const ids = useId();
  const [place, setPlace] = useState<PlaceCodes>({ provinceCode: '', districtCode: '', subdistrictCode: '' });
  const [picked, setPicked] = useState<PickedPlace>({ province: null, district: null, subdistrict: null });
  const [message, setMessage] = useState('');
  const [filter, setFilter] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  // District names, so subdistricts that share a name can be told apart.
  const districts = useDistrictsByCode(
    areas.filter((area) => area.level === 'subdistrict').map((area) => area.code.slice(0, 2)),
  );
  const addButton = useRef<HTMLButtonElement>(null);

  const provinceLabel = (code: string) => {
    const province = provinces.data?.find((item) => item.code === code);
    return t('units.areaLevel.province', { name: province ? localizedRowName(province, language) : code });
  };

  function add() {
    const entry = pickedArea(picked);
    if (!entry) {
      setMessage(t('units.areasEditor.chooseProvinceFirst'));
      return;
    }
    const outcome = addArea(areas, entry);
    const name = areaLabel(entry, districts);
    if (outcome.kind === 'duplicate') setMessage(t('units.areasEditor.duplicate', { name }));
    else if (outcome.kind === 'covered')
      setMessage(t('units.areasEditor.covered', { name, coveredBy: areaLabel(outcome.coveredBy, districts) }));
    else {
      onChange(outcome.areas);
      setFilter('');
      setMessage(
        outcome.replaced.length > 0
          ? t('units.areasEditor.addedReplacing', { name, count: outcome.replaced.length })
          : t('units.areasEditor.added', { name }),
      );
    }
  }

  /** After a removal, focus goes to the next remove button (or the add button), never lost on the page. */
  function focusAfterRemoval(index: number) {
    window.requestAnimationFrame(() => {
      const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-remove]');
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
      (next ?? addButton.current)?.focus();
    });
  }

  function remove(entry: AreaEntry, index: number) {
    onChange(removeArea(areas, entry.code));
    setMessage(t('units.areasEditor.removed', { name: areaLabel(entry, districts) }));
    focusAfterRemoval(index);
  }

  function removeWholeProvince(provinceCode: string, index: number) {
    onChange(removeProvince(areas, provinceCode));
    setMessage(t('units.areasEditor.removed', { name: provinceLabel(provinceCode) }));
    focusAfterRemoval(index);
  }

  const isMany = areas.length > MANY_AREAS;
  const shown = filterAreas(areas, filter);
  const groups = groupAreasByProvince(shown);
  // Each remove button's place in the list, so focus can move to the next one after a removal.
  const removable = groups.flatMap((group) => [
    ...(group.isWholeProvince ? [group.provinceCode] : []),
    ...group.entries.map((area) => area.code),
  ]);
  const indexOf = (code: string) => removable.indexOf(code);

  return (
    <div className="stack">
      <fieldset className="fieldset">
        <legend>{t('units.areasEditor.pickerLegend')}</legend>
        <p className="field-hint">{t('units.areasEditor.pickerHint')}</p>
        <div className="form-grid">
          <PlaceSelects
            idPrefix={`${idPrefix}-pick`}
            value={place}
            onChange={(next, nextPicked) => {
              setPlace(next);
              setPicked(nextPicked);
            }}
            emptyLabels={{
              province: t('geography.chooseProvince'),
              district: t('units.areasEditor.wholeProvinceOption'),
              subdistrict: t('units.areasEditor.wholeDistrictOption'),
            }}
          />
        </div>
        <div className="button-row area-add-row">
          <button ref={addButton} type="button" className="button" onClick={add}>
            {t('units.areasEditor.add')}
          </button>
        </div>
      </fieldset>
      <p className="muted" role="status" aria-live="polite">
        {message}
      </p>
      <div ref={listRef} className="stack">
        <h3
          id={`${ids}-list`}
          className="area-list-heading"
          tabIndex={-1}
          data-problem={error ? true : undefined}
          aria-describedby={error ? `${idPrefix}-error` : undefined}
        >
          {t('units.areasEditor.listHeading', { count: areas.length })}
        </h3>
        {error ? (
          <p id={`${idPrefix}-error`} className="field-error">
            {error}
          </p>
        ) : null}
        {areas.length === 0 ? <p className="muted">{t('units.areasEditor.empty')}</p> : null}
        {isMany ? (
          <div className="field area-filter">
            <label htmlFor={`${ids}-filter`}>{t('units.areasEditor.filterLabel')}</label>
            <input
              id={`${ids}-filter`}
              type="search"
              autoComplete="off"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          </div>
        ) : null}
        {isMany && filter.trim() && shown.length === 0 ? (
          <p className="muted">{t('units.areasEditor.noMatch', { text: filter.trim() })}</p>
        ) : null}
        {groups.length > 0 ? (
          <ul className="area-groups" aria-labelledby={`${ids}-list`}>
            {groups.map((group) => {
              const label = provinceLabel(group.provinceCode);
              const firstIndex = indexOf(group.isWholeProvince ? group.provinceCode : (group.entries[0]?.code ?? ''));
              const chips = (
                <ul className="chip-list">
                  {group.isWholeProvince ? (
                    <li className="chip">
                      {label} · {t('units.wholeProvince')}
                      <button
                        type="button"
                        className="chip-remove"
                        data-remove
                        aria-label={t('units.areasEditor.remove', { name: label })}
                        onClick={() =>
                          remove(
                            areas.find((area) => area.code === group.provinceCode)!,
                            firstIndex,
                          )
                        }
                      >
                        <span aria-hidden="true">×</span>
                      </button>
                    </li>
                  ) : null}
                  {group.entries.map((area) => {
                    const name = areaLabel(area, districts);
                    return (
                      <li key={area.code} className="chip">
                        {name}
                        <button
                          type="button"
                          className="chip-remove"
                          data-remove
                          aria-label={t('units.areasEditor.remove', { name })}
                          onClick={() => remove(area, indexOf(area.code))}
                        >
                          <span aria-hidden="true">×</span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              );
              const count = (group.isWholeProvince ? 1 : 0) + group.entries.length;
              return (
                <li key={group.provinceCode}>
                  {isMany ? (
                    <details open={groups.length === 1 || Boolean(filter.trim())}>
                      <summary>
                        <span className="area-group-name">{label}</span>{' '}
                        <span className="muted">({t('units.areaCount', { count })})</span>
                      </summary>
                      {chips}
                      {count > 1 ? (
                        <button
                          type="button"
                          className="button button-link"
                          onClick={() => removeWholeProvince(group.provinceCode, firstIndex)}
                        >
                          {t('units.areasEditor.removeProvince', { name: label })}
                        </button>
                      ) : null}
                    </details>
                  ) : (
                    <>
                      {group.isWholeProvince ? null : <span className="area-group-name">{label}</span>}
                      {chips}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
