import type { RoutingPreview } from '@oscc/contract';
import type { PlaceCodes } from '../../../components/ui/place-selects.tsx';

/** What the routing preview asks: a problem, a place (at least a province), a crisis or not, and when. */
export interface PreviewRequest {
  problemType: string;
  place: PlaceCodes;
  crisis: boolean;
  /** A local Bangkok time as a datetime-local input gives it ('2026-12-01T20:30'); '' for now. */
  at: string;
}

export const EMPTY_PREVIEW_REQUEST: PreviewRequest = {
  problemType: '',
  place: { provinceCode: '', districtCode: '', subdistrictCode: '' },
  crisis: false,
  at: '',
};

/** The most specific place chosen: the subdistrict, else the district, else the province ('' for none). */
export function areaCodeOf(place: PlaceCodes): string {
  return place.subdistrictCode || place.districtCode || place.provinceCode;
}

/** The place codes of an area code: '700101' is province 70, district 7001, subdistrict 700101. */
export function placeOfAreaCode(code: string): PlaceCodes {
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(code)) return { provinceCode: '', districtCode: '', subdistrictCode: '' };
  return {
    provinceCode: code.slice(0, 2),
    districtCode: code.length >= 4 ? code.slice(0, 4) : '',
    subdistrictCode: code.length === 6 ? code : '',
  };
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * A datetime-local value read as Thai time (the centre works in Bangkok time, which has no daylight saving):
 * '2026-12-01T20:30' → '2026-12-01T20:30:00+07:00'. Null when it is not such a value.
 */
export function bangkokIso(local: string): string | null {
  return LOCAL_TIME.test(local) ? `${local}:00+07:00` : null;
}

export type PreviewProblem = 'problemType' | 'province' | 'at';

/** What stops the preview from being asked, field by field. */
export function previewProblems(request: PreviewRequest): PreviewProblem[] {
  const problems: PreviewProblem[] = [];
  if (!request.problemType) problems.push('problemType');
  if (!request.place.provinceCode) problems.push('province');
  if (request.at && !bangkokIso(request.at)) problems.push('at');
  return problems;
}

/** The query parameters of GET /api/routing/preview; null while something needed is missing. */
export function previewParameters(request: PreviewRequest): Record<string, string> | null {
  if (previewProblems(request).length > 0) return null;
  const at = request.at ? bangkokIso(request.at) : null;
  return {
    problemType: request.problemType,
    areaCode: areaCodeOf(request.place),
    crisis: request.crisis ? 'true' : 'false',
    ...(at ? { at } : {}),
  };
}

/** The question in the address bar (?problem=…&area=…&crisis=1&at=…), so a preview can be shared and reloaded. */
export function searchFromPreview(request: PreviewRequest): URLSearchParams {
  const search = new URLSearchParams();
  if (request.problemType) search.set('problem', request.problemType);
  const area = areaCodeOf(request.place);
  if (area) search.set('area', area);
  if (request.crisis) search.set('crisis', '1');
  if (request.at) search.set('at', request.at);
  return search;
}

export function previewFromSearch(search: URLSearchParams): PreviewRequest {
  const at = search.get('at') ?? '';
  return {
    problemType: search.get('problem') ?? '',
    place: placeOfAreaCode(search.get('area') ?? ''),
    crisis: search.get('crisis') === '1',
    at: LOCAL_TIME.test(at) ? at : '',
  };
}

type Candidate = RoutingPreview['candidates'][number];

/** The candidate the decision chose (for whether it is open now); null for the central triage queue. */
export function chosenCandidate(preview: RoutingPreview): Candidate | null {
  const { decision } = preview;
  if (decision.unitId === null) return null;
  return (
    preview.candidates.find(
      (candidate) => candidate.unitId === decision.unitId && candidate.areaCode === decision.areaCode,
    ) ??
    preview.candidates.find((candidate) => candidate.unitId === decision.unitId) ??
    null
  );
}

/** A moment in Thai time, in the reader's language: "1 ธ.ค. 2569 20:30" / "1 Dec 2026, 20:30". */
export function formatBangkokTime(iso: string, language: 'th' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Bangkok',
  }).format(date);
}
