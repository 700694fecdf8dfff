import {
  type ID_TYPES,
  parsePassportNumber,
  parseThaiNationalId,
  type PERSON_ROLES,
  type SEXES,
  toAsciiDigits,
  type CasePersonInput,
  type RecordContactRequest,
  type SocialWorkerOption,
} from '@oscc/contract';
import type { PlaceCodes } from '../../../components/ui/place-selects.tsx';
import type { Language } from '../../../i18n/language.ts';

export type PersonRole = (typeof PERSON_ROLES)[number];
export type IdType = (typeof ID_TYPES)[number];
export type Sex = (typeof SEXES)[number];
export const REPORTER_RELATIONS = ['self', 'family', 'neighbour', 'teacher', 'official', 'other'] as const;
export type ReporterRelation = (typeof REPORTER_RELATIONS)[number];
export const SEVERITIES = [1, 2, 3, 4] as const;
/** What a call-taker can record; 'pending' belongs to chats nobody has triaged yet. */
export type RecordableOutcome = RecordContactRequest['outcome'];

/**
 * The outcomes in the order the call-taker's keys pick them: the everyday ones first, the case last. The number
 * keys stay the same whatever the language, so hands learn them.
 */
export const OUTCOME_SHORTCUTS: readonly { key: string; outcome: RecordableOutcome }[] = [
  { key: '1', outcome: 'advice' },
  { key: '2', outcome: 'information' },
  { key: '3', outcome: 'referred_elsewhere' },
  { key: '4', outcome: 'prank' },
  { key: '5', outcome: 'silent' },
  { key: '6', outcome: 'wrong_number' },
  { key: '7', outcome: 'case' },
];

/** A person involved in the case, as typed: every field text, so nothing typed is lost to a conversion. */
export interface PersonRow {
  /** Only for React's list keys; never sent. */
  key: string;
  role: PersonRole;
  name: string;
  idType: IdType;
  idNumber: string;
  /** Either an estimated age in years or a birth date (YYYY-MM-DD); the age wins when both are given. */
  estimatedAge: string;
  birthDate: string;
  sex: Sex;
  phone: string;
}

/** Where the contact came in: the hotline, the unit's counter (walk-in), or a call from abroad (+66 99 130 1300). */
export const CONSOLE_CHANNELS = ['hotline', 'walk_in', 'international'] as const;
export type ConsoleChannel = (typeof CONSOLE_CHANNELS)[number];

export interface IntakeFormValues {
  channel: ConsoleChannel;
  callerPhone: string;
  outcome: RecordableOutcome | null;
  summary: string;
  problemTypes: string[];
  crisis: boolean;
  severity: number;
  place: PlaceCodes;
  address: string;
  narrative: string;
  anonymous: boolean;
  relation: ReporterRelation;
  people: PersonRow[];
  /** With a case: the id of the social worker it is handed to; '' when nobody is chosen. */
  handTo: string;
}

let personCounter = 0;

export function emptyPerson(role: PersonRole = 'victim'): PersonRow {
  personCounter += 1;
  return {
    key: `person-${personCounter}`,
    role,
    name: '',
    idType: 'none',
    idNumber: '',
    estimatedAge: '',
    birthDate: '',
    sex: 'unknown',
    phone: '',
  };
}

export function emptyIntakeForm(channel: ConsoleChannel = 'hotline'): IntakeFormValues {
  return {
    channel,
    callerPhone: '',
    outcome: null,
    summary: '',
    problemTypes: [],
    crisis: false,
    severity: 2,
    place: { provinceCode: '', districtCode: '', subdistrictCode: '' },
    address: '',
    narrative: '',
    anonymous: false,
    relation: 'self',
    people: [],
    handTo: '',
  };
}

/** The most specific place chosen — subdistrict, else district, else province — or null when none is. */
export function mostSpecificAreaCode(place: PlaceCodes): string | null {
  return place.subdistrictCode || place.districtCode || place.provinceCode || null;
}

/**
 * The social worker chosen, after the place changes: kept while the province stays the same (a social worker
 * covers a province, or the nation), dropped when it changes — the list is then asked again for the new place.
 */
export function handToAfterPlaceChange(handTo: string, before: PlaceCodes, after: PlaceCodes): string {
  return before.provinceCode === after.provinceCode ? handTo : '';
}

/**
 * A social worker as the hand-over list names them: name, how many open cases they have now, and their unit last
 * (a unit's name is long; where the list is narrow it is the part cut off).
 */
export function socialWorkerLabel(
  worker: SocialWorkerOption,
  openCasesText: (count: number) => string,
  noUnitText: string,
): string {
  return [worker.displayName, openCasesText(worker.openCases), worker.unitNameTh ?? noUnitText].join(' · ');
}

/** The digits of a phone number as typed (Thai digits too): the caller lookup starts at 9, a Thai number's least. */
export function phoneDigits(text: string): string {
  return toAsciiDigits(text).replace(/\D/g, '');
}

export const CALLER_LOOKUP_MIN_DIGITS = 9;

/** The number to look up, or null while too little is typed to find anyone by. */
export function callerLookupNumber(text: string): string | null {
  return phoneDigits(text).length >= CALLER_LOOKUP_MIN_DIGITS ? text.trim() : null;
}

const blankToUndefined = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

function toPersonInput(person: PersonRow): CasePersonInput {
  const age = person.estimatedAge.trim() === '' ? undefined : Number(toAsciiDigits(person.estimatedAge.trim()));
  const input: CasePersonInput = {
    role: person.role,
    idType: person.idType,
    sex: person.sex,
    disability: false,
  };
  const name = blankToUndefined(person.name);
  if (name) input.name = name;
  const idNumber = person.idType === 'none' ? undefined : blankToUndefined(person.idNumber);
  if (idNumber) input.idNumber = idNumber;
  if (age !== undefined) input.estimatedAge = age;
  else if (blankToUndefined(person.birthDate)) input.birthDate = person.birthDate.trim();
  const phone = blankToUndefined(person.phone);
  if (phone) input.phone = phone;
  return input;
}

/**
 * The request the form sends. Only the outcome `case` carries a case (the server refuses one on any other
 * outcome), so whatever was typed in the case part before switching to a quicker outcome stays on screen
 * but is not sent.
 */
export function toRecordContactRequest(values: IntakeFormValues): RecordContactRequest {
  if (!values.outcome) throw new Error('an outcome must be chosen before the contact is sent');
  const request: RecordContactRequest = { channel: values.channel, outcome: values.outcome };
  const callerPhone = blankToUndefined(values.callerPhone);
  if (callerPhone) request.callerPhone = callerPhone;
  const summary = blankToUndefined(values.summary);
  if (summary) request.summary = summary;
  if (values.outcome !== 'case') return request;
  const address = blankToUndefined(values.address);
  request.case = {
    problemTypes: values.problemTypes,
    crisis: values.crisis,
    severity: values.severity,
    location: { areaCode: mostSpecificAreaCode(values.place) ?? '', ...(address ? { address } : {}) },
    narrative: values.narrative.trim(),
    reporter: { anonymous: values.anonymous, relation: values.relation },
    people: values.people.map(toPersonInput),
  };
  if (values.handTo !== '') request.handTo = values.handTo;
  return request;
}

/** What the browser can tell before sending, keyed like the server's field paths without 'body.'. */
export function intakeProblems(values: IntakeFormValues, language: Language): Record<string, string> {
  const problems: Record<string, string> = {};
  const say = (th: string, en: string) => (language === 'en' ? en : th);
  if (!values.outcome) problems.outcome = say('กรุณาเลือกผลการติดต่อ', 'Choose what became of the contact.');
  if (values.callerPhone.trim() !== '' && !/^\+?[\d\s().-]+$/.test(toAsciiDigits(values.callerPhone.trim())))
    problems.callerPhone = say('หมายเลขโทรศัพท์ไม่ถูกต้อง', 'Not a phone number.');
  if (values.outcome !== 'case') return problems;
  if (values.problemTypes.length === 0)
    problems['case.problemTypes'] = say('กรุณาเลือกประเภทปัญหาอย่างน้อย 1 ประเภท', 'Choose at least one problem type.');
  if (values.problemTypes.length > 5)
    problems['case.problemTypes'] = say('เลือกได้ไม่เกิน 5 ประเภท', 'Choose at most five problem types.');
  if (!mostSpecificAreaCode(values.place))
    problems['case.location.areaCode'] = say('กรุณาเลือกจังหวัดที่เกิดเหตุ', 'Choose the province where it happens.');
  if (values.narrative.trim() === '')
    problems['case.narrative'] = say('กรุณาบันทึกรายละเอียดเหตุการณ์', 'Write down what happened.');
  values.people.forEach((person, index) => {
    const idProblem = personIdProblem(person, language);
    if (idProblem) problems[`case.people.${index}.idNumber`] = idProblem;
    const age = person.estimatedAge.trim();
    if (age !== '') {
      const years = Number(toAsciiDigits(age));
      if (!Number.isInteger(years) || years < 0 || years > 120)
        problems[`case.people.${index}.estimatedAge`] = say(
          'อายุต้องเป็นจำนวนเต็ม 0–120 ปี',
          'An age is a whole number from 0 to 120.',
        );
    }
  });
  return problems;
}

/** The check of an ID number as it is typed: the Thai ID's check digit, a passport's form; null when it is fine. */
export function personIdProblem(person: Pick<PersonRow, 'idType' | 'idNumber'>, language: Language): string | null {
  if (person.idType === 'none' || person.idNumber.trim() === '') return null;
  const parsed =
    person.idType === 'thai_id' ? parseThaiNationalId(person.idNumber) : parsePassportNumber(person.idNumber);
  return parsed.ok ? null : parsed.problem[language];
}

/** Where a typed key came from: enough of the focused element to tell typing from a shortcut. */
export interface KeyTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
}

const TYPING_INPUT_TYPES = new Set(['text', 'search', 'tel', 'email', 'number', 'password', 'url', 'date', '']);

/** True where a number key is typing, not a shortcut: text boxes, text areas, lists. */
export function isTypingTarget(target: KeyTarget): boolean {
  const tag = target.tagName.toUpperCase();
  if (target.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TYPING_INPUT_TYPES.has((target.type ?? '').toLowerCase());
}

/**
 * The outcome a key press picks: a number key 1–7 pressed without modifiers anywhere but in a place that types
 * (so the caller's number and the summary can hold digits).
 */
export function outcomeForKey(
  key: string,
  modifiers: { altKey: boolean; ctrlKey: boolean; metaKey: boolean },
  target: KeyTarget,
): RecordableOutcome | null {
  if (modifiers.altKey || modifiers.ctrlKey || modifiers.metaKey) return null;
  if (isTypingTarget(target)) return null;
  return OUTCOME_SHORTCUTS.find((shortcut) => shortcut.key === key)?.outcome ?? null;
}
