import { AUDIT_ENTITY_TYPES, type AuditEvent } from '@oscc/contract';
import { en } from '../../../i18n/en.ts';
import type { Language } from '../../../i18n/language.ts';
import { th } from '../../../i18n/th.ts';

/*
 * The labels below are read from the dictionaries directly rather than through the translate function: its types
 * are computed per call, and a key that is a union of dozens of dictionary paths (every action, every field) costs
 * the type checker more than the whole rest of a page.
 */

const dictionaries = { th, en } as const;

/** The text at a dotted path of a dictionary ("user.create" in `audit.action`), or null if there is none. */
function textAt(node: unknown, path: string): string | null {
  let current: unknown = node;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return null;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === 'string' ? current : null;
}

function leafPaths(node: object, prefix: string): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafPaths(value as object, `${prefix}${key}.`),
  );
}

/** Every action the dictionary names ('user.create', 'unit.areas.update', …), in the dictionary's order. */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = leafPaths(th.audit.action, '');

/** An action in words, or null for an action nobody named yet (show its code then). */
export function actionLabel(action: string, language: Language): string | null {
  return textAt(dictionaries[language].audit.action, action);
}

/** A field's name in words, or null (show the field's own name then). */
export function fieldLabel(field: string, language: Language): string | null {
  return field.includes('.') ? null : textAt(dictionaries[language].audit.field, field);
}

/** A kind of record in words, or null for a kind the contract does not list yet. */
export function entityTypeLabel(entityType: string, language: Language): string | null {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(entityType)
    ? textAt(dictionaries[language].audit.entityType, entityType)
    : null;
}

function text(row: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = row[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}

/**
 * A name for the record an event is about, from what the event stored: a person's Thai name, a unit's or
 * agency's name, else an e-mail or code — each looked for in `after`, then `before` (an edit often stores only
 * the fields it changed). Null when the event stored none (then show the id).
 */
export function entityName(event: Pick<AuditEvent, 'before' | 'after'>): string | null {
  const states = [event.after, event.before].filter(
    (state): state is Record<string, unknown> => typeof state === 'object' && state !== null && !Array.isArray(state),
  );
  const candidates: ((row: Record<string, unknown>) => string | null)[] = [
    (row) => {
      const first = text(row, 'firstNameTh', 'first_name_th');
      const last = text(row, 'lastNameTh', 'last_name_th');
      return first && last ? `${first} ${last}` : null;
    },
    (row) => text(row, 'nameTh', 'name_th'),
    (row) => text(row, 'email', 'code'),
  ];
  for (const candidate of candidates) {
    for (const state of states) {
      const name = candidate(state);
      if (name) return name;
    }
  }
  return null;
}
