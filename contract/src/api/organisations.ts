import { z } from 'zod';

export const Agency = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    code: z.string(),
    abbrTh: z.string().nullable(),
    nameTh: z.string(),
    nameEn: z.string().nullable(),
    unitCount: z.number().int(),
  })
  .meta({ id: 'Agency' });
export type Agency = z.infer<typeof Agency>;

export const UNIT_TYPES = [
  'central_desk',
  'provincial_msdhs_office',
  'children_family_shelter',
  'msdhs_protection_centre',
  'hospital_crisis_centre',
  'police_station',
  'labour_protection_office',
  'municipality',
  'subdistrict_administrative_organisation',
  'provincial_local_administration',
  'school',
  'justice_office',
  'ngo',
  'other',
] as const;
export const UnitType = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof UnitType>;

export const Unit = z
  .object({
    id: z.uuid(),
    agencyId: z.uuid(),
    code: z.string(),
    type: UnitType,
    nameTh: z.string(),
    nameEn: z.string().nullable(),
    provinceCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    subdistrictCode: z.string().nullable(),
    open24Hours: z.boolean(),
    active: z.boolean(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof Unit>;

export const UnitListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  agencyId: z.uuid().optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  type: UnitType.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const UnitPage = z
  .object({ items: z.array(Unit), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'UnitPage' });
export type UnitPage = z.infer<typeof UnitPage>;
