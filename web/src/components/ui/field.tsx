import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  className?: string;
  /** Renders the control, given what it must point its aria-describedby at and whether it is invalid. */
  children: (control: { describedBy: string | undefined; isInvalid: boolean }) => ReactNode;
}

/** A labelled form control with its hint and its problem, wired for screen readers. */
export function Field({ id, label, hint, error, className = '', children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId ?? undefined} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({ describedBy, isInvalid: Boolean(error) })}
      {error ? (
        <p id={errorId ?? undefined} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
