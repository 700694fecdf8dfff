import { formatBuddhistDate, type UnitDetail } from '@oscc/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { localizedName, localizedRowName } from '../../../lib/format.ts';
import { useDistricts, useProvinces, useSubdistricts } from '../../../lib/reference-data.ts';
import { useAgencies, useMoveUnit, useProblemTypes, useSetUnitActive } from '../api/organisations.ts';
import { agencyPath } from '../utils/agency-tree.ts';
import { AgencyOptions } from './agency-select.tsx';
import { AreaList } from './area-list.tsx';
import { useAreaLabel, useOfficeHoursText } from './unit-texts.ts';

interface UnitDetailsProps {
  unit: UnitDetail;
  canManage: boolean;
  canReadAudit: boolean;
  /** What was just done on another page (created, saved), to confirm it here. */
  notice: string | null;
  onReload: () => void;
}

type Panel = 'move' | 'active' | null;

/** A unit's page: every detail, and for managers the changes a unit can go through. */
export function UnitDetails({ unit, canManage, canReadAudit, notice, onReload }: UnitDetailsProps) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [panel, setPanel] = useState<Panel>(null);
  const [message, setMessage] = useState<string | null>(notice);
  const messageRef = useRef<HTMLDivElement>(null);
  const moveButton = useRef<HTMLButtonElement>(null);
  const activeButton = useRef<HTMLButtonElement>(null);

  function closePanel(returnTo: 'move' | 'active') {
    setPanel(null);
    window.requestAnimationFrame(() => (returnTo === 'move' ? moveButton : activeButton).current?.focus());
  }

  function done(text: string) {
    setPanel(null);
    setMessage(text);
    window.requestAnimationFrame(() => messageRef.current?.focus());
  }

  return (
    <div className="stack-lg">
      {message ? (
        <div ref={messageRef} className="alert alert-success" role="status" tabIndex={-1}>
          <p>{message}</p>
        </div>
      ) : null}

      <UnitFacts unit={unit} headingId={`${ids}-details`} />

      <section className="card" aria-labelledby={`${ids}-areas`}>
        <h2 id={`${ids}-areas`} className="card-title">
          {t('units.areasHeading')}
        </h2>
        <AreaList areas={unit.areas} />
      </section>

      <UnitProblemTypes codes={unit.problemTypes} headingId={`${ids}-problems`} />

      {canManage || canReadAudit ? (
        <section className="card stack" aria-labelledby={`${ids}-manage`}>
          <h2 id={`${ids}-manage`} className="card-title">
            {t('units.manageHeading')}
          </h2>
          {canManage ? (
            <div className="button-row">
              <Link to={`/units/${unit.id}/edit`} className="button button-primary">
                {t('units.edit')}
              </Link>
              <button
                ref={moveButton}
                type="button"
                className="button"
                aria-expanded={panel === 'move'}
                onClick={() => setPanel(panel === 'move' ? null : 'move')}
              >
                {t('units.move')}
              </button>
              <button
                ref={activeButton}
                type="button"
                className="button"
                aria-expanded={panel === 'active'}
                onClick={() => setPanel(panel === 'active' ? null : 'active')}
              >
                {unit.active ? t('units.deactivate') : t('units.reactivate')}
              </button>
            </div>
          ) : null}
          {panel === 'move' ? (
            <MoveUnitPanel
              unit={unit}
              onCancel={() => closePanel('move')}
              onMoved={(moved) => done(t('units.moved', { name: localizedRowName(moved.agency, language) }))}
              onReload={onReload}
            />
          ) : null}
          {panel === 'active' ? (
            <SetActivePanel
              unit={unit}
              onCancel={() => closePanel('active')}
              onDone={(changed) => done(changed.active ? t('units.reactivated') : t('units.deactivated'))}
              onReload={onReload}
            />
          ) : null}
          {canReadAudit ? (
            <p>
              <Link to={`/audit?entityType=unit&entityId=${encodeURIComponent(unit.id)}`}>{t('units.history')}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** The unit's facts as a description list: agency path, type, place, contact, hours, status. */
function UnitFacts({ unit, headingId }: { unit: UnitDetail; headingId: string }) {
  const { language, t } = useLanguage();
  const agencies = useAgencies();
  const provinces = useProvinces();
  const districts = useDistricts(unit.provinceCode);
  const subdistricts = useSubdistricts(unit.districtCode);
  const hoursText = useOfficeHoursText();
  const areaLabel = useAreaLabel();

  const path = agencies.data ? agencyPath(agencies.data, unit.agencyId) : [];
  const province = provinces.data?.find((item) => item.code === unit.provinceCode);
  const district = districts.data?.find((item) => item.code === unit.districtCode);
  const subdistrict = subdistricts.data?.find((item) => item.code === unit.subdistrictCode);
  const place = [
    subdistrict ? areaLabel({ ...subdistrict, level: 'subdistrict' }) : null,
    district ? areaLabel({ ...district, level: 'district' }) : null,
    province ? areaLabel({ ...province, level: 'province' }) : unit.provinceCode,
    unit.postcode,
  ].filter(Boolean);
  const none = t('units.notGiven');
  // Thai addresses run the levels on with spaces ("ตำบล… อำเภอ… จังหวัด…"); English separates them with commas.

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        {t('units.detailsHeading')}
      </h2>
      <dl className="details">
        <div>
          <dt>{t('units.field.status')}</dt>
          <dd>
            {unit.active ? (
              <span className="badge badge-ok">{t('units.status.active')}</span>
            ) : (
              <span className="badge badge-muted">{t('units.status.inactive')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('units.field.code')}</dt>
          <dd className="code-value">{unit.code}</dd>
        </div>
        {unit.nameEn && language === 'th' ? (
          <div>
            <dt>{t('units.field.nameEn')}</dt>
            <dd lang="en">{unit.nameEn}</dd>
          </div>
        ) : null}
        {language === 'en' ? (
          <div>
            <dt>{t('units.field.nameTh')}</dt>
            <dd lang="th">{unit.nameTh}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('units.field.agencyId')}</dt>
          <dd>
            {path.length > 0 ? (
              <ol className="agency-path">
                {path.map((agency) => (
                  <li key={agency.id}>{localizedRowName(agency, language)}</li>
                ))}
              </ol>
            ) : (
              localizedRowName(unit.agency, language)
            )}
          </dd>
        </div>
        <div>
          <dt>{t('units.field.type')}</dt>
          <dd>{t(`units.type.${unit.type}`)}</dd>
        </div>
        <div>
          <dt>{t('units.field.location')}</dt>
          <dd>
            {unit.address ? <span className="address-line">{unit.address}</span> : null}
            {place.length > 0 ? (
              <span className="address-line">{place.join(language === 'th' ? ' ' : ', ')}</span>
            ) : null}
            {!unit.address && place.length === 0 ? none : null}
          </dd>
        </div>
        <div>
          <dt>{t('units.field.phone')}</dt>
          <dd>{unit.phone ? <a href={`tel:${unit.phone.replace(/[^\d+]/g, '')}`}>{unit.phone}</a> : none}</dd>
        </div>
        <div>
          <dt>{t('units.field.email')}</dt>
          <dd className="break-anywhere">{unit.email ? <a href={`mailto:${unit.email}`}>{unit.email}</a> : none}</dd>
        </div>
        <div>
          <dt>{t('units.field.officeHours')}</dt>
          <dd>{hoursText(unit.officeHours)}</dd>
        </div>
        <div>
          <dt>{t('units.field.updatedAt')}</dt>
          <dd>{formatBuddhistDate(unit.updatedAt, language, 'dateTime')}</dd>
        </div>
      </dl>
    </section>
  );
}

function UnitProblemTypes({ codes, headingId }: { codes: readonly string[]; headingId: string }) {
  const { language, t } = useLanguage();
  const problemTypes = useProblemTypes();
  const known = problemTypes.data ?? [];
  // In the server's order (urgent first), then any code the list does not know.
  const listed = [
    ...known.filter((type) => codes.includes(type.code)),
    ...codes
      .filter((code) => !known.some((type) => type.code === code))
      .map((code) => ({ code, nameTh: code, nameEn: code, urgent: false })),
  ];
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        {t('units.problemTypesHeading')}
      </h2>
      {problemTypes.error ? <ErrorMessage error={problemTypes.error} /> : null}
      {codes.length === 0 ? (
        <p className="muted">{t('units.noProblemTypes')}</p>
      ) : (
        <ul className="problem-list">
          {listed.map((type) => (
            <li key={type.code}>
              {localizedName({ th: type.nameTh, en: type.nameEn }, language)}
              {type.urgent ? (
                <>
                  {' '}
                  <span className="badge badge-urgent">{t('units.urgent')}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The message for a refused change: conflict, out of reach, still in use, or the server's own words. */
function ChangeError({ error, onReload, stillInUse }: { error: unknown; onReload: () => void; stillInUse?: string }) {
  const { language, t } = useLanguage();
  if (!error) return null;
  if (isApiError(error) && error.code === 'CONFLICT') {
    return (
      <div className="alert alert-error stack" role="alert">
        <p>{t('units.conflict')}</p>
        <button type="button" className="button" onClick={onReload}>
          {t('units.reload')}
        </button>
      </div>
    );
  }
  if (isApiError(error) && error.status === 403) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{error.messages[language]}</p>
        <p>{t('units.forbidden')}</p>
      </div>
    );
  }
  if (isApiError(error) && error.code === 'STILL_IN_USE' && stillInUse) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{stillInUse}</p>
      </div>
    );
  }
  return <ErrorMessage error={error} />;
}

function usePanelHeadingFocus() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

function MoveUnitPanel({
  unit,
  onCancel,
  onMoved,
  onReload,
}: {
  unit: UnitDetail;
  onCancel: () => void;
  onMoved: (unit: UnitDetail) => void;
  onReload: () => void;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const heading = usePanelHeadingFocus();
  const agencies = useAgencies();
  const move = useMoveUnit(unit.id);
  const [agencyId, setAgencyId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = !agencyId ? t('units.choiceRequired') : agencyId === unit.agencyId ? t('units.sameAgency') : null;
    setProblem(found);
    if (found) {
      select.current?.focus();
      return;
    }
    move.mutate({ agencyId, version: unit.version }, { onSuccess: onMoved });
  }

  return (
    <form className="panel stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`} ref={heading} tabIndex={-1}>
        {t('units.moveHeading')}
      </h3>
      <Field id={`${ids}-agency`} label={t('units.moveTarget')} hint={t('units.moveHint')} error={problem}>
        {({ describedBy, isInvalid }) => (
          <select
            ref={select}
            id={`${ids}-agency`}
            value={agencyId}
            onChange={(event) => setAgencyId(event.target.value)}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
          >
            <option value="">{t('units.chooseAgency')}</option>
            <AgencyOptions agencies={agencies.data} />
          </select>
        )}
      </Field>
      <ChangeError
        error={move.error}
        onReload={() => {
          move.reset();
          onReload();
        }}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={move.isPending}>
          {move.isPending ? t('units.moving') : t('units.moveSubmit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('units.cancel')}
        </button>
      </div>
    </form>
  );
}

function SetActivePanel({
  unit,
  onCancel,
  onDone,
  onReload,
}: {
  unit: UnitDetail;
  onCancel: () => void;
  onDone: (unit: UnitDetail) => void;
  onReload: () => void;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const heading = usePanelHeadingFocus();
  const setActive = useSetUnitActive(unit.id);
  const [reason, setReason] = useState('');
  const isClosing = unit.active;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    setActive.mutate(
      { active: !isClosing, version: unit.version, ...(trimmed ? { reason: trimmed } : {}) },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="panel stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`} ref={heading} tabIndex={-1}>
        {isClosing ? t('units.deactivateHeading') : t('units.reactivateHeading')}
      </h3>
      <p>{isClosing ? t('units.deactivateIntro') : t('units.reactivateIntro')}</p>
      <Field id={`${ids}-reason`} label={t('units.reason')} hint={t('units.reasonHint')}>
        {({ describedBy }) => (
          <textarea
            id={`${ids}-reason`}
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <ChangeError
        error={setActive.error}
        onReload={() => {
          setActive.reset();
          onReload();
        }}
        stillInUse={t('units.stillInUse')}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={setActive.isPending}>
          {isClosing ? t('units.confirmDeactivate') : t('units.confirmReactivate')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('units.cancel')}
        </button>
      </div>
    </form>
  );
}
