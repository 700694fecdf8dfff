import type { AreaLevel, RoutingPreview } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { PlaceSelects } from '../../../components/ui/place-selects.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useDistricts, useProvinces, useSubdistricts } from '../../../lib/reference-data.ts';
import { useProblemTypes, useRoutingPreview } from '../api/routing.ts';
import {
  bangkokIso,
  chosenCandidate,
  formatBangkokTime,
  previewParameters,
  previewProblems,
  type PreviewProblem,
  type PreviewRequest,
} from '../utils/routing-preview.ts';

type Candidate = RoutingPreview['candidates'][number];

interface RoutingPreviewPanelProps {
  /** The question last asked (from the address bar); the form starts from it. */
  asked: PreviewRequest;
  onAsk: (request: PreviewRequest) => void;
  canManageProblemTypes: boolean;
}

/** The routing preview: how the rules work, the question, and what the rules would do with it. */
export function RoutingPreviewPanel({ asked, onAsk, canManageProblemTypes }: RoutingPreviewPanelProps) {
  const parameters = previewParameters(asked);
  return (
    <div className="stack-lg">
      <RoutingRules canManageProblemTypes={canManageProblemTypes} />
      <PreviewForm key={JSON.stringify(asked)} asked={asked} onAsk={onAsk} />
      {parameters ? <PreviewResult asked={asked} parameters={parameters} /> : null}
    </div>
  );
}

function RoutingRules({ canManageProblemTypes }: { canManageProblemTypes: boolean }) {
  const { t } = useLanguage();
  const ids = useId();
  return (
    <section className="card routing-rules" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('routing.rulesHeading')}
      </h2>
      <ol className="routing-rule-list">
        <li>{t('routing.rule.area')}</li>
        <li>{t('routing.rule.lead')}</li>
        <li>{t('routing.rule.crisis')}</li>
        <li>{t('routing.rule.triage')}</li>
      </ol>
      <p className="muted">
        {t('routing.editUnits')} <Link to="/units">{t('routing.editUnitsLink')}</Link>
        {canManageProblemTypes ? (
          <>
            {' '}
            {t('routing.editLead')} <Link to="/problem-types">{t('routing.editLeadLink')}</Link>
          </>
        ) : null}
      </p>
    </section>
  );
}

function PreviewForm({ asked, onAsk }: { asked: PreviewRequest; onAsk: (request: PreviewRequest) => void }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const problemTypes = useProblemTypes();
  const [values, setValues] = useState(asked);
  const [problems, setProblems] = useState<PreviewProblem[]>([]);
  const problemText = (problem: PreviewProblem) =>
    problems.includes(problem) ? t(`routing.problem.${problem}`) : undefined;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = previewProblems(values);
    setProblems(found);
    if (found.length > 0) {
      focusFirstProblem(event.currentTarget);
      return;
    }
    onAsk(values);
  }

  return (
    <form className="card stack" onSubmit={handleSubmit} noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('routing.formHeading')}
      </h2>
      <div className="form-grid routing-problem">
        <Field id={`${ids}-problem`} label={t('routing.problemType')} error={problemText('problemType')}>
          {({ describedBy, isInvalid }) => (
            <select
              id={`${ids}-problem`}
              value={values.problemType}
              onChange={(event) => setValues((current) => ({ ...current, problemType: event.target.value }))}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              aria-busy={problemTypes.isPending || undefined}
            >
              <option value="">{t('routing.chooseProblem')}</option>
              {problemTypes.data?.map((type) => (
                <option key={type.code} value={type.code}>
                  {localizedRowName(type, language)}
                  {type.active ? '' : ` (${t('problemTypes.inactive')})`}
                </option>
              ))}
              {values.problemType && !problemTypes.data ? (
                <option value={values.problemType}>{values.problemType}</option>
              ) : null}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="fieldset">
        <legend>{t('routing.place')}</legend>
        <div className="form-grid">
          <PlaceSelects
            idPrefix={`${ids}-place`}
            value={values.place}
            onChange={(place) => setValues((current) => ({ ...current, place }))}
            emptyLabels={{
              province: t('routing.emptyProvince'),
              district: t('routing.emptyDistrict'),
              subdistrict: t('routing.emptySubdistrict'),
            }}
            errors={{ province: problemText('province') }}
          />
        </div>
      </fieldset>
      <div className="form-grid">
        <Field id={`${ids}-at`} label={t('routing.at')} hint={t('routing.atHint')} error={problemText('at')}>
          {({ describedBy, isInvalid }) => (
            <input
              id={`${ids}-at`}
              type="datetime-local"
              value={values.at}
              onChange={(event) => setValues((current) => ({ ...current, at: event.target.value }))}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <div className="field routing-crisis">
          <label className="choice">
            <input
              type="checkbox"
              checked={values.crisis}
              onChange={(event) => setValues((current) => ({ ...current, crisis: event.target.checked }))}
            />
            <span>
              {t('routing.crisis')}
              <span className="field-hint choice-hint">{t('routing.crisisHint')}</span>
            </span>
          </label>
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('routing.submit')}
        </button>
      </div>
    </form>
  );
}

/** A place with its level word: "จังหวัดราชบุรี", "อำเภอเมืองราชบุรี"; Bangkok says เขต and แขวง. */
function useAreaLabel(): (area: { level: AreaLevel; code: string; nameTh: string; nameEn: string | null }) => string {
  const { language, t } = useLanguage();
  return (area) => {
    const name = localizedRowName(area, language);
    const isBangkok = area.code.startsWith('10');
    if (area.level === 'province') return t('units.areaLevel.province', { name });
    if (area.level === 'district')
      return isBangkok ? t('units.areaLevel.districtBangkok', { name }) : t('units.areaLevel.district', { name });
    return isBangkok ? t('units.areaLevel.subdistrictBangkok', { name }) : t('units.areaLevel.subdistrict', { name });
  };
}

/** The names of the asked place's levels, from the cached geography lists. */
function usePlaceNames(asked: PreviewRequest) {
  const provinces = useProvinces();
  const districts = useDistricts(asked.place.provinceCode || null);
  const subdistricts = useSubdistricts(asked.place.districtCode || null);
  const names = new Map<string, { nameTh: string; nameEn: string | null }>();
  for (const item of provinces.data ?? []) if (item.code === asked.place.provinceCode) names.set(item.code, item);
  for (const item of districts.data ?? []) if (item.code === asked.place.districtCode) names.set(item.code, item);
  for (const item of subdistricts.data ?? []) if (item.code === asked.place.subdistrictCode) names.set(item.code, item);
  return names;
}

function PreviewResult({ asked, parameters }: { asked: PreviewRequest; parameters: Record<string, string> }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const preview = useRoutingPreview(parameters);
  const problemTypes = useProblemTypes();
  const names = usePlaceNames(asked);
  const areaLabel = useAreaLabel();
  const area = (level: AreaLevel, code: string) => {
    const name = names.get(code);
    return name ? areaLabel({ level, code, ...name }) : code;
  };
  const problemType = problemTypes.data?.find((type) => type.code === asked.problemType);
  const askedArea = parameters['areaCode'] ?? '';
  const askedLevel: AreaLevel =
    askedArea.length === 6 ? 'subdistrict' : askedArea.length === 4 ? 'district' : 'province';
  const at = bangkokIso(asked.at);
  const question = [
    problemType ? localizedRowName(problemType, language) : asked.problemType,
    area(askedLevel, askedArea),
    asked.crisis ? t('routing.askedCrisis') : null,
    at ? t('routing.askedAt', { time: formatBangkokTime(at, language) }) : t('routing.askedNow'),
  ]
    .filter(Boolean)
    .join(' · ');

  const data = preview.data;
  const columns: DataTableColumn<Candidate>[] = [
    {
      key: 'rank',
      header: t('routing.column.rank'),
      cell: (candidate) => (data?.candidates.indexOf(candidate) ?? 0) + 1,
    },
    {
      key: 'unit',
      header: t('routing.column.unit'),
      isRowHeader: true,
      cell: (candidate) => (
        <>
          <Link to={`/units/${candidate.unitId}`}>{candidate.unitNameTh}</Link>
          {data?.decision.unitId === candidate.unitId && data.decision.areaCode === candidate.areaCode ? (
            <>
              {' '}
              <span className="badge badge-ok">{t('routing.chosen')}</span>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'area',
      header: t('routing.column.area'),
      cell: (candidate) => area(candidate.areaLevel, candidate.areaCode),
    },
    {
      key: 'lead',
      header: t('routing.column.lead'),
      cell: (candidate) =>
        candidate.leadAgency ? (
          <span className="badge badge-info">{t('routing.leadBadge')}</span>
        ) : (
          <span className="muted">{t('routing.notLead')}</span>
        ),
    },
    {
      key: 'open',
      header: t('routing.column.open'),
      cell: (candidate) =>
        candidate.openNow ? (
          <span className="badge badge-ok">{t('routing.open')}</span>
        ) : (
          <span className="badge badge-muted">{t('routing.closed')}</span>
        ),
    },
  ];

  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`} aria-busy={preview.isFetching || undefined}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('routing.resultHeading')}
      </h2>
      <p className="muted">{question}</p>
      {preview.error ? <ErrorMessage error={preview.error} /> : null}
      {preview.isPending ? <Loading /> : null}
      {data && !preview.error ? (
        <>
          <Decision preview={data} area={area} />
          <h3 id={`${ids}-candidates`}>{t('routing.candidatesHeading', { count: data.candidates.length })}</h3>
          {data.candidates.length > 0 ? (
            <>
              <p className="muted">{t('routing.candidatesIntro')}</p>
              <DataTable
                columns={columns}
                rows={data.candidates}
                rowKey={(candidate) => `${candidate.unitId}-${candidate.areaCode}`}
                labelledBy={`${ids}-candidates`}
                isBusy={preview.isFetching}
              />
            </>
          ) : (
            <p>{t('routing.noCandidates')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

function Decision({ preview, area }: { preview: RoutingPreview; area: (level: AreaLevel, code: string) => string }) {
  const { t } = useLanguage();
  const { decision } = preview;
  const chosen = chosenCandidate(preview);
  if (decision.unitId === null || decision.kind === 'triage')
    return (
      <div className="routing-decision routing-decision-triage" data-testid="routing-decision">
        <p className="routing-decision-title">
          <strong>{t('routing.triage')}</strong>
        </p>
        <p>{t('routing.triageExplain')}</p>
        <p className="muted">
          {t('routing.decision.reason')}: <span lang="en">{decision.reason}</span>
        </p>
      </div>
    );
  return (
    <div className="routing-decision" data-testid="routing-decision">
      <p className="routing-decision-title">
        {t('routing.routedTo')}{' '}
        <strong>
          <Link to={`/units/${decision.unitId}`}>{decision.unitNameTh}</Link>
        </strong>
      </p>
      <dl className="details details-compact">
        <div>
          <dt>{t('routing.decision.areaLevel')}</dt>
          <dd>
            {decision.areaLevel && decision.areaCode
              ? `${t(`routing.level.${decision.areaLevel}`)} — ${area(decision.areaLevel, decision.areaCode)}`
              : t('routing.notLead')}
          </dd>
        </div>
        <div>
          <dt>{t('routing.decision.lead')}</dt>
          <dd>{decision.leadAgency ? t('routing.yesLead') : t('routing.noLead')}</dd>
        </div>
        <div>
          <dt>{t('routing.decision.openNow')}</dt>
          <dd>
            {chosen === null
              ? t('routing.notLead')
              : chosen.openNow
                ? decision.open24Hours
                  ? t('routing.open24')
                  : t('routing.open')
                : t('routing.closed')}
          </dd>
        </div>
        <div>
          <dt>{t('routing.decision.reason')}</dt>
          <dd lang="en" className="code-value">
            {decision.reason}
          </dd>
        </div>
      </dl>
    </div>
  );
}
