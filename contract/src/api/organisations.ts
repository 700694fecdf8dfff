import { z } from 'zod';

export const Agency = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    code: z.string(),
    abbrTh: z.string().nullable(),
    nameTh: z.string(),
    nameEn: z.string().nullable(),
    /** The ministry (top of the tree) this agency belongs to; itself for a ministry. */
    rootId: z.uuid(),
    depth: z.number().int(),
    active: z.boolean(),
    version: z.number().int(),
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

/** The names of the unit types, as the documents and the import files write them. */
export const UNIT_TYPE_LABELS: Record<(typeof UNIT_TYPES)[number], { th: string; en: string }> = {
  central_desk: { th: 'ศูนย์ช่วยเหลือสังคม (ส่วนกลาง)', en: 'Central desk' },
  provincial_msdhs_office: { th: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด', en: 'Provincial MSDHS office' },
  children_family_shelter: { th: 'บ้านพักเด็กและครอบครัว', en: 'Children and family shelter' },
  msdhs_protection_centre: { th: 'ศูนย์คุ้มครองคนไร้ที่พึ่ง / ศูนย์คุ้มครองฯ', en: 'MSDHS protection centre' },
  hospital_crisis_centre: { th: 'ศูนย์พึ่งได้ (โรงพยาบาล)', en: 'Hospital crisis centre' },
  police_station: { th: 'สถานีตำรวจ', en: 'Police station' },
  labour_protection_office: { th: 'สำนักงานสวัสดิการและคุ้มครองแรงงาน', en: 'Labour protection office' },
  municipality: { th: 'เทศบาล', en: 'Municipality' },
  subdistrict_administrative_organisation: {
    th: 'องค์การบริหารส่วนตำบล (อบต.)',
    en: 'Subdistrict administrative organisation',
  },
  provincial_local_administration: {
    th: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด',
    en: 'Provincial local administration office',
  },
  school: { th: 'สถานศึกษา / เขตพื้นที่การศึกษา', en: 'School or educational service area' },
  justice_office: { th: 'สำนักงานยุติธรรมจังหวัด', en: 'Provincial justice office' },
  ngo: { th: 'องค์กรพัฒนาเอกชน (NGO)', en: 'Non-governmental organisation' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};
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

const AreaCode = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, 'a province (2), district (4) or subdistrict (6) code');

export const UnitListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** Units of this agency and of every agency below it. */
  agencyId: z.uuid().optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  type: UnitType.optional(),
  /** Units whose area of responsibility covers this province, district or subdistrict code. */
  areaCode: AreaCode.optional(),
  problemType: z.string().max(40).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const UnitPage = z
  .object({ items: z.array(Unit), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'UnitPage' });
export type UnitPage = z.infer<typeof UnitPage>;

export const AREA_LEVELS = ['province', 'district', 'subdistrict'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** The level of a geography code from its length: 2 province, 4 district, 6 subdistrict. */
export function areaLevelOf(code: string): AreaLevel | null {
  if (/^\d{2}$/.test(code)) return 'province';
  if (/^\d{4}$/.test(code)) return 'district';
  if (/^\d{6}$/.test(code)) return 'subdistrict';
  return null;
}

/** One piece of a unit's area of responsibility: a whole province, district or subdistrict. */
export const UnitArea = z
  .object({ level: z.enum(AREA_LEVELS), code: z.string(), nameTh: z.string(), nameEn: z.string().nullable() })
  .meta({ id: 'UnitArea' });
export type UnitArea = z.infer<typeof UnitArea>;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** One opening period of a weekday; day 1 = Monday … 7 = Sunday (ISO). */
export const OpeningPeriod = z
  .object({ day: z.number().int().min(1).max(7), opens: Time, closes: Time })
  .refine((period) => period.opens < period.closes, { message: 'opens before it closes', path: ['closes'] });
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

/**
 * When a unit works: around the clock, or a weekly business calendar (closed
 * on Thai public holidays unless it says otherwise). Deadlines of office-hours
 * units run on this calendar; the 24-hour alarm never does.
 */
export const OfficeHours = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('24h') }),
    z.object({
      kind: z.literal('business'),
      periods: z.array(OpeningPeriod).min(1).max(21),
      closedOnPublicHolidays: z.boolean().default(true),
    }),
  ])
  .meta({ id: 'OfficeHours' });
export type OfficeHours = z.infer<typeof OfficeHours>;

/** Thai government office hours: Monday to Friday 08:30–16:30, closed on public holidays. */
export const GOVERNMENT_OFFICE_HOURS: OfficeHours = {
  kind: 'business',
  periods: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:30', closes: '16:30' })),
  closedOnPublicHolidays: true,
};

export const ProblemType = z
  .object({
    code: z.string(),
    nameTh: z.string(),
    nameEn: z.string(),
    urgent: z.boolean(),
    leadAgencyCode: z.string().nullable(),
    sortOrder: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'ProblemType' });
export type ProblemType = z.infer<typeof ProblemType>;

export const UnitDetail = Unit.extend({
  agency: z.object({ id: z.uuid(), nameTh: z.string(), nameEn: z.string().nullable(), rootId: z.uuid() }),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  officeHours: OfficeHours,
  areas: z.array(UnitArea),
  problemTypes: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'UnitDetail' });
export type UnitDetail = z.infer<typeof UnitDetail>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const UnitFields = z.object({
  agencyId: z.uuid(),
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9ก-๙._-]+$/, 'letters, digits, dot, dash or underscore'),
  type: UnitType,
  nameTh: z.string().trim().min(1).max(200),
  nameEn: optionalText(200),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .nullable()
    .optional(),
  districtCode: z
    .string()
    .regex(/^\d{4}$/)
    .nullable()
    .optional(),
  subdistrictCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
  address: optionalText(500),
  postcode: z
    .string()
    .regex(/^\d{5}$/)
    .nullable()
    .optional(),
  phone: optionalText(40),
  email: optionalText(254),
  officeHours: OfficeHours.default(GOVERNMENT_OFFICE_HOURS),
  /** Province (2), district (4) or subdistrict (6) codes. */
  areas: z.array(AreaCode).max(2_000).default([]),
  problemTypes: z.array(z.string().max(40)).max(100).default([]),
});

export const CreateUnitRequest = UnitFields.meta({ id: 'CreateUnitRequest' });
export type CreateUnitRequest = z.infer<typeof CreateUnitRequest>;

/** Moving a unit to another agency has its own request (MoveUnitRequest). */
export const UpdateUnitRequest = UnitFields.omit({ agencyId: true })
  .partial()
  .extend({
    officeHours: OfficeHours.optional(),
    areas: z.array(AreaCode).max(2_000).optional(),
    problemTypes: z.array(z.string().max(40)).max(100).optional(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'UpdateUnitRequest' });
export type UpdateUnitRequest = z.infer<typeof UpdateUnitRequest>;

export const MoveUnitRequest = z
  .object({ agencyId: z.uuid(), version: z.number().int().min(1) })
  .meta({ id: 'MoveUnitRequest' });
export type MoveUnitRequest = z.infer<typeof MoveUnitRequest>;

export const SetActiveRequest = z
  .object({ active: z.boolean(), version: z.number().int().min(1), reason: z.string().trim().max(500).optional() })
  .meta({ id: 'SetActiveRequest' });
export type SetActiveRequest = z.infer<typeof SetActiveRequest>;

export const AgencyFields = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore'),
  /** The agency above this one; none for a ministry. */
  parentId: z.uuid().nullable().default(null),
  abbrTh: optionalText(40),
  nameTh: z.string().trim().min(1).max(200),
  nameEn: optionalText(200),
});

export const CreateAgencyRequest = AgencyFields.meta({ id: 'CreateAgencyRequest' });
export type CreateAgencyRequest = z.infer<typeof CreateAgencyRequest>;

export const UpdateAgencyRequest = AgencyFields.omit({ parentId: true })
  .partial()
  .extend({ version: z.number().int().min(1) })
  .meta({ id: 'UpdateAgencyRequest' });
export type UpdateAgencyRequest = z.infer<typeof UpdateAgencyRequest>;

export const MoveAgencyRequest = z
  .object({ parentId: z.uuid().nullable(), version: z.number().int().min(1) })
  .meta({ id: 'MoveAgencyRequest' });
export type MoveAgencyRequest = z.infer<typeof MoveAgencyRequest>;

const ImportProblem = z.object({ code: z.string(), th: z.string(), en: z.string() });

/** The report of a units import (.xlsx or .csv): row by row, what would happen or what happened. */
export const UnitImportReport = z
  .object({
    applied: z.boolean(),
    /** Problems with the file itself (no header row, a required column missing). */
    problems: z.array(ImportProblem),
    rows: z.array(
      z.object({
        sheet: z.string(),
        rowNumber: z.number().int(),
        code: z.string().nullable(),
        nameTh: z.string().nullable(),
        action: z.enum(['create', 'update', 'unchanged', 'error']),
        /** The fields that would change (update) or that are set (create). */
        changes: z.array(z.string()),
        problems: z.array(ImportProblem.extend({ column: z.string() })),
      }),
    ),
    summary: z.object({
      create: z.number().int(),
      update: z.number().int(),
      unchanged: z.number().int(),
      error: z.number().int(),
    }),
  })
  .meta({ id: 'UnitImportReport' });
export type UnitImportReport = z.infer<typeof UnitImportReport>;

/** The headings a units file may use (Thai, or the English column names), in the template's order. */
export const UNIT_IMPORT_COLUMNS = [
  { key: 'code', th: 'รหัสหน่วยงาน', en: 'code', required: true },
  { key: 'nameTh', th: 'ชื่อหน่วยงาน', en: 'name_th', required: true },
  { key: 'nameEn', th: 'ชื่อภาษาอังกฤษ', en: 'name_en', required: false },
  { key: 'type', th: 'ประเภทหน่วยงาน', en: 'type', required: true },
  { key: 'agency', th: 'สังกัด', en: 'agency', required: true },
  { key: 'province', th: 'จังหวัด', en: 'province', required: false },
  { key: 'district', th: 'อำเภอ/เขต', en: 'district', required: false },
  { key: 'subdistrict', th: 'ตำบล/แขวง', en: 'subdistrict', required: false },
  { key: 'address', th: 'ที่อยู่', en: 'address', required: false },
  { key: 'postcode', th: 'รหัสไปรษณีย์', en: 'postcode', required: false },
  { key: 'phone', th: 'โทรศัพท์', en: 'phone', required: false },
  { key: 'email', th: 'อีเมล', en: 'email', required: false },
  { key: 'officeHours', th: 'เวลาทำการ', en: 'office_hours', required: false },
  { key: 'areas', th: 'พื้นที่รับผิดชอบ', en: 'areas', required: false },
  { key: 'problemTypes', th: 'ประเภทปัญหาที่รับ', en: 'problem_types', required: false },
] as const;
export type UnitImportColumn = (typeof UNIT_IMPORT_COLUMNS)[number]['key'];

/** A public holiday of the business calendar ('YYYY-MM-DD' in Bangkok). */
export const PublicHoliday = z
  .object({
    day: z.iso.date(),
    nameTh: z.string(),
    nameEn: z.string(),
    /** False for a seeded lunar-calendar date nobody has checked against the Cabinet's announcement yet. */
    confirmed: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PublicHoliday' });
export type PublicHoliday = z.infer<typeof PublicHoliday>;

export const SaveHolidayRequest = z
  .object({
    nameTh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    /** Saved by a person: checked against the announcement unless they say otherwise. */
    confirmed: z.boolean().default(true),
  })
  .meta({ id: 'SaveHolidayRequest' });
export type SaveHolidayRequest = z.infer<typeof SaveHolidayRequest>;

/** The holidays of a year, in the Christian era (no schema id: query parameters). */
export const HolidayQuery = z.object({ year: z.coerce.number().int().min(2000).max(2200) });
export type HolidayQuery = z.infer<typeof HolidayQuery>;
