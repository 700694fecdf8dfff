import { PUBLIC_REPORT_MAX_PHOTOS } from '@oscc/contract';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useLanguage } from '../../../i18n/index.ts';
import { choosePhotos, PHOTO_ACCEPT, PHOTO_MAX_MEGABYTES, type RefusedPhoto } from '../utils/report-photos.ts';

export interface AttachedPhoto {
  /** Only for React's list keys and focus; never sent. */
  key: string;
  file: File;
}

interface PhotoPickerProps {
  idPrefix: string;
  photos: readonly AttachedPhoto[];
  onChange: (photos: AttachedPhoto[]) => void;
  /** The server's problem with the photos, if any. */
  error?: string;
}

let photoCounter = 0;

/**
 * Up to three photos, checked here before anything is sent: a photo by its content (a file renamed .jpg is not a
 * photo), 5 MB at most, three at most. Each chosen photo shows small, with a button to take it off again.
 */
export function PhotoPicker({ idPrefix, photos, onChange, error }: PhotoPickerProps) {
  const { t } = useLanguage();
  const [refused, setRefused] = useState<RefusedPhoto[]>([]);
  const [isChecking, setIsChecking] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const isFull = photos.length >= PUBLIC_REPORT_MAX_PHOTOS;
  const hintId = `${idPrefix}-hint`;
  const problemsId = `${idPrefix}-problems`;
  const errorId = `${idPrefix}-error`;

  async function handleChoose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = Array.from(event.target.files ?? []);
    // Emptied at once, so choosing the same file again (after taking it off) is noticed.
    event.target.value = '';
    if (chosen.length === 0) return;
    setIsChecking(true);
    try {
      const { accepted, refused: notTaken } = await choosePhotos(photos.length, chosen);
      setRefused(notTaken);
      if (accepted.length > 0) {
        onChange([
          ...photos,
          ...accepted.map((file) => {
            photoCounter += 1;
            return { key: `photo-${photoCounter}`, file };
          }),
        ]);
      }
    } finally {
      setIsChecking(false);
    }
  }

  function remove(index: number) {
    onChange(photos.filter((_, at) => at !== index));
    setRefused([]);
    // Focus stays in the picker: on the next photo's button, else on the choose button.
    window.requestAnimationFrame(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>(`#${CSS.escape(idPrefix)}-list button`);
      (buttons[Math.min(index, buttons.length - 1)] ?? inputRef.current)?.focus();
    });
  }

  const problemText = (item: RefusedPhoto) =>
    item.problem === 'type'
      ? t('publicReport.photoWrongType', { name: item.name })
      : item.problem === 'size'
        ? t('publicReport.photoTooLarge', { name: item.name, size: PHOTO_MAX_MEGABYTES })
        : t('publicReport.photoTooMany', { name: item.name, count: PUBLIC_REPORT_MAX_PHOTOS });

  const describedBy = [hintId, refused.length > 0 ? problemsId : null, error ? errorId : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="photo-picker stack" data-problem={error ? true : undefined}>
      <p id={hintId} className="field-hint">
        {t('publicReport.photosHint', { count: PUBLIC_REPORT_MAX_PHOTOS, size: PHOTO_MAX_MEGABYTES })}
      </p>
      {photos.length > 0 ? (
        <ul id={`${idPrefix}-list`} className="photo-list" aria-label={t('publicReport.photosChosen')}>
          {photos.map((photo, index) => (
            <li key={photo.key} className="photo-item">
              <PhotoThumb file={photo.file} />
              <span className="photo-name">{photo.file.name}</span>
              <button type="button" className="button button-small photo-remove" onClick={() => remove(index)}>
                {t('publicReport.remove')}
                <span className="visually-hidden">
                  {' '}
                  {t('publicReport.removePhotoDetail', { number: index + 1, name: photo.file.name })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div aria-live="polite" id={problemsId}>
        {refused.length > 0 ? (
          <ul className="plain-list photo-problems">
            {refused.map((item, index) => (
              <li key={`${item.name}-${index}`} className="field-error">
                {problemText(item)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <label className={`button button-block photo-choose${isFull ? ' is-disabled' : ''}`}>
        <input
          ref={inputRef}
          id={`${idPrefix}-input`}
          className="visually-hidden"
          type="file"
          accept={PHOTO_ACCEPT}
          multiple
          disabled={isFull || isChecking}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => void handleChoose(event)}
        />
        {isFull
          ? t('publicReport.photosFull', { count: PUBLIC_REPORT_MAX_PHOTOS })
          : t('publicReport.addPhotos', { count: PUBLIC_REPORT_MAX_PHOTOS - photos.length })}
      </label>
    </div>
  );
}

/**
 * A small preview from an object URL, let go of (revoked) as soon as the photo is taken off or the form goes.
 * A HEIC photo most browsers cannot draw shows as a plain tile instead.
 */
function PhotoThumb({ file }: { file: File }) {
  const imageRef = useRef<HTMLImageElement>(null);
  const [cannotShow, setCannotShow] = useState(false);

  useEffect(() => {
    const url = URL.createObjectURL(file);
    if (imageRef.current) imageRef.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);

  return (
    <span className="photo-thumb" aria-hidden="true">
      {cannotShow ? <span className="photo-thumb-placeholder">{file.name.split('.').pop()?.toUpperCase()}</span> : null}
      <img ref={imageRef} alt="" hidden={cannotShow} onError={() => setCannotShow(true)} />
    </span>
  );
}
