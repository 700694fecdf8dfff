import { useRef, useState } from 'react';
import type { PlaceCodes } from '../../../components/ui/place-selects.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { usePostcodePlaces } from '../api/public-report.ts';
import { cleanPostcode, completePostcode, placeCodesOf, placeMatchLabel, POSTCODE_LENGTH } from '../utils/postcode.ts';

interface PostcodeFinderProps {
  idPrefix: string;
  /** The place chosen so far: the match with this subdistrict shows as chosen. */
  value: PlaceCodes;
  /** Fills province, district and subdistrict at once. */
  onChoose: (place: PlaceCodes) => void;
}

/**
 * "Find by postcode": five digits (Thai digits too) list the subdistricts having that postcode; choosing one fills
 * the province, district and subdistrict selects. Even a single match waits for the person to choose it.
 */
export function PostcodeFinder({ idPrefix, value, onChoose }: PostcodeFinderProps) {
  const { language, t } = useLanguage();
  const [typed, setTyped] = useState('');
  const postcode = completePostcode(typed);
  const places = usePostcodePlaces(postcode);
  const matches = postcode ? (places.data ?? []) : [];
  const chosen = matches.find((match) => match.subdistrict?.code === value.subdistrictCode) ?? null;
  // Once a place is chosen, only it stays listed (a postcode can cover twenty subdistricts), until asked again.
  const [showAll, setShowAll] = useState(false);
  const chosenRef = useRef<HTMLButtonElement>(null);
  const shown = chosen && !showAll ? [chosen] : matches;

  let status = '';
  if (postcode) {
    if (places.isPending) status = t('publicReport.postcodeSearching', { postcode });
    else if (places.isError) status = t('publicReport.postcodeFailed');
    else if (matches.length === 0) status = t('publicReport.postcodeNone', { postcode });
    else if (chosen) status = t('publicReport.postcodeChosen', { place: placeMatchLabel(chosen, language) });
    else status = t('publicReport.postcodeFound', { postcode, count: matches.length });
  }

  return (
    <div className="postcode-finder">
      <div className="field">
        <label htmlFor={`${idPrefix}-input`}>{t('publicReport.postcode')}</label>
        <p id={`${idPrefix}-hint`} className="field-hint">
          {t('publicReport.postcodeHint')}
        </p>
        <input
          id={`${idPrefix}-input`}
          className="postcode-input"
          type="text"
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={POSTCODE_LENGTH + 2}
          value={typed}
          aria-describedby={`${idPrefix}-hint ${idPrefix}-status`}
          onChange={(event) => {
            setTyped(cleanPostcode(event.target.value));
            setShowAll(false);
          }}
          onKeyDown={(event) => {
            // Enter here looks up the postcode; it must not send the whole report.
            if (event.key === 'Enter') event.preventDefault();
          }}
        />
      </div>
      <p
        id={`${idPrefix}-status`}
        role="status"
        aria-live="polite"
        className={places.isError && postcode ? 'field-error postcode-status' : 'field-hint postcode-status'}
      >
        {status}
      </p>
      {shown.length > 0 ? (
        <ul className="postcode-matches" aria-label={t('publicReport.postcodeMatches', { postcode })}>
          {shown.map((match) => {
            const codes = placeCodesOf(match);
            if (!codes) return null;
            const isChosen = chosen?.code === match.code;
            const [name, ...above] = placeMatchLabel(match, language).split(' · ');
            return (
              <li key={match.code}>
                <button
                  ref={isChosen ? chosenRef : undefined}
                  type="button"
                  className="postcode-choice"
                  aria-pressed={isChosen}
                  onClick={() => {
                    onChoose(codes);
                    setShowAll(false);
                  }}
                >
                  <span className="postcode-choice-name">{name}</span>
                  {above.length ? <span className="postcode-choice-above"> · {above.join(' · ')}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {shown.length < matches.length ? (
        <button
          type="button"
          className="button-link postcode-show-all"
          onClick={() => {
            setShowAll(true);
            // The button goes away: keep the focus on the chosen place, now at the top of the full list.
            requestAnimationFrame(() => chosenRef.current?.focus());
          }}
        >
          {t('publicReport.postcodeShowAll', { count: matches.length })}
        </button>
      ) : null}
    </div>
  );
}
