import {
  CASE_STATES,
  ROLE_CODES,
  SCOPE_LEVELS,
  STEP_CLOCKS,
  STEP_COMPLETIONS,
  STEP_RESPONSIBLES,
  UNIT_TYPES,
  UserDetail,
} from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { otherLanguage, resolveLanguage } from './language.ts';
import { th } from './th.ts';

/** Every text of a dictionary as "path.to.key" → text. */
function flatten(dictionary: object, prefix = ''): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [key, value] of Object.entries(dictionary)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') texts.set(path, value);
    else for (const [innerPath, text] of flatten(value as object, path)) texts.set(innerPath, text);
  }
  return texts;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const thai = flatten(th);
const english = flatten(en);

describe('dictionaries', () => {
  it('have exactly the same keys in Thai and English', () => {
    expect([...english.keys()].sort()).toEqual([...thai.keys()].sort());
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...thai, ...english]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of thai) expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('name every unit type of the contract', () => {
    for (const type of UNIT_TYPES) expect(thai.has(`units.type.${type}`), type).toBe(true);
    expect(Object.keys(th.units.type).sort()).toEqual([...UNIT_TYPES].sort());
  });

  it('name the other language in that language on the switch', () => {
    expect(th.language.switchTo).toBe('English');
    expect(en.language.switchTo).toBe('ภาษาไทย');
  });
});

describe('language choice', () => {
  it('starts in Thai unless a valid choice was saved', () => {
    expect(resolveLanguage(null)).toBe('th');
    expect(resolveLanguage(undefined)).toBe('th');
    expect(resolveLanguage('fr')).toBe('th');
    expect(resolveLanguage('en')).toBe('en');
    expect(resolveLanguage('th')).toBe('th');
  });

  it('switches between the two languages', () => {
    expect(otherLanguage('th')).toBe('en');
    expect(otherLanguage('en')).toBe('th');
  });
});

describe('people texts', () => {
  it('name every role, scope level and account state of the contract in both languages', () => {
    expect(Object.keys(th.people.role).sort()).toEqual([...ROLE_CODES].sort());
    expect(Object.keys(th.people.scope).sort()).toEqual([...SCOPE_LEVELS].sort());
    expect(Object.keys(th.people.state).sort()).toEqual([...UserDetail.shape.accountState.options].sort());
  });
});

describe('case and procedure texts', () => {
  it('name every case state, and every responsible, completion and clock of a procedure step', () => {
    expect(Object.keys(th.cases.status).sort()).toEqual([...CASE_STATES].sort());
    expect(Object.keys(th.procedures.responsible).sort()).toEqual([...STEP_RESPONSIBLES].sort());
    expect(Object.keys(th.procedures.completion).sort()).toEqual([...STEP_COMPLETIONS].sort());
    expect(Object.keys(th.procedures.clock).sort()).toEqual([...STEP_CLOCKS].sort());
  });
});
