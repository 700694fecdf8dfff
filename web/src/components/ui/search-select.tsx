import { useState } from 'react';
import { Field } from './field.tsx';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';

interface SearchSelectProps<T extends { id: string }> {
  id: string;
  value: string;
  /** The chosen record's name, so it stays listed while the search shows others. */
  selectedName: string | null;
  searchLabel: string;
  searchHint: string;
  label: string;
  /** The first, empty choice ("none" or "choose …"). */
  emptyLabel: string;
  error?: string | null | undefined;
  /** The matches for the (debounced, trimmed) text typed so far, searched on the server (a query hook). */
  useMatches: (q: string) => { items: readonly T[]; isFetching: boolean };
  /** What the list shows for a match. */
  optionLabel: (item: T) => string;
  onChange: (item: T | null) => void;
  /** A record that must not be offered (a person as their own supervisor). */
  excludeId?: string | undefined;
}

/**
 * A record chosen from thousands: type part of its name, then pick from the
 * server's matches. The chosen one stays in the list whatever is typed.
 */
export function SearchSelect<T extends { id: string }>(props: SearchSelectProps<T>) {
  const { id, value, selectedName, error, onChange } = props;
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const matches = props.useMatches(q);
  const items = matches.items.filter((item) => item.id !== props.excludeId);
  const isFetching = matches.isFetching;
  const isSelectedListed = items.some((item) => item.id === value);

  return (
    <div className="unit-select">
      <Field id={`${id}-search`} label={props.searchLabel} hint={props.searchHint}>
        {({ describedBy }) => (
          <input
            id={`${id}-search`}
            type="search"
            autoComplete="off"
            maxLength={100}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={describedBy}
            aria-controls={id}
          />
        )}
      </Field>
      <Field id={id} label={props.label} error={error}>
        {({ describedBy, isInvalid }) => (
          <select
            id={id}
            value={value}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            aria-busy={isFetching}
            onChange={(event) => onChange(items.find((item) => item.id === event.target.value) ?? null)}
          >
            <option value="">{props.emptyLabel}</option>
            {value && !isSelectedListed && selectedName ? <option value={value}>{selectedName}</option> : null}
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {props.optionLabel(item)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
