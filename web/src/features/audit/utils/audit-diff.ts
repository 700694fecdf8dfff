/** One field of a record whose value an event changed. */
export interface FieldChange {
  /** The field's name in camelCase, whatever spelling the event stored. */
  field: string;
  before: unknown;
  after: unknown;
}

type Row = Record<string, unknown>;

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `first_name_th` → `firstNameTh`: services store some states as table rows, some as API shapes. */
export function camelCaseKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function camelCaseKeys(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [camelCaseKey(key), value]));
}

/** A stable text of a value for comparing: object keys sorted, null and undefined alike. */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRow(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * What `before` said about a field `after` names. A change of `unitId` is often stored against a `before` that
 * holds the reference as an object (`unit: { id, nameTh }`): compare with that object's id.
 */
function valueBefore(before: Row, field: string): unknown {
  if (field in before) return before[field];
  if (field.endsWith('Id')) {
    const reference = before[field.slice(0, -2)];
    if (reference === null) return null;
    if (isRow(reference) && 'id' in reference) return reference.id;
  }
  return undefined;
}

/**
 * The fields an event changed, in the order `after` lists them, only those whose value differs.
 *  - created (no before): every field given a value;
 *  - removed (no after): every field that had a value;
 *  - changed: every field of `after` whose value differs from `before`. A field only `before` names is not
 *    counted as changed: services record a partial `after` (only the fields sent), so its absence means "left
 *    alone", not "removed".
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const previous = isRow(before) ? camelCaseKeys(before) : null;
  const next = isRow(after) ? camelCaseKeys(after) : null;
  if (!isRow(before) && before !== null && before !== undefined) {
    // A bare value (not a record): one change without a field name, if it changed at all.
    return canonical(before) === canonical(after) ? [] : [{ field: '', before, after: after ?? null }];
  }
  if (!isRow(after) && after !== null && after !== undefined) {
    return [{ field: '', before: before ?? null, after }];
  }
  if (!next) {
    return previous
      ? Object.entries(previous)
          .filter(([, value]) => !isEmpty(value))
          .map(([field, value]) => ({ field, before: value, after: null }))
      : [];
  }
  if (!previous) {
    return Object.entries(next)
      .filter(([, value]) => !isEmpty(value))
      .map(([field, value]) => ({ field, before: null, after: value }));
  }
  return Object.entries(next).flatMap(([field, value]) => {
    const old = valueBefore(previous, field);
    return canonical(old) === canonical(value) ? [] : [{ field, before: old ?? null, after: value }];
  });
}

export interface ValueTexts {
  none: string;
  yes: string;
  no: string;
  /** How to show a calendar day (YYYY-MM-DD) and an instant (ISO date-time): Buddhist era, Bangkok time. */
  date: (isoDate: string) => string;
  dateTime: (isoDateTime: string) => string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A recorded value as a person reads it: dates in the Buddhist era, references by name, the rest as written. */
export function formatAuditValue(value: unknown, texts: ValueTexts): string {
  if (isEmpty(value)) return texts.none;
  if (typeof value === 'boolean') return value ? texts.yes : texts.no;
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return texts.date(value);
    if (ISO_DATE_TIME.test(value)) return texts.dateTime(value);
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value
      .map((item) => (isRow(item) || Array.isArray(item) ? JSON.stringify(item) : formatAuditValue(item, texts)))
      .join(', ');
  if (isRow(value) && typeof value.nameTh === 'string') return value.nameTh;
  return JSON.stringify(value);
}
