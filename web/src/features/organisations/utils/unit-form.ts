import type { CreateUnitRequest, UnitDetail, UnitType, UpdateUnitRequest } from '@oscc/contract';
import type { AreaEntry } from './areas.ts';
import {
  draftFromOfficeHours,
  governmentHoursDraft,
  officeHoursFromDraft,
  type OfficeHoursDraft,
} from './office-hours.ts';

/** Everything the unit form holds, as typed: strings, '' for "not given". */
export interface UnitFormValues {
  agencyId: string;
  code: string;
  type: UnitType | '';
  nameTh: string;
  nameEn: string;
  provinceCode: string;
  districtCode: string;
  subdistrictCode: string;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  officeHours: OfficeHoursDraft;
  areas: AreaEntry[];
  problemTypes: string[];
}

export function emptyUnitForm(): UnitFormValues {
  return {
    agencyId: '',
    code: '',
    type: '',
    nameTh: '',
    nameEn: '',
    provinceCode: '',
    districtCode: '',
    subdistrictCode: '',
    address: '',
    postcode: '',
    phone: '',
    email: '',
    officeHours: governmentHoursDraft(),
    areas: [],
    problemTypes: [],
  };
}

export function formFromUnit(unit: UnitDetail): UnitFormValues {
  return {
    agencyId: unit.agencyId,
    code: unit.code,
    type: unit.type,
    nameTh: unit.nameTh,
    nameEn: unit.nameEn ?? '',
    provinceCode: unit.provinceCode ?? '',
    districtCode: unit.districtCode ?? '',
    subdistrictCode: unit.subdistrictCode ?? '',
    address: unit.address ?? '',
    postcode: unit.postcode ?? '',
    phone: unit.phone ?? '',
    email: unit.email ?? '',
    officeHours: draftFromOfficeHours(unit.officeHours),
    areas: unit.areas,
    problemTypes: unit.problemTypes,
  };
}

function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}

/** The fields of a create or update request; empty optional fields become null (cleared). */
function unitFields(values: UnitFormValues) {
  return {
    code: values.code.trim(),
    type: values.type as UnitType,
    nameTh: values.nameTh.trim(),
    nameEn: optional(values.nameEn),
    provinceCode: values.provinceCode || null,
    districtCode: values.districtCode || null,
    subdistrictCode: values.subdistrictCode || null,
    address: optional(values.address),
    postcode: optional(values.postcode),
    phone: optional(values.phone),
    email: optional(values.email),
    officeHours: officeHoursFromDraft(values.officeHours),
    areas: values.areas.map((area) => area.code),
    problemTypes: values.problemTypes,
  };
}

export function toCreateUnitRequest(values: UnitFormValues): CreateUnitRequest {
  return { agencyId: values.agencyId, ...unitFields(values) };
}

/** An edit sends the whole form with the version it was read at; the server refuses it if someone saved since. */
export function toUpdateUnitRequest(values: UnitFormValues, version: number): UpdateUnitRequest {
  return { ...unitFields(values), version };
}

/** The form fields a server problem belongs to; anything deeper ('officeHours.periods.2.closes') goes to its field. */
export const UNIT_FORM_FIELDS = [
  'agencyId',
  'code',
  'type',
  'nameTh',
  'nameEn',
  'provinceCode',
  'districtCode',
  'subdistrictCode',
  'address',
  'postcode',
  'phone',
  'email',
  'officeHours',
  'areas',
  'problemTypes',
] as const;
export type UnitFormField = (typeof UNIT_FORM_FIELDS)[number];

/** Whether a name is one of the form's fields: an import row's changes are named as the form names them. */
export function isUnitFormField(name: string): name is UnitFormField {
  return (UNIT_FORM_FIELDS as readonly string[]).includes(name);
}

/** The server's field problems ('code', 'officeHours.periods.0.closes', …) by form field, the first of each kept. */
export function problemsByField(problems: Record<string, string>): Partial<Record<UnitFormField, string>> {
  const byField: Partial<Record<UnitFormField, string>> = {};
  for (const [path, message] of Object.entries(problems)) {
    const field = UNIT_FORM_FIELDS.find((name) => path === name || path.startsWith(`${name}.`));
    if (field && byField[field] === undefined) byField[field] = message;
  }
  return byField;
}

/** Required fields the form checks before sending; the server checks the rest (formats, places, codes in use). */
export function missingUnitFields(values: UnitFormValues, { isNew }: { isNew: boolean }): UnitFormField[] {
  const missing: UnitFormField[] = [];
  if (isNew && !values.agencyId) missing.push('agencyId');
  if (!values.code.trim()) missing.push('code');
  if (!values.type) missing.push('type');
  if (!values.nameTh.trim()) missing.push('nameTh');
  return missing;
}
