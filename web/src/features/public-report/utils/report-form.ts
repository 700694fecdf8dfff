import type { PublicReportRequest } from '@oscc/contract';
import type { PlaceCodes } from '../../../components/ui/place-selects.tsx';

/**
 * The kinds of problem a member of the public can pick. The full list (GET /api/problem-types) needs sign-in, so
 * the public form offers this short list of codes the centre takes (migration 0004), named in the dictionaries.
 */
export const PROBLEM_KINDS = [
  'violence',
  'domestic_violence',
  'human_trafficking',
  'child_labour',
  'teen_pregnancy',
  'homelessness',
  'begging',
  'elderly',
  'disability',
  'other',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** The contract allows at most three problem types on a public report. */
export const MAX_PROBLEM_KINDS = 3;

export const RELATIONS = ['self', 'family', 'neighbour', 'teacher', 'official', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** The form as typed: every field text or a flag, so nothing typed is lost to a conversion. */
export interface ReportFormValues {
  narrative: string;
  problemTypes: ProblemKind[];
  crisis: boolean;
  place: PlaceCodes;
  address: string;
  anonymous: boolean;
  relation: Relation;
  name: string;
  phone: string;
  consent: boolean;
  /** The honeypot: hidden from people, so only a robot fills it. */
  website: string;
}

export const EMPTY_REPORT_FORM: ReportFormValues = {
  narrative: '',
  problemTypes: [],
  crisis: false,
  place: { provinceCode: '', districtCode: '', subdistrictCode: '' },
  address: '',
  anonymous: true,
  relation: 'self',
  name: '',
  phone: '',
  consent: false,
  website: '',
};

/** The fields the form shows problems next to. */
export type ReportField = 'narrative' | 'problemTypes' | 'place' | 'address' | 'name' | 'phone' | 'consent' | 'photos';

/** The most specific place chosen: the subdistrict, else the district, else the province; '' when none. */
export function mostSpecificAreaCode(place: PlaceCodes): string {
  return place.subdistrictCode || place.districtCode || place.provinceCode;
}

/** What the person must fix before anything is sent; the server checks everything again. */
export function checkReportForm(form: ReportFormValues): Partial<Record<ReportField, 'required' | 'tooMany'>> {
  const problems: Partial<Record<ReportField, 'required' | 'tooMany'>> = {};
  if (!form.narrative.trim()) problems.narrative = 'required';
  if (form.problemTypes.length > MAX_PROBLEM_KINDS) problems.problemTypes = 'tooMany';
  if (!mostSpecificAreaCode(form.place)) problems.place = 'required';
  if (!form.anonymous && !form.name.trim() && !form.phone.trim()) problems.name = 'required';
  if (!form.consent) problems.consent = 'required';
  return problems;
}

/**
 * The request for the form. Anonymous means anonymous: a name or phone typed before choosing it is not sent.
 * The honeypot goes along only when something is in it, so the server can tell a robot by it.
 */
export function toPublicReportRequest(form: ReportFormValues): PublicReportRequest {
  const name = form.name.trim();
  const phone = form.phone.trim();
  const address = form.address.trim();
  return {
    problemTypes: [...new Set(form.problemTypes)].slice(0, MAX_PROBLEM_KINDS),
    crisis: form.crisis,
    location: { areaCode: mostSpecificAreaCode(form.place), ...(address ? { address } : {}) },
    narrative: form.narrative.trim(),
    reporter: form.anonymous
      ? { anonymous: true, relation: form.relation }
      : {
          anonymous: false,
          relation: form.relation,
          ...(name ? { name } : {}),
          ...(phone ? { phone } : {}),
        },
    consent: true,
    source: 'web',
    ...(form.website ? { website: form.website } : {}),
  };
}

/**
 * The form field a server problem belongs to. Schema problems arrive as 'body.location.areaCode'; the case checks
 * shared with the hotline as 'body.case.location.areaCode' or 'body.case.people.0.phone' (the reporter). A report
 * sent with photos (multipart) may name its JSON part ('report.narrative') and the files ('photos.0').
 */
export function reportFieldOf(path: string): ReportField | null {
  const field = path
    .replace(/^body\./, '')
    .replace(/^report\./, '')
    .replace(/^case\./, '');
  if (/^photos(\.|$)/.test(field)) return 'photos';
  if (field.startsWith('narrative')) return 'narrative';
  if (field.startsWith('problemTypes')) return 'problemTypes';
  if (field.startsWith('location.address')) return 'address';
  if (field.startsWith('location')) return 'place';
  if (/^(reporter|people\.\d+)\.name/.test(field)) return 'name';
  if (/^(reporter|people\.\d+)\.phone/.test(field)) return 'phone';
  if (field.startsWith('consent')) return 'consent';
  return null;
}

/** "ABCDE-23456" for whatever was typed: spaces and dashes away, capitals, the dash back in the middle. */
export function normalizeTrackingCode(typed: string): string {
  const compact = typed.replace(/[\s-]/g, '').toUpperCase();
  return compact.length === 10 ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact;
}
