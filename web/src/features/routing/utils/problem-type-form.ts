import type { Agency, NewProblemTypeRequest, ProblemType, ProblemTypeInput } from '@oscc/contract';
import type { Language } from '../../../i18n/language.ts';
import { localizedRowName } from '../../../lib/format.ts';

/** A problem type's code, as the server checks it: lower-case letters, digits and _, starting with a letter. */
export const PROBLEM_TYPE_CODE = /^[a-z][a-z0-9_]{1,39}$/;
export const MAX_SORT_ORDER = 10_000;

/** What the problem-type form holds while it is being filled in: text as typed, the lead ministry by code. */
export interface ProblemTypeFormValues {
  code: string;
  nameTh: string;
  nameEn: string;
  urgent: boolean;
  /** The code of a ministry (root agency); '' for none. */
  leadAgencyCode: string;
  sortOrder: string;
  active: boolean;
}

export type ProblemTypeField = 'code' | 'nameTh' | 'nameEn' | 'sortOrder';
export type ProblemTypeProblem = 'required' | 'codeFormat' | 'sortOrder';

/** The order a new type gets: after the last one, so it does not jump ahead of the others by accident. */
export function nextSortOrder(types: readonly ProblemType[]): number {
  const last = types.reduce((highest, type) => Math.max(highest, type.sortOrder), 0);
  return Math.min(last + 10, MAX_SORT_ORDER);
}

export function emptyProblemTypeValues(sortOrder: number): ProblemTypeFormValues {
  return {
    code: '',
    nameTh: '',
    nameEn: '',
    urgent: false,
    leadAgencyCode: '',
    sortOrder: String(sortOrder),
    active: true,
  };
}

export function problemTypeValues(type: ProblemType): ProblemTypeFormValues {
  return {
    code: type.code,
    nameTh: type.nameTh,
    nameEn: type.nameEn,
    urgent: type.urgent,
    leadAgencyCode: type.leadAgencyCode ?? '',
    sortOrder: String(type.sortOrder),
    active: type.active,
  };
}

/** A typed code as the server wants it: no spaces around, lower case (people type "Gambling" as often as not). */
export function normaliseCode(text: string): string {
  return text.trim().toLowerCase();
}

/** What is wrong with the form before it is sent, field by field; empty when it can be saved. */
export function problemTypeProblems(
  values: ProblemTypeFormValues,
  isNew: boolean,
): Partial<Record<ProblemTypeField, ProblemTypeProblem>> {
  const problems: Partial<Record<ProblemTypeField, ProblemTypeProblem>> = {};
  if (isNew) {
    const code = normaliseCode(values.code);
    if (!code) problems.code = 'required';
    else if (!PROBLEM_TYPE_CODE.test(code)) problems.code = 'codeFormat';
  }
  if (!values.nameTh.trim()) problems.nameTh = 'required';
  if (!values.nameEn.trim()) problems.nameEn = 'required';
  const order = values.sortOrder.trim();
  if (!order) problems.sortOrder = 'required';
  else if (!/^\d+$/.test(order) || Number(order) > MAX_SORT_ORDER) problems.sortOrder = 'sortOrder';
  return problems;
}

/** The body of PUT /api/problem-types/:code. */
export function problemTypeInput(values: ProblemTypeFormValues): ProblemTypeInput {
  return {
    nameTh: values.nameTh.trim(),
    nameEn: values.nameEn.trim(),
    urgent: values.urgent,
    leadAgencyCode: values.leadAgencyCode.trim() || null,
    sortOrder: Number(values.sortOrder.trim()),
    active: values.active,
  };
}

/** The body of POST /api/problem-types. */
export function newProblemTypeRequest(values: ProblemTypeFormValues): NewProblemTypeRequest {
  return { ...problemTypeInput(values), code: normaliseCode(values.code) };
}

/** The ministries (agencies at the top of the tree): the agencies a problem type can be led by, by Thai name. */
export function ministries(agencies: readonly Agency[]): Agency[] {
  return agencies
    .filter((agency) => agency.parentId === null)
    .sort((a, b) => a.nameTh.localeCompare(b.nameTh, 'th') || a.code.localeCompare(b.code));
}

/** The lead ministry's name for the table; its code when no ministry has it (renamed or removed), null for none. */
export function leadAgencyName(
  code: string | null,
  agencies: readonly Agency[] | undefined,
  language: Language,
): string | null {
  if (!code) return null;
  const agency = agencies?.find((item) => item.parentId === null && item.code === code);
  return agency ? localizedRowName(agency, language) : code;
}

/** The types in the order the centre shows them (sort order, then code), for the table. */
export function sortProblemTypes(types: readonly ProblemType[]): ProblemType[] {
  return [...types].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
}

/** A problem the server found with a field, as our own words; 'text' when its message is already bilingual. */
export type ServerFieldProblem =
  | { kind: 'known'; problem: ProblemTypeProblem | 'tooLong' | 'leadAgency' | 'invalid' }
  | { kind: 'text'; message: string };

/**
 * The server's field problems (schema checks come with English messages, service checks with "ไทย / English")
 * by form field, so each can be shown in the reader's language next to its input.
 */
export function serverFieldProblems(
  fields: readonly { path: string; code: string; message: string }[],
): Record<string, ServerFieldProblem> {
  const problems: Record<string, ServerFieldProblem> = {};
  for (const field of fields) {
    const name = field.path.replace(/^body\./, '').split('.')[0] ?? '';
    if (problems[name] !== undefined) continue;
    if (field.message.split(' / ').length === 2) {
      problems[name] = { kind: 'text', message: field.message };
      continue;
    }
    const problem =
      name === 'code'
        ? 'codeFormat'
        : name === 'nameTh' || name === 'nameEn'
          ? field.code === 'too_big'
            ? 'tooLong'
            : 'required'
          : name === 'sortOrder'
            ? 'sortOrder'
            : name === 'leadAgencyCode'
              ? 'leadAgency'
              : 'invalid';
    problems[name] = { kind: 'known', problem };
  }
  return problems;
}
