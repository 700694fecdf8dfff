import {
  ATTACHMENT_MAX_BYTES,
  STAFF_MEDIA_TYPES,
  STAFF_UPLOAD_MAX_FILES,
  type CaseDetail,
  type ScreenCaseRequest,
} from '@oscc/contract';
import type { Language } from '../../../i18n/language.ts';

interface NamedPlace {
  code: string;
  nameTh: string;
  nameEn: string | null;
}

/** The places known so far, by code: names arrive level by level, so any of them may still be missing. */
export interface PlaceLookup {
  provinces: ReadonlyMap<string, NamedPlace>;
  districts: ReadonlyMap<string, NamedPlace>;
  subdistricts: ReadonlyMap<string, NamedPlace>;
}

/**
 * "หน้าเมือง · เมืองราชบุรี · ราชบุรี" for a case's area code (2, 4 or 6 digits), the most specific place first;
 * a level whose name has not arrived yet is left out, and the bare code stands in when none has.
 */
export function placeName(code: string, places: PlaceLookup, language: Language): string {
  const levels = [
    code.length >= 6 ? places.subdistricts.get(code.slice(0, 6)) : undefined,
    code.length >= 4 ? places.districts.get(code.slice(0, 4)) : undefined,
    places.provinces.get(code.slice(0, 2)),
  ];
  const names = levels
    .filter((place): place is NamedPlace => place !== undefined)
    .map((place) => (language === 'en' ? (place.nameEn ?? place.nameTh) : place.nameTh));
  return names.length > 0 ? names.join(' · ') : code;
}

/** The province and district codes a list of area codes needs named. */
export function placeCodesToLoad(areaCodes: readonly string[]): { provinces: string[]; districts: string[] } {
  const provinces = new Set<string>();
  const districts = new Set<string>();
  for (const code of areaCodes) {
    if (!/^\d{2}(\d{2}){0,2}$/.test(code)) continue;
    provinces.add(code.slice(0, 2));
    if (code.length === 6) districts.add(code.slice(0, 4));
  }
  return { provinces: [...provinces].sort(), districts: [...districts].sort() };
}

export const SEVERITY_KEYS = { 1: 'low', 2: 'medium', 3: 'high', 4: 'life' } as const;
export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: number): value is Severity {
  return (SEVERITIES as readonly number[]).includes(value);
}

export type RouteChoice = 'keep' | 'auto' | 'unit';

/** The screening panel's inputs: what the case is, how urgent, and where it goes. */
export interface ScreeningValues {
  problemTypes: string[];
  crisis: boolean;
  severity: Severity;
  route: RouteChoice;
  unit: { id: string; nameTh: string } | null;
  reason: string;
}

export function screeningValuesFrom(detail: Pick<CaseDetail, 'problemTypes' | 'crisis' | 'severity'>): ScreeningValues {
  return {
    problemTypes: [...detail.problemTypes],
    crisis: detail.crisis,
    severity: isSeverity(detail.severity) ? detail.severity : 2,
    route: 'keep',
    unit: null,
    reason: '',
  };
}

export const MAX_PROBLEM_TYPES = 5;
export const REASON_MAX_LENGTH = 500;

export type ScreeningProblem = 'problemTypesMissing' | 'problemTypesTooMany' | 'unitMissing' | 'reasonMissing';

/** What stops the screening from being saved, by field (checked in the browser before the server checks again). */
export function screeningProblems(values: ScreeningValues): Partial<Record<keyof ScreeningValues, ScreeningProblem>> {
  const problems: Partial<Record<keyof ScreeningValues, ScreeningProblem>> = {};
  if (values.problemTypes.length === 0) problems.problemTypes = 'problemTypesMissing';
  else if (values.problemTypes.length > MAX_PROBLEM_TYPES) problems.problemTypes = 'problemTypesTooMany';
  if (values.route === 'unit') {
    if (!values.unit) problems.unit = 'unitMissing';
    if (!values.reason.trim()) problems.reason = 'reasonMissing';
  }
  return problems;
}

export function screenRequest(values: ScreeningValues, version: number): ScreenCaseRequest {
  const route: ScreenCaseRequest['route'] =
    values.route === 'unit' && values.unit
      ? { kind: 'unit', unitId: values.unit.id, reason: values.reason.trim() }
      : values.route === 'auto'
        ? { kind: 'auto' }
        : { kind: 'keep' };
  return { version, problemTypes: values.problemTypes, crisis: values.crisis, severity: values.severity, route };
}

/** The files chosen for upload as the browser describes them. */
export interface ChosenFile {
  name: string;
  size: number;
  type: string;
}

export type UploadProblem =
  | { kind: 'count'; max: number }
  | { kind: 'tooLarge'; name: string; megabytes: number }
  | { kind: 'empty'; name: string }
  | { kind: 'type'; name: string };

/** Browsers often report HEIC photos with no type at all; the name then decides here (the server reads the content). */
const EXTENSIONS = /\.(jpe?g|png|webp|heic|heif|pdf)$/i;

export const UPLOAD_ACCEPT = [...STAFF_MEDIA_TYPES, '.heic', '.heif'].join(',');

/** Why the chosen files cannot be sent, before sending them: too many, too large, empty or not a photo or PDF. */
export function uploadProblems(files: readonly ChosenFile[]): UploadProblem[] {
  const problems: UploadProblem[] = [];
  if (files.length > STAFF_UPLOAD_MAX_FILES) problems.push({ kind: 'count', max: STAFF_UPLOAD_MAX_FILES });
  for (const file of files) {
    const isKnownType = (STAFF_MEDIA_TYPES as readonly string[]).includes(file.type);
    if (!isKnownType && !(file.type === '' || file.type === 'application/octet-stream')) {
      problems.push({ kind: 'type', name: file.name });
    } else if (!isKnownType && !EXTENSIONS.test(file.name)) {
      problems.push({ kind: 'type', name: file.name });
    } else if (file.size === 0) {
      problems.push({ kind: 'empty', name: file.name });
    } else if (file.size > ATTACHMENT_MAX_BYTES) {
      problems.push({ kind: 'tooLarge', name: file.name, megabytes: ATTACHMENT_MAX_BYTES / (1024 * 1024) });
    }
  }
  return problems;
}

/** Photos the browser can draw are shown as thumbnails; HEIC (most browsers cannot) and PDFs are links. */
export function isThumbnail(mediaType: string): boolean {
  return ['image/jpeg', 'image/png', 'image/webp'].includes(mediaType);
}

/** "PDF", "HEIC": a file's format as its icon shows it (format names are the same in every language). */
export function fileFormat(mediaType: string): string {
  return (mediaType.split('/')[1] ?? mediaType).split(/[+;.-]/)[0]?.toUpperCase() ?? mediaType;
}

/** "1.2 MB", "350 KB": a file's size for people, in the units of the upload limit. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Age in whole years on a day, from an ISO birth date (YYYY-MM-DD); null when the date cannot be read. */
export function ageOn(birthDate: string, today: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getFullYear() - year;
  if (today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day)) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}

export function attachmentUrl(caseId: string, attachmentId: string, inline = false): string {
  const base = `/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;
  return inline ? `${base}?disposition=inline` : base;
}
