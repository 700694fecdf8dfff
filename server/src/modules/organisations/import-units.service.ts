import {
  areaLevelOf,
  GOVERNMENT_OFFICE_HOURS,
  parseEmail,
  toAsciiDigits,
  UNIT_IMPORT_COLUMNS,
  UNIT_TYPE_LABELS,
  UNIT_TYPES,
  type OfficeHours,
  type UnitImportColumn,
  type UnitImportReport,
  type UnitType,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit, recordAudits } from '../../platform/audit/audit.ts';
import { isAllowed, type Principal, type RecordScope } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { readCsvGrid, readWorkbookGrids, type Grid, type GridCell } from '../../platform/spreadsheet/grid.ts';
import { normalizeForSearch } from '../geography/index.ts';
import { createOrganisationsRepository, officeHoursOf, type NewUnit } from './organisations.repository.ts';

type Problem = UnitImportReport['rows'][number]['problems'][number];
type ReportRow = UnitImportReport['rows'][number];

/** A unit as a row of the file describes it; undefined = the cell was empty (keep what is there). */
interface RowUnit {
  code: string;
  nameTh?: string;
  nameEn?: string;
  type?: UnitType;
  agencyId?: string;
  provinceCode?: string | null;
  districtCode?: string | null;
  subdistrictCode?: string | null;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
  officeHours?: OfficeHours;
  areas?: string[];
  problemTypes?: string[];
}

/** What is stored of a unit, in the same shape, for comparing. */
interface StoredUnit extends Required<
  Omit<
    RowUnit,
    'nameEn' | 'provinceCode' | 'districtCode' | 'subdistrictCode' | 'address' | 'postcode' | 'phone' | 'email'
  >
> {
  id: string;
  version: number;
  ministryId: string | null;
  nameEn: string | null;
  provinceCode: string | null;
  districtCode: string | null;
  subdistrictCode: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
}

const COMPARED = [
  'nameTh',
  'nameEn',
  'type',
  'agencyId',
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

const fold = (text: string) => toAsciiDigits(text.normalize('NFC').toLowerCase()).replace(/[\s_\-().*:]+/g, '');

/** Which column a heading names: the Thai heading (possibly with a note after it) or the English name. */
function columnOf(heading: string): UnitImportColumn | null {
  const folded = fold(heading);
  if (!folded) return null;
  for (const column of UNIT_IMPORT_COLUMNS) {
    if (folded === fold(column.en) || folded === fold(column.key) || folded.startsWith(fold(column.th)))
      return column.key;
  }
  // Shorter headings people write.
  const aliases: [string, UnitImportColumn][] = [
    ['ประเภท', 'type'],
    ['หน่วยงานต้นสังกัด', 'agency'],
    ['ชื่อภาษาไทย', 'nameTh'],
    ['ตำบล', 'subdistrict'],
    ['แขวง', 'subdistrict'],
    ['อำเภอ', 'district'],
    ['เขต', 'district'],
    ['ประเภทปัญหา', 'problemTypes'],
    ['อีเมล์', 'email'],
  ];
  for (const [alias, key] of aliases) if (folded === fold(alias)) return key;
  return null;
}

const problem = (column: string, code: string, th: string, en: string): Problem => ({ column, code, th, en });

const DAY_NAMES: [RegExp, number][] = [
  [/^(จ|จันทร์|mon|monday)$/, 1],
  [/^(อ|อังคาร|tue|tuesday)$/, 2],
  [/^(พ|พุธ|wed|wednesday)$/, 3],
  [/^(พฤ|พฤหัส|พฤหัสบดี|thu|thursday)$/, 4],
  [/^(ศ|ศุกร์|fri|friday)$/, 5],
  [/^(ส|เสาร์|sat|saturday)$/, 6],
  [/^(อา|อาทิตย์|sun|sunday)$/, 7],
];

const dayOf = (text: string) => DAY_NAMES.find(([pattern]) => pattern.test(text.replace(/\./g, '')))?.[1] ?? null;

/**
 * Office hours as people write them: "24 ชั่วโมง", "เวลาราชการ", "08:00-17:00"
 * (Monday to Friday), "จ-ศ 08:30-16:30; ส 09:00-12:00", "Mon-Sat 8.30-16.30".
 */
export function parseOfficeHours(text: string): OfficeHours | null {
  const value = toAsciiDigits(text.trim().toLowerCase());
  if (/24/.test(value) && !/\d{1,2}[:.]\d{2}/.test(value)) return { kind: '24h' };
  if (/ตลอดเวลา|ทุกวันตลอด|24\s*hours?/.test(value)) return { kind: '24h' };
  if (/^(เวลา)?ราชการ$|^office|^government/.test(value.replace(/\s+/g, ''))) return GOVERNMENT_OFFICE_HOURS;
  const periods: { day: number; opens: string; closes: string }[] = [];
  for (const part of value.split(/[;,\n]+/)) {
    const match =
      /^\s*(?:([a-zก-๙.]+?)\s*(?:(?:-|–|ถึง)\s*([a-zก-๙.]+))?\s+)?(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*(?:น\.?)?\s*$/.exec(
        part,
      );
    if (!match) return null;
    const [, fromDay, toDay, oh, om, ch, cm] = match;
    const first = fromDay ? dayOf(fromDay) : 1;
    const last = fromDay ? (toDay ? dayOf(toDay) : first) : 5;
    if (!first || !last || last < first) return null;
    const opens = `${oh!.padStart(2, '0')}:${om}`;
    const closes = `${ch!.padStart(2, '0')}:${cm}`;
    if (opens >= closes || Number(ch) > 23 || Number(oh) > 23 || Number(om) > 59 || Number(cm) > 59) return null;
    for (let day = first; day <= last; day += 1) periods.push({ day, opens, closes });
  }
  return periods.length ? { kind: 'business', periods, closedOnPublicHolidays: true } : null;
}

interface Reference {
  agencies: Map<string, { id: string; rootId: string; active: boolean }>;
  provinces: Map<string, string>;
  districts: Map<string, string>;
  subdistricts: Map<string, string>;
  areaCodes: Set<string>;
  problemTypes: Map<string, string>;
  units: Map<string, StoredUnit>;
}

async function loadReference(db: Kysely<Database>): Promise<Reference> {
  const [agencies, provinces, districts, subdistricts, problemTypes, units, areas, unitProblems] = await Promise.all([
    db.selectFrom('agency').select(['id', 'root_id', 'code', 'abbr_th', 'name_th', 'name_en', 'active']).execute(),
    db.selectFrom('geo_province').select(['code', 'name_th', 'name_en']).execute(),
    db.selectFrom('geo_district').select(['code', 'province_code', 'name_th', 'name_en']).execute(),
    db.selectFrom('geo_subdistrict').select(['code', 'district_code', 'name_th', 'name_en']).execute(),
    db.selectFrom('problem_type').select(['code', 'name_th', 'name_en']).where('active', '=', true).execute(),
    db
      .selectFrom('unit')
      .innerJoin('agency', 'agency.id', 'unit.agency_id')
      .select([
        'unit.id',
        'unit.code',
        'unit.name_th',
        'unit.name_en',
        'unit.type',
        'unit.agency_id',
        'agency.root_id',
        'unit.province_code',
        'unit.district_code',
        'unit.subdistrict_code',
        'unit.address',
        'unit.postcode',
        'unit.phone',
        'unit.email',
        'unit.office_hours',
        'unit.open_24_hours',
        'unit.version',
      ])
      .execute(),
    db.selectFrom('unit_area').select(['unit_id', 'code']).orderBy('code').execute(),
    db.selectFrom('unit_problem_type').select(['unit_id', 'problem_type_code']).execute(),
  ]);
  const reference: Reference = {
    agencies: new Map(),
    provinces: new Map(),
    districts: new Map(),
    subdistricts: new Map(),
    areaCodes: new Set(),
    problemTypes: new Map(),
    units: new Map(),
  };
  for (const agency of agencies) {
    const entry = { id: agency.id, rootId: agency.root_id ?? agency.id, active: agency.active };
    for (const name of [agency.code, agency.abbr_th, agency.name_th, agency.name_en])
      if (name) reference.agencies.set(fold(name), entry);
  }
  for (const p of provinces) {
    const code = p.code.trim();
    reference.areaCodes.add(code);
    for (const key of [code, normalizeForSearch(p.name_th), p.name_en && normalizeForSearch(p.name_en)])
      if (key) reference.provinces.set(key, code);
  }
  for (const d of districts) {
    const code = d.code.trim();
    reference.areaCodes.add(code);
    reference.districts.set(code, code);
    for (const name of [d.name_th, d.name_en])
      if (name) reference.districts.set(`${d.province_code.trim()}:${normalizeForSearch(name)}`, code);
  }
  for (const s of subdistricts) {
    const code = s.code.trim();
    reference.areaCodes.add(code);
    reference.subdistricts.set(code, code);
    for (const name of [s.name_th, s.name_en])
      if (name) reference.subdistricts.set(`${s.district_code.trim()}:${normalizeForSearch(name)}`, code);
  }
  for (const p of problemTypes)
    for (const name of [p.code, p.name_th, p.name_en]) reference.problemTypes.set(fold(name), p.code);
  const areasByUnit = new Map<string, string[]>();
  for (const area of areas) areasByUnit.set(area.unit_id, [...(areasByUnit.get(area.unit_id) ?? []), area.code]);
  const problemsByUnit = new Map<string, string[]>();
  for (const p of unitProblems)
    problemsByUnit.set(p.unit_id, [...(problemsByUnit.get(p.unit_id) ?? []), p.problem_type_code]);
  for (const u of units) {
    reference.units.set(u.code.toLowerCase(), {
      id: u.id,
      version: u.version,
      ministryId: u.root_id,
      code: u.code,
      nameTh: u.name_th,
      nameEn: u.name_en,
      type: u.type as UnitType,
      agencyId: u.agency_id,
      provinceCode: u.province_code?.trim() ?? null,
      districtCode: u.district_code?.trim() ?? null,
      subdistrictCode: u.subdistrict_code?.trim() ?? null,
      address: u.address,
      postcode: u.postcode,
      phone: u.phone,
      email: u.email,
      officeHours: officeHoursOf(u.office_hours, u.open_24_hours),
      areas: [...(areasByUnit.get(u.id) ?? [])].sort(),
      problemTypes: [...(problemsByUnit.get(u.id) ?? [])].sort(),
    });
  }
  return reference;
}

const TYPE_BY_NAME = new Map<string, UnitType>();
for (const type of UNIT_TYPES) {
  TYPE_BY_NAME.set(fold(type), type);
  TYPE_BY_NAME.set(fold(UNIT_TYPE_LABELS[type].th), type);
  TYPE_BY_NAME.set(fold(UNIT_TYPE_LABELS[type].en), type);
}
for (const [name, type] of [
  ['พมจ', 'provincial_msdhs_office'],
  ['ศูนย์พึ่งได้', 'hospital_crisis_centre'],
  ['โรงพยาบาล', 'hospital_crisis_centre'],
  ['สภ', 'police_station'],
  ['สน', 'police_station'],
  ['อบต', 'subdistrict_administrative_organisation'],
  ['เทศบาลตำบล', 'municipality'],
  ['เทศบาลเมือง', 'municipality'],
  ['เทศบาลนคร', 'municipality'],
  ['โรงเรียน', 'school'],
  ['บ้านพักเด็ก', 'children_family_shelter'],
  ['ngo', 'ngo'],
  ['มูลนิธิ', 'ngo'],
] as const)
  TYPE_BY_NAME.set(fold(name), type);

function parseRow(
  cells: readonly GridCell[],
  columns: Map<UnitImportColumn, number>,
  reference: Reference,
): { unit: RowUnit | null; problems: Problem[]; nameTh: string | null } {
  const problems: Problem[] = [];
  const text = (key: UnitImportColumn): string | undefined => {
    const index = columns.get(key);
    const value = index === undefined ? '' : (cells[index]?.text ?? '').replace(/\s+/g, ' ').trim();
    return value === '' || value === '-' ? undefined : value;
  };
  const heading = (key: UnitImportColumn) => UNIT_IMPORT_COLUMNS.find((c) => c.key === key)!.th;

  const code = text('code') ? toAsciiDigits(text('code')!) : undefined;
  const nameTh = text('nameTh');
  if (!code) problems.push(problem(heading('code'), 'required', 'ไม่มีรหัสหน่วยงาน', 'The unit code is missing'));
  else if (!/^[A-Za-z0-9ก-๙._-]{1,40}$/.test(code))
    problems.push(
      problem(
        heading('code'),
        'invalid',
        `รหัส "${code}" ใช้ได้เฉพาะตัวอักษร ตัวเลข . - _`,
        `Code "${code}": letters, digits, . - _ only`,
      ),
    );
  const existing = code ? reference.units.get(code.toLowerCase()) : undefined;
  const unit: RowUnit = { code: code ?? '' };
  if (nameTh) unit.nameTh = nameTh.slice(0, 200);
  else if (!existing) problems.push(problem(heading('nameTh'), 'required', 'ไม่มีชื่อหน่วยงาน', 'The unit name is missing'));
  if (text('nameEn')) unit.nameEn = text('nameEn')!.slice(0, 200);

  const typeText = text('type');
  if (typeText) {
    const type = TYPE_BY_NAME.get(fold(typeText));
    if (type) unit.type = type;
    else
      problems.push(
        problem(heading('type'), 'unknown_type', `ไม่รู้จักประเภทหน่วยงาน "${typeText}"`, `Unknown unit type "${typeText}"`),
      );
  } else if (!existing)
    problems.push(problem(heading('type'), 'required', 'ไม่มีประเภทหน่วยงาน', 'The unit type is missing'));

  const agencyText = text('agency');
  if (agencyText) {
    const agency = reference.agencies.get(fold(agencyText));
    if (agency?.active) unit.agencyId = agency.id;
    else
      problems.push(
        problem(heading('agency'), 'unknown_agency', `ไม่พบสังกัด "${agencyText}"`, `Unknown agency "${agencyText}"`),
      );
  } else if (!existing) problems.push(problem(heading('agency'), 'required', 'ไม่มีสังกัด', 'The agency is missing'));

  // The place: codes or names, each level looked up within the one above.
  const provinceText = text('province');
  const districtText = text('district');
  const subdistrictText = text('subdistrict');
  let provinceCode: string | undefined;
  if (provinceText) {
    provinceCode = reference.provinces.get(normalizeForSearch(provinceText));
    if (!provinceCode)
      problems.push(
        problem(
          heading('province'),
          'unknown_province',
          `ไม่พบจังหวัด "${provinceText}"`,
          `Unknown province "${provinceText}"`,
        ),
      );
  }
  let districtCode: string | undefined;
  if (districtText) {
    const asCode = toAsciiDigits(districtText);
    districtCode = /^\d{4}$/.test(asCode)
      ? reference.districts.get(asCode)
      : provinceCode
        ? reference.districts.get(`${provinceCode}:${normalizeForSearch(districtText)}`)
        : undefined;
    if (!districtCode || (provinceCode && !districtCode.startsWith(provinceCode)))
      problems.push(
        problem(
          heading('district'),
          'unknown_district',
          `ไม่พบอำเภอ "${districtText}" ในจังหวัดนี้`,
          `Unknown district "${districtText}" in this province`,
        ),
      );
    else provinceCode ??= districtCode.slice(0, 2);
  }
  let subdistrictCode: string | undefined;
  if (subdistrictText) {
    const asCode = toAsciiDigits(subdistrictText);
    subdistrictCode = /^\d{6}$/.test(asCode)
      ? reference.subdistricts.get(asCode)
      : districtCode
        ? reference.subdistricts.get(`${districtCode}:${normalizeForSearch(subdistrictText)}`)
        : undefined;
    if (!subdistrictCode || (districtCode && !subdistrictCode.startsWith(districtCode)))
      problems.push(
        problem(
          heading('subdistrict'),
          'unknown_subdistrict',
          `ไม่พบตำบล "${subdistrictText}" ในอำเภอนี้`,
          `Unknown subdistrict "${subdistrictText}" in this district`,
        ),
      );
    else {
      districtCode ??= subdistrictCode.slice(0, 4);
      provinceCode ??= subdistrictCode.slice(0, 2);
    }
  }
  if (provinceText || districtText || subdistrictText) {
    unit.provinceCode = provinceCode;
    unit.districtCode = districtCode;
    unit.subdistrictCode = subdistrictCode;
  }

  if (text('address')) unit.address = text('address')!.slice(0, 500);
  const postcode = text('postcode') && toAsciiDigits(text('postcode')!);
  if (postcode) {
    if (/^\d{5}$/.test(postcode)) unit.postcode = postcode;
    else
      problems.push(
        problem(
          heading('postcode'),
          'invalid',
          `รหัสไปรษณีย์ "${postcode}" ต้องมี 5 หลัก`,
          `Postcode "${postcode}" must have 5 digits`,
        ),
      );
  }
  if (text('phone')) unit.phone = toAsciiDigits(text('phone')!).slice(0, 40);
  const email = text('email');
  if (email) {
    const parsed = parseEmail(email);
    if (parsed.ok) unit.email = parsed.value;
    else
      problems.push(problem(heading('email'), 'invalid', `อีเมล "${email}" ไม่ถูกต้อง`, `E-mail "${email}" is not valid`));
  }
  const hours = text('officeHours');
  if (hours) {
    const parsed = parseOfficeHours(hours);
    if (parsed) unit.officeHours = parsed;
    else
      problems.push(
        problem(
          heading('officeHours'),
          'invalid',
          `อ่านเวลาทำการ "${hours}" ไม่ได้ (เช่น 24 ชั่วโมง, เวลาราชการ, จ-ศ 08:30-16:30)`,
          `Cannot read office hours "${hours}" (e.g. 24 hours, government, Mon-Fri 08:30-16:30)`,
        ),
      );
  }
  const areasText = text('areas');
  if (areasText) {
    const areas = new Set<string>();
    for (const token of toAsciiDigits(areasText)
      .split(/[,;/\n]+|\s+(?=\d)/)
      .map((t) => t.trim())
      .filter(Boolean)) {
      const code = areaLevelOf(token) ? token : reference.provinces.get(normalizeForSearch(token));
      if (code && reference.areaCodes.has(code)) areas.add(code);
      else problems.push(problem(heading('areas'), 'unknown_area', `ไม่พบพื้นที่ "${token}"`, `Unknown area "${token}"`));
    }
    unit.areas = [...areas].sort();
  }
  const problemsText = text('problemTypes');
  if (problemsText) {
    const codes = new Set<string>();
    for (const token of problemsText
      .split(/[,;\n]+/)
      .map((t) => t.trim())
      .filter(Boolean)) {
      const code = reference.problemTypes.get(fold(token));
      if (code) codes.add(code);
      else
        problems.push(
          problem(
            heading('problemTypes'),
            'unknown_problem_type',
            `ไม่รู้จักประเภทปัญหา "${token}"`,
            `Unknown problem type "${token}"`,
          ),
        );
    }
    unit.problemTypes = [...codes].sort();
  }
  return { unit: code ? unit : null, problems, nameTh: nameTh ?? existing?.nameTh ?? null };
}

function findHeader(grid: Grid): { row: number; columns: Map<UnitImportColumn, number> } | null {
  for (let r = 0; r < Math.min(grid.rows.length, 30); r += 1) {
    const columns = new Map<UnitImportColumn, number>();
    (grid.rows[r] ?? []).forEach((cell, index) => {
      const key = columnOf(cell.text);
      if (key && !columns.has(key)) columns.set(key, index);
    });
    if (columns.has('code') && columns.has('nameTh')) return { row: r, columns };
  }
  return null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Imports units from an .xlsx workbook or a CSV file: a dry run reports row
 * by row what would be created or updated and every problem, in Thai and
 * English; apply does exactly that in one transaction. Units are matched by
 * code, so importing the same file again changes nothing. An empty cell keeps
 * what is stored.
 */
export function createUnitImportService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  return {
    async importFile(
      actor: Principal,
      file: { name: string; content: Buffer },
      options: { apply: boolean; requestId?: string | null; auditActorId?: string | null },
    ): Promise<UnitImportReport> {
      let grids: Grid[];
      try {
        grids = /\.csv$/i.test(file.name)
          ? [readCsvGrid(file.content.toString('utf8'), file.name)]
          : await readWorkbookGrids(file.content);
      } catch {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body',
              code: 'unreadable_file',
              message: 'อ่านไฟล์ไม่ได้ กรุณาส่งไฟล์ .xlsx หรือ .csv / Cannot read the file: send .xlsx or .csv',
            },
          ],
        });
      }
      const reference = await loadReference(db);
      const report: UnitImportReport = {
        applied: false,
        problems: [],
        rows: [],
        summary: { create: 0, update: 0, unchanged: 0, error: 0 },
      };
      const plan: { row: ReportRow; unit: RowUnit; existing?: StoredUnit }[] = [];
      const seenCodes = new Map<string, string>();
      let sheetsWithHeader = 0;

      for (const grid of grids) {
        const header = findHeader(grid);
        if (!header) continue;
        sheetsWithHeader += 1;
        for (const column of UNIT_IMPORT_COLUMNS.filter((c) => c.required && !header.columns.has(c.key)))
          report.problems.push({
            code: 'missing_column',
            th: `แผ่นงาน "${grid.name}" ไม่มีคอลัมน์ "${column.th}"`,
            en: `Sheet "${grid.name}" has no "${column.en}" column`,
          });
        for (let r = header.row + 1; r < grid.rows.length; r += 1) {
          const cells = grid.rows[r] ?? [];
          if (cells.every((cell) => cell.text.trim() === '')) continue;
          const parsed = parseRow(cells, header.columns, reference);
          const row: ReportRow = {
            sheet: grid.name,
            rowNumber: r + 1,
            code: parsed.unit?.code ?? null,
            nameTh: parsed.nameTh,
            action: 'error',
            changes: [],
            problems: parsed.problems,
          };
          report.rows.push(row);
          const unit = parsed.unit;
          if (!unit) continue;
          const key = unit.code.toLowerCase();
          const earlier = seenCodes.get(key);
          if (earlier)
            row.problems.push(problem('รหัสหน่วยงาน', 'duplicate', `รหัสซ้ำกับ${earlier}`, `Same code as ${earlier}`));
          else seenCodes.set(key, `แถวที่ ${r + 1}`);
          const existing = reference.units.get(key);
          if (unit.provinceCode !== undefined) {
            // A place given in part keeps the stored lower levels that still lie inside it; the others are cleared
            // (so the report shows it), rather than leaving a district of another province behind.
            unit.districtCode ??=
              existing?.districtCode && existing.districtCode.startsWith(unit.provinceCode ?? '-')
                ? existing.districtCode
                : null;
            unit.subdistrictCode ??=
              existing?.subdistrictCode && unit.districtCode && existing.subdistrictCode.startsWith(unit.districtCode)
                ? existing.subdistrictCode
                : null;
          }

          // Who may do it: reach over the unit where it is, and where the row puts it.
          const agency = unit.agencyId
            ? [...reference.agencies.values()].find((a) => a.id === unit.agencyId)
            : undefined;
          const target: RecordScope = {
            unitId: null,
            provinceCode:
              unit.provinceCode !== undefined ? (unit.provinceCode ?? null) : (existing?.provinceCode ?? null),
            ministryId: agency?.rootId ?? existing?.ministryId ?? null,
          };
          const here: RecordScope | null = existing
            ? { unitId: existing.id, provinceCode: existing.provinceCode, ministryId: existing.ministryId }
            : null;
          const moves =
            !existing || target.provinceCode !== existing.provinceCode || target.ministryId !== existing.ministryId;
          const addedAreas = (unit.areas ?? []).filter((code) => !existing?.areas.includes(code));
          const allowed =
            (!here || isAllowed(actor, 'organisations.manage', here)) &&
            (!moves || isAllowed(actor, 'organisations.manage', target)) &&
            [...new Set(addedAreas.map((code) => code.slice(0, 2)))].every((province) =>
              isAllowed(actor, 'organisations.manage', {
                unitId: null,
                provinceCode: province,
                ministryId: target.ministryId,
              }),
            );
          if (!allowed)
            row.problems.push(
              problem('', 'outside_reach', 'หน่วยงานนี้อยู่นอกขอบเขตสิทธิ์ของคุณ', 'This unit is outside your reach'),
            );

          if (row.problems.length) continue;
          if (existing) {
            row.changes = COMPARED.filter((field) => unit[field] !== undefined && !same(unit[field], existing[field]));
            row.action = row.changes.length ? 'update' : 'unchanged';
          } else {
            row.changes = COMPARED.filter((field) => unit[field] !== undefined);
            row.action = 'create';
          }
          plan.push({ row, unit, ...(existing ? { existing } : {}) });
        }
      }
      if (sheetsWithHeader === 0)
        report.problems.push({
          code: 'no_header',
          th: 'ไม่พบแถวหัวตารางที่มีคอลัมน์ "รหัสหน่วยงาน" และ "ชื่อหน่วยงาน"',
          en: 'No header row with the "code" and "name_th" columns was found',
        });
      for (const row of report.rows) report.summary[row.action] += 1;
      if (!options.apply || (report.summary.create === 0 && report.summary.update === 0)) return report;

      const now = clock.now();
      const audit = {
        actorUserId: options.auditActorId === undefined ? actor.userId : options.auditActorId,
        requestId: options.requestId ?? null,
        now,
      };
      await db.transaction().execute(async (trx) => {
        const repo = createOrganisationsRepository(trx);
        const creates = plan.filter((p) => p.row.action === 'create');
        const ids = await repo.insertUnits(
          creates.map(({ unit }): NewUnit => ({
            agencyId: unit.agencyId!,
            code: unit.code,
            type: unit.type!,
            nameTh: unit.nameTh!,
            nameEn: unit.nameEn ?? null,
            provinceCode: unit.provinceCode ?? null,
            districtCode: unit.districtCode ?? null,
            subdistrictCode: unit.subdistrictCode ?? null,
            address: unit.address ?? null,
            postcode: unit.postcode ?? null,
            phone: unit.phone ?? null,
            email: unit.email ?? null,
            officeHours: unit.officeHours ?? GOVERNMENT_OFFICE_HOURS,
          })),
          now,
        );
        const areaRows = creates.flatMap(({ unit }) =>
          (unit.areas ?? []).map((code) => ({
            unit_id: ids.get(unit.code)!,
            code,
            level: areaLevelOf(code)!,
            province_code: code.slice(0, 2),
          })),
        );
        for (let i = 0; i < areaRows.length; i += 1000)
          await trx
            .insertInto('unit_area')
            .values(areaRows.slice(i, i + 1000))
            .execute();
        const problemRows = creates.flatMap(({ unit }) =>
          (unit.problemTypes ?? []).map((code) => ({ unit_id: ids.get(unit.code)!, problem_type_code: code })),
        );
        for (let i = 0; i < problemRows.length; i += 1000)
          await trx
            .insertInto('unit_problem_type')
            .values(problemRows.slice(i, i + 1000))
            .execute();
        await recordAudits(
          trx,
          audit,
          creates.map(({ unit }) => ({
            action: 'unit.create',
            entityType: 'unit',
            entityId: ids.get(unit.code)!,
            after: { ...unit, source: file.name },
          })),
        );

        for (const { row, unit, existing } of plan.filter((p) => p.row.action === 'update')) {
          const changed = (field: (typeof COMPARED)[number]) => row.changes.includes(field);
          const ok = await repo.updateUnit(
            existing!.id,
            existing!.version,
            {
              ...(changed('nameTh') ? { name_th: unit.nameTh! } : {}),
              ...(changed('nameEn') ? { name_en: unit.nameEn ?? null } : {}),
              ...(changed('type') ? { type: unit.type! } : {}),
              ...(changed('agencyId') ? { agency_id: unit.agencyId! } : {}),
              ...(unit.provinceCode !== undefined ||
              unit.districtCode !== undefined ||
              unit.subdistrictCode !== undefined
                ? {
                    province_code: unit.provinceCode ?? null,
                    district_code: unit.districtCode ?? null,
                    subdistrict_code: unit.subdistrictCode ?? null,
                  }
                : {}),
              ...(changed('address') ? { address: unit.address ?? null } : {}),
              ...(changed('postcode') ? { postcode: unit.postcode ?? null } : {}),
              ...(changed('phone') ? { phone: unit.phone ?? null } : {}),
              ...(changed('email') ? { email: unit.email ?? null } : {}),
              ...(changed('officeHours') ? { office_hours: unit.officeHours! } : {}),
            },
            now,
          );
          // Someone edited the unit between the dry run's read and now: stop rather than overwrite.
          if (!ok) throw new AppError('CONFLICT', { internal: `unit ${unit.code} changed during import` });
          if (changed('areas')) await repo.replaceAreas(existing!.id, unit.areas!);
          if (changed('problemTypes')) await repo.replaceProblemTypes(existing!.id, unit.problemTypes!);
          const before = Object.fromEntries(row.changes.map((field) => [field, existing![field as keyof StoredUnit]]));
          const after = Object.fromEntries(row.changes.map((field) => [field, unit[field as keyof RowUnit]]));
          await recordAudit(trx, audit, {
            action: 'unit.update',
            entityType: 'unit',
            entityId: existing!.id,
            before,
            after: { ...after, source: file.name },
          });
        }
      });
      // Thousands of new rows at once: let the planner see them before the next list is drawn.
      if (report.summary.create + report.summary.update >= 1000)
        await sql`analyze unit, unit_area, unit_problem_type`.execute(db);
      report.applied = true;
      return report;
    },
  };
}

export type UnitImportService = ReturnType<typeof createUnitImportService>;
