import { CONTACT_METHODS, NOTE_KINDS, type CaseWork, type NoteKind } from '@oscc/contract';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '../../../components/ui/field.tsx';
import { useLanguage } from '../../../i18n/index.ts';
import { fieldErrors } from '../../../lib/field-errors.ts';
import { localizedRowName } from '../../../lib/format.ts';
import { useAddNote } from '../api/casework.ts';
import { NOTE_MAX_LENGTH } from '../utils/casework.ts';
import { SavedNote, WhenText, WorkError } from './casework-parts.tsx';

type ContactMethod = (typeof CONTACT_METHODS)[number];

/** The case's notes, the latest first, and (for the people who work it) a note, a contact or the team's screening. */
export function CaseNotes({ work }: { work: CaseWork }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const [message, setMessage] = useState<string | null>(null);
  const notes = [...work.notes].reverse();
  return (
    <section className="card stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="card-title">
        {t('casework.notes.heading')} ({work.notes.length})
      </h2>
      <SavedNote message={message} />
      {work.can.work ? <NoteForm caseId={work.caseId} onSaved={setMessage} /> : null}
      {notes.length === 0 ? (
        <p className="muted">{t('casework.notes.none')}</p>
      ) : (
        <ol className="plain-list work-list">
          {notes.map((note) => (
            <li key={note.id} className="work-item" data-testid="case-note">
              <p className="work-item-title">
                <span className={note.kind === 'note' ? 'badge badge-muted' : 'badge badge-info'}>
                  {t(`casework.notes.kind.${note.kind}`)}
                </span>
                {note.contactMethod ? ` ${t(`casework.contactMethod.${note.contactMethod}`)}` : ''}
              </p>
              <p className="case-narrative">{note.body}</p>
              <p className="muted work-item-meta">
                <WhenText at={note.createdAt} />
                {note.author ? ` · ${t('casework.by', { name: note.author.displayName })}` : ''}
                {note.unit ? ` · ${localizedRowName(note.unit, language)}` : ''}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function NoteForm({ caseId, onSaved }: { caseId: string; onSaved: (message: string) => void }) {
  const { language, t } = useLanguage();
  const ids = useId();
  const add = useAddNote(caseId);
  const [kind, setKind] = useState<NoteKind>('note');
  const [method, setMethod] = useState<ContactMethod | ''>('');
  const [body, setBody] = useState('');
  const [problems, setProblems] = useState<{ body?: boolean; method?: boolean }>({});
  const server = fieldErrors(add.error, language);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = { body: !body.trim(), method: kind === 'contact' && !method };
    setProblems(missing);
    if (missing.method) return document.getElementById(`${ids}-method`)?.focus();
    if (missing.body) return document.getElementById(`${ids}-body`)?.focus();
    add.mutate(
      { kind, body: body.trim(), ...(kind === 'contact' && method ? { contactMethod: method } : {}) },
      {
        onSuccess: () => {
          onSaved(t('casework.notes.saved', { kind: t(`casework.notes.kind.${kind}`) }));
          setBody('');
          setMethod('');
          setKind('note');
        },
      },
    );
  }

  return (
    <form className="panel stack work-form" aria-labelledby={`${ids}-heading`} onSubmit={handleSubmit} noValidate>
      <h3 id={`${ids}-heading`}>{t('casework.notes.formHeading')}</h3>
      <fieldset className="fieldset-plain">
        <legend className="field-label">{t('casework.notes.kindLabel')}</legend>
        <div className="choice-list">
          {NOTE_KINDS.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name={`${ids}-kind`}
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
              />
              <span>
                {t(`casework.notes.kind.${option}`)}
                <span className="field-hint">{t(`casework.notes.kindHint.${option}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'contact' ? (
        <Field
          id={`${ids}-method`}
          label={t('casework.notes.contactMethod')}
          error={problems.method ? t('casework.notes.contactMethodMissing') : (server.contactMethod ?? null)}
        >
          {({ describedBy, isInvalid }) => (
            <select
              id={`${ids}-method`}
              value={method}
              aria-invalid={isInvalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => {
                setMethod(event.target.value as ContactMethod | '');
                setProblems((current) => ({ ...current, method: false }));
              }}
            >
              <option value="">{t('casework.notes.contactMethod')}</option>
              {CONTACT_METHODS.map((option) => (
                <option key={option} value={option}>
                  {t(`casework.contactMethod.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field
        id={`${ids}-body`}
        label={t('casework.notes.body')}
        error={problems.body ? t('casework.required') : (server.body ?? null)}
      >
        {({ describedBy, isInvalid }) => (
          <textarea
            id={`${ids}-body`}
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            value={body}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setBody(event.target.value);
              if (event.target.value.trim()) setProblems((current) => ({ ...current, body: false }));
            }}
          />
        )}
      </Field>
      {add.error ? <WorkError error={add.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t('casework.saving') : t('casework.notes.submit')}
        </button>
      </div>
    </form>
  );
}
