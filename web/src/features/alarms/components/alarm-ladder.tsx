import {
  ALARM_AUDIENCES,
  ALARM_CHANNELS,
  ALARM_TYPES,
  formatBuddhistDate,
  type AlarmAudience,
  type AlarmChannel,
  type AlarmLadder,
  type AlarmLadderLevel,
  type AlarmType,
} from '@oscc/contract';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table.tsx';
import { ErrorMessage } from '../../../components/ui/error-message.tsx';
import { Field } from '../../../components/ui/field.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { ladderWhen, sharePercent, spanText } from '../../../lib/alarm-words.ts';
import { fieldErrors, localizedProblem } from '../../../lib/field-errors.ts';
import { focusFirstProblem } from '../../../lib/form-focus.ts';
import { useAlarmLadder, useSaveAlarmLadder } from '../api/alarms.ts';
import {
  addLevel,
  draftFromLadder,
  ladderRequest,
  levelKey,
  removeLevel,
  toggleChoice,
  type DraftProblem,
  type LadderDraft,
  type LevelDraft,
} from '../utils/ladder-draft.ts';

/** "2 ชั่วโมง 30 นาที" with the dictionaries' words. */
function useSpan(): (minutes: number) => string {
  const { t } = useLanguage();
  return (minutes) => spanText(minutes, (unit, count) => t(`myWork.time.${unit}`, { count }));
}

/**
 * The escalation ladder, readable by everyone signed in: per alarm type, who is told at each level, when, how, how
 * often. People who manage alarms may change it here.
 */
export function AlarmLadderPage({ canManage }: { canManage: boolean }) {
  const { language, t } = useLanguage();
  const ladder = useAlarmLadder();
  const [isEditing, setIsEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (ladder.error) return <ErrorMessage error={ladder.error} />;
  if (!ladder.data) return <Loading />;
  const data = ladder.data;
  return (
    <div className="stack-lg">
      <section className="card stack" aria-labelledby="alarm-share-heading">
        <h2 id="alarm-share-heading" className="card-title">
          {t('alarms.ladder.share', { percent: sharePercent(data.warningShare) })}
        </h2>
        {data.updatedAt ? (
          <p className="muted">
            {t('alarms.ladder.updatedAt', { date: formatBuddhistDate(data.updatedAt, language, 'dateTime') })}
          </p>
        ) : null}
        {message ? (
          <div className="alert alert-success" role="status">
            <p>{message}</p>
          </div>
        ) : null}
        {canManage && !isEditing ? (
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                setMessage(null);
                setIsEditing(true);
              }}
            >
              {t('alarms.ladder.edit')}
            </button>
          </div>
        ) : null}
        {!canManage ? <p className="muted">{t('alarms.ladder.readOnly')}</p> : null}
      </section>
      {isEditing ? (
        <LadderEditor
          ladder={data}
          onCancel={() => setIsEditing(false)}
          onSaved={() => {
            setIsEditing(false);
            setMessage(t('alarms.ladder.editor.saved'));
            window.requestAnimationFrame(() => document.getElementById('alarm-share-heading')?.focus());
          }}
        />
      ) : (
        ALARM_TYPES.map((alarm) => <LadderTable key={alarm} alarm={alarm} ladder={data} />)
      )}
    </div>
  );
}

function LadderTable({ alarm, ladder }: { alarm: AlarmType; ladder: AlarmLadder }) {
  const { t } = useLanguage();
  const ids = useId();
  const span = useSpan();
  const list = (values: readonly string[], name: (value: string) => string, empty: string) =>
    values.length ? values.map(name).join(', ') : empty;
  const columns: DataTableColumn<AlarmLadderLevel>[] = [
    {
      key: 'level',
      header: t('alarms.ladder.column.level'),
      isRowHeader: true,
      cell: (level) =>
        level.level === 0 ? t('alarms.ladder.warningLevel') : t('alarms.ladder.levelName', { level: level.level }),
    },
    {
      key: 'when',
      header: t('alarms.ladder.column.when'),
      cell: (level) => {
        const when = ladderWhen(level, ladder.warningShare);
        return when.kind === 'warning'
          ? t('alarms.ladder.when.warning', { percent: when.percent })
          : when.kind === 'atBreach'
            ? t('alarms.ladder.when.atBreach')
            : t('alarms.ladder.when.afterBreach', { time: span(when.minutes) });
      },
    },
    {
      key: 'audiences',
      header: t('alarms.ladder.column.audiences'),
      cell: (level) => list(level.audiences, (value) => t(`alarms.audience.${value as AlarmAudience}`), ''),
    },
    {
      key: 'channels',
      header: t('alarms.ladder.column.channels'),
      cell: (level) => list(level.channels, (value) => t(`alarms.channel.${value as AlarmChannel}`), ''),
    },
    {
      key: 'repeat',
      header: t('alarms.ladder.column.repeat'),
      cell: (level) =>
        level.repeatMinutes === null
          ? t('alarms.ladder.noRepeat')
          : t('alarms.ladder.repeatEvery', { time: span(level.repeatMinutes) }),
    },
    {
      key: 'digest',
      header: t('alarms.ladder.column.digest'),
      cell: (level) =>
        list(
          level.digestAudiences,
          (value) => t(`alarms.audience.${value as AlarmAudience}`),
          t('alarms.ladder.noDigest'),
        ),
    },
  ];
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`} data-testid={`alarm-ladder-${alarm}`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t(`alarms.type.${alarm}`)}
      </h2>
      <p className="muted">{t(`alarms.ladder.typeHint.${alarm}`)}</p>
      <DataTable
        labelledBy={`${ids}-heading`}
        columns={columns}
        rows={ladder.ladders[alarm]}
        rowKey={(level) => String(level.level)}
      />
    </section>
  );
}

/** A field's problem in words: the editor's own codes from the dictionary, the contract's in the reader's half. */
function useProblemText(): (problem: DraftProblem | string | undefined) => string | null {
  const { language, t } = useLanguage();
  return (problem) => {
    if (problem === undefined) return null;
    if (typeof problem === 'string') return problem;
    return 'code' in problem
      ? t(`alarms.ladder.editor.problem.${problem.code}`)
      : localizedProblem(problem.message, language);
  };
}

/** The server's field paths cut to the editor's fields: 'ladders.overdue.1.audiences.0' → 'ladders.overdue.1.audiences'. */
function editorKey(path: string): string {
  const match = /^(ladders\.\w+\.\d+\.\w+)/.exec(path) ?? /^(ladders\.\w+|warningShare)/.exec(path);
  return match?.[1] ?? path;
}

function LadderEditor({
  ladder,
  onCancel,
  onSaved,
}: {
  ladder: AlarmLadder;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { language, t } = useLanguage();
  const ids = useId();
  const form = useRef<HTMLFormElement>(null);
  const save = useSaveAlarmLadder();
  const [draft, setDraft] = useState<LadderDraft>(() => draftFromLadder(ladder));
  const [problems, setProblems] = useState<Record<string, DraftProblem>>({});
  const problemText = useProblemText();
  const server: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(save.error, language))) server[editorKey(path)] ??= message;
  const problemAt = (key: string) => problemText(problems[key]) ?? server[key] ?? null;
  const hasProblems = Object.keys(problems).length > 0;

  function changeLevels(alarm: AlarmType, change: (levels: LevelDraft[]) => LevelDraft[]) {
    setDraft((current) => ({ ...current, ladders: { ...current.ladders, [alarm]: change(current.ladders[alarm]) } }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { request, problems: found } = ladderRequest(draft);
    setProblems(found);
    if (!request) {
      if (form.current) focusFirstProblem(form.current);
      return;
    }
    save.mutate(request, {
      onSuccess: onSaved,
      onError: () => {
        if (form.current) focusFirstProblem(form.current);
      },
    });
  }

  return (
    <form
      ref={form}
      className="card stack alarm-ladder-editor"
      aria-labelledby={`${ids}-heading`}
      onSubmit={handleSubmit}
      noValidate
    >
      <h2 id={`${ids}-heading`} className="card-title">
        {t('alarms.ladder.editor.heading')}
      </h2>
      <Field
        id={`${ids}-share`}
        label={t('alarms.ladder.editor.share')}
        hint={t('alarms.ladder.editor.shareHint')}
        error={problemAt('warningShare')}
        className="field-short"
      >
        {({ describedBy, isInvalid }) => (
          <input
            id={`${ids}-share`}
            type="text"
            inputMode="decimal"
            value={draft.warningPercent}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              const warningPercent = event.target.value;
              setDraft((current) => ({ ...current, warningPercent }));
            }}
          />
        )}
      </Field>
      {ALARM_TYPES.map((alarm) => (
        <fieldset key={alarm} className="fieldset stack alarm-ladder-type" data-testid={`alarm-ladder-edit-${alarm}`}>
          <legend>{t(`alarms.type.${alarm}`)}</legend>
          <p className="field-hint">{t(`alarms.ladder.typeHint.${alarm}`)}</p>
          {problemAt(`ladders.${alarm}`) ? (
            <p className="field-error" data-problem="true">
              {problemAt(`ladders.${alarm}`)}
            </p>
          ) : null}
          {draft.ladders[alarm].map((level, index) => (
            <LevelFields
              key={index}
              alarm={alarm}
              index={index}
              level={level}
              canRemove={index > 0 && draft.ladders[alarm].length > 2}
              problemAt={problemAt}
              onChange={(next) =>
                changeLevels(alarm, (levels) => levels.map((item, position) => (position === index ? next : item)))
              }
              onRemove={() => changeLevels(alarm, (levels) => removeLevel(levels, index))}
            />
          ))}
          <div className="button-row">
            <button type="button" className="button button-small" onClick={() => changeLevels(alarm, addLevel)}>
              {t('alarms.ladder.editor.addLevel')}
            </button>
          </div>
        </fieldset>
      ))}
      {hasProblems ? (
        <div className="alert alert-error" role="alert">
          <p>{t('alarms.ladder.editor.fix')}</p>
        </div>
      ) : null}
      {save.error ? <ErrorMessage error={save.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('alarms.ladder.editor.saving') : t('alarms.ladder.editor.save')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.isPending}>
          {t('alarms.ladder.editor.cancel')}
        </button>
      </div>
    </form>
  );
}

function LevelFields({
  alarm,
  index,
  level,
  canRemove,
  problemAt,
  onChange,
  onRemove,
}: {
  alarm: AlarmType;
  index: number;
  level: LevelDraft;
  canRemove: boolean;
  problemAt: (key: string) => string | null;
  onChange: (level: LevelDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useLanguage();
  const ids = useId();
  const span = useSpan();
  const key = (field: keyof AlarmLadderLevel) => levelKey(alarm, index, field);
  const after = Number(level.afterMinutes);
  const repeat = Number(level.repeatMinutes);
  return (
    <fieldset className="fieldset stack alarm-level" data-testid={`alarm-level-${alarm}-${index}`}>
      <legend>{index === 0 ? t('alarms.ladder.warningLevel') : t('alarms.ladder.levelName', { level: index })}</legend>
      {problemAt(key('level')) ? <p className="field-error">{problemAt(key('level'))}</p> : null}
      {index === 0 ? (
        <p className="field-hint">{t('alarms.ladder.editor.warningAt')}</p>
      ) : (
        <Field
          id={`${ids}-after`}
          label={t('alarms.ladder.editor.afterMinutes')}
          hint={
            Number.isInteger(after) && after > 0 && level.afterMinutes.trim() !== ''
              ? t('alarms.ladder.editor.minutesAre', { time: span(after) })
              : t('alarms.ladder.editor.afterHint')
          }
          error={problemAt(key('afterMinutes'))}
          className="field-short"
        >
          {({ describedBy, isInvalid }) => (
            <input
              id={`${ids}-after`}
              type="text"
              inputMode="numeric"
              value={level.afterMinutes}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => onChange({ ...level, afterMinutes: event.target.value })}
            />
          )}
        </Field>
      )}
      <ChoiceGroup
        legend={t('alarms.ladder.editor.audiences')}
        error={problemAt(key('audiences'))}
        options={ALARM_AUDIENCES.map((value) => ({ value, label: t(`alarms.audience.${value}`) }))}
        chosen={level.audiences}
        onChange={(value, on) => {
          const audiences = toggleChoice(ALARM_AUDIENCES, level.audiences, value, on);
          onChange({
            ...level,
            audiences,
            digestAudiences: level.digestAudiences.filter((audience) => audiences.includes(audience)),
          });
        }}
      />
      <ChoiceGroup
        legend={t('alarms.ladder.editor.channels')}
        error={problemAt(key('channels'))}
        options={ALARM_CHANNELS.map((value) => ({ value, label: t(`alarms.channel.${value}`) }))}
        chosen={level.channels}
        onChange={(value, on) =>
          onChange({ ...level, channels: toggleChoice(ALARM_CHANNELS, level.channels, value, on) })
        }
      />
      <label className="choice">
        <input
          type="checkbox"
          checked={level.repeats}
          onChange={(event) => onChange({ ...level, repeats: event.target.checked })}
        />
        <span>{t('alarms.ladder.editor.repeats')}</span>
      </label>
      {level.repeats ? (
        <Field
          id={`${ids}-repeat`}
          label={t('alarms.ladder.editor.repeatMinutes')}
          hint={
            Number.isInteger(repeat) && repeat > 0
              ? t('alarms.ladder.editor.minutesAre', { time: span(repeat) })
              : undefined
          }
          error={problemAt(key('repeatMinutes'))}
          className="field-short"
        >
          {({ describedBy, isInvalid }) => (
            <input
              id={`${ids}-repeat`}
              type="text"
              inputMode="numeric"
              value={level.repeatMinutes}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => onChange({ ...level, repeatMinutes: event.target.value })}
            />
          )}
        </Field>
      ) : null}
      {level.audiences.length > 0 ? (
        <ChoiceGroup
          legend={t('alarms.ladder.editor.digest')}
          error={problemAt(key('digestAudiences'))}
          options={level.audiences.map((value) => ({ value, label: t(`alarms.audience.${value}`) }))}
          chosen={level.digestAudiences}
          onChange={(value, on) =>
            onChange({ ...level, digestAudiences: toggleChoice(ALARM_AUDIENCES, level.digestAudiences, value, on) })
          }
        />
      ) : null}
      {canRemove ? (
        <div className="button-row">
          <button type="button" className="button button-small" onClick={onRemove}>
            {t('alarms.ladder.editor.removeLevel', { level: index })}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

function ChoiceGroup<T extends string>({
  legend,
  error,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  error: string | null;
  options: { value: T; label: string }[];
  chosen: readonly T[];
  onChange: (value: T, on: boolean) => void;
}): ReactNode {
  const ids = useId();
  return (
    <fieldset
      className="fieldset-plain"
      aria-describedby={error ? `${ids}-error` : undefined}
      data-problem={error ? true : undefined}
      tabIndex={error ? -1 : undefined}
    >
      <legend className="field-label">{legend}</legend>
      {error ? (
        <p id={`${ids}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <ul className="choice-row plain-list">
        {options.map((option) => (
          <li key={option.value}>
            <label className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(option.value)}
                onChange={(event) => onChange(option.value, event.target.checked)}
              />
              <span>{option.label}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
