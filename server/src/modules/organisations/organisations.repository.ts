import {
  areaLevelOf,
  GOVERNMENT_OFFICE_HOURS,
  type OfficeHours,
  type Action,
  type Agency,
  type ProblemType,
  type Unit,
  type UnitArea,
  type UnitDetail,
  type UnitListQuery,
  type UnitType,
} from '@oscc/contract';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { scopeFilter, type Principal } from '../../platform/authorization/scope.ts';
import { officeHoursOf } from '../../platform/calendar/office-hours.ts';
import { searchTerms } from '../geography/index.ts';

export interface NewAgency {
  code: string;
  parentId?: string | null;
  abbrTh?: string | null;
  nameTh: string;
  nameEn?: string | null;
}

export interface NewUnit {
  agencyId: string;
  code: string;
  type: UnitType;
  nameTh: string;
  nameEn?: string | null;
  provinceCode?: string | null;
  districtCode?: string | null;
  subdistrictCode?: string | null;
  address?: string | null;
  postcode?: string | null;
  phone?: string | null;
  email?: string | null;
  open24Hours?: boolean;
  officeHours?: OfficeHours;
}

/** The columns of a unit a person edits (snake_case, as stored). */
export interface UnitChanges {
  code?: string;
  type?: UnitType;
  name_th?: string;
  name_en?: string | null;
  province_code?: string | null;
  district_code?: string | null;
  subdistrict_code?: string | null;
  address?: string | null;
  postcode?: string | null;
  phone?: string | null;
  email?: string | null;
  office_hours?: OfficeHours;
  agency_id?: string;
}

/**
 * What unit search compares: names, code and the province's names, lower
 * case, ASCII digits, no spaces — Thai is written without spaces between
 * words, so "ศูนย์พึ่งได้ราชบุรี" and "ศูนย์พึ่งได้ ราชบุรี" must find the same.
 * Computed in SQL so every writer (service, import, seed) gets the same text.
 */
const UNIT_SEARCH_TEXT = sql<string>`translate(lower(regexp_replace(concat_ws(' ', unit.name_th, unit.name_en, unit.code,
  (select p.name_th from geo_province p where p.code = unit.province_code),
  (select p.name_en from geo_province p where p.code = unit.province_code)), '\\s+', '', 'g')),
  '๐๑๒๓๔๕๖๗๘๙', '0123456789')`;

/** A LIKE pattern for text containing `term`, its wildcards escaped. */
function likeContaining(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export { officeHoursOf };

const UNIT_COLUMNS = [
  'unit.id',
  'unit.agency_id',
  'unit.code',
  'unit.type',
  'unit.name_th',
  'unit.name_en',
  'unit.province_code',
  'unit.district_code',
  'unit.subdistrict_code',
  'unit.open_24_hours',
  'unit.active',
] as const;

interface UnitRow {
  id: string;
  agency_id: string;
  code: string;
  type: string;
  name_th: string;
  name_en: string | null;
  province_code: string | null;
  district_code: string | null;
  subdistrict_code: string | null;
  open_24_hours: boolean;
  active: boolean;
}

function unitOf(row: UnitRow): Unit {
  return {
    id: row.id,
    agencyId: row.agency_id,
    code: row.code,
    type: row.type as UnitType,
    nameTh: row.name_th,
    nameEn: row.name_en,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    subdistrictCode: row.subdistrict_code,
    open24Hours: row.open_24_hours,
    active: row.active,
  };
}

/** Where a unit sits, for permission rules. */
export interface UnitScope {
  id: string;
  provinceCode: string | null;
  ministryId: string | null;
  version: number;
  active: boolean;
}

export interface AgencyRecord {
  id: string;
  parentId: string | null;
  rootId: string;
  path: string;
  code: string;
  abbrTh: string | null;
  nameTh: string;
  nameEn: string | null;
  active: boolean;
  version: number;
}

export function createOrganisationsRepository(db: Kysely<Database>) {
  function unitsWhere<O>(
    query: SelectQueryBuilder<Database, 'unit', O>,
    filters: UnitListQuery,
  ): SelectQueryBuilder<Database, 'unit', O> {
    let q = query;
    if (filters.status === 'active') q = q.where('unit.active', '=', true);
    if (filters.status === 'inactive') q = q.where('unit.active', '=', false);
    if (filters.agencyId) {
      // The agency and everything below it, at any depth.
      const agencyId = filters.agencyId;
      q = q.where(
        'unit.agency_id',
        'in',
        sql<string>`(select a.id from agency a where a.path like (select p.path from agency p where p.id = ${agencyId}) || '%')`,
      );
    }
    if (filters.provinceCode) q = q.where('unit.province_code', '=', filters.provinceCode);
    if (filters.type) q = q.where('unit.type', '=', filters.type);
    if (filters.areaCode) {
      // Units responsible for the place itself or for the district or province around it.
      const code = filters.areaCode;
      const covering = [code.slice(0, 2), code.slice(0, 4), code].filter((c, i, all) => all.indexOf(c) === i);
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('unit_area')
            .select(sql`1`.as('one'))
            .whereRef('unit_area.unit_id', '=', 'unit.id')
            .where('unit_area.code', 'in', covering),
        ),
      );
    }
    if (filters.problemType) {
      const problemType = filters.problemType;
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('unit_problem_type')
            .select(sql`1`.as('one'))
            .whereRef('unit_problem_type.unit_id', '=', 'unit.id')
            .where('unit_problem_type.problem_type_code', '=', problemType),
        ),
      );
    }
    // Every word of the query, as a Thai dictionary splits it ("ศูนย์พึ่งได้ราชบุรี" → ศูนย์, พึ่ง, ได้, ราชบุรี).
    if (filters.q)
      for (const term of searchTerms(filters.q)) q = q.where('unit.search_text', 'like', likeContaining(term));
    return q;
  }

  async function refreshSearchText(unitIds: readonly string[]): Promise<void> {
    for (let i = 0; i < unitIds.length; i += 1000) {
      await db
        .updateTable('unit')
        .set({ search_text: UNIT_SEARCH_TEXT })
        .where('id', 'in', unitIds.slice(i, i + 1000))
        .execute();
    }
  }

  return {
    refreshSearchText,

    /** Every agency in tree order, or just one, with its count of active units. */
    async listAgencies(onlyId?: string): Promise<Agency[]> {
      let query = db
        .selectFrom('agency')
        .select([
          'agency.id',
          'agency.parent_id',
          'agency.root_id',
          'agency.path',
          'agency.code',
          'agency.abbr_th',
          'agency.name_th',
          'agency.name_en',
          'agency.active',
          'agency.version',
        ])
        .select(
          sql<number>`(select count(*)::int from unit where unit.agency_id = agency.id and unit.active)`.as(
            'unit_count',
          ),
        )
        .orderBy('agency.path');
      if (onlyId) query = query.where('agency.id', '=', onlyId);
      const rows = await query.execute();
      return rows.map((row) => ({
        id: row.id,
        parentId: row.parent_id,
        rootId: row.root_id ?? row.id,
        depth: Math.max(0, (row.path ?? '/').split('/').length - 3),
        code: row.code,
        abbrTh: row.abbr_th,
        nameTh: row.name_th,
        nameEn: row.name_en,
        active: row.active,
        version: row.version,
        unitCount: row.unit_count,
      }));
    },

    async findAgency(id: string): Promise<AgencyRecord | null> {
      const row = await db
        .selectFrom('agency')
        .select(['id', 'parent_id', 'root_id', 'path', 'code', 'abbr_th', 'name_th', 'name_en', 'active', 'version'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        parentId: row.parent_id,
        rootId: row.root_id ?? row.id,
        path: row.path ?? `/${row.id}/`,
        code: row.code,
        abbrTh: row.abbr_th,
        nameTh: row.name_th,
        nameEn: row.name_en,
        active: row.active,
        version: row.version,
      };
    },

    async agencyCodeInUse(code: string, exceptId?: string): Promise<boolean> {
      let q = db
        .selectFrom('agency')
        .select('id')
        .where(sql`lower(code)`, '=', code.toLowerCase());
      if (exceptId) q = q.where('id', '<>', exceptId);
      return !!(await q.executeTakeFirst());
    },

    /** Active units and agencies directly or indirectly below an agency. */
    async agencyDependants(agency: AgencyRecord): Promise<{ units: number; agencies: number }> {
      const row = await db
        .selectFrom('agency')
        .select([
          sql<number>`(select count(*)::int from unit join agency a on a.id = unit.agency_id
            where unit.active and a.path like ${`${agency.path}%`})`.as('units'),
          sql<number>`(select count(*)::int from agency a where a.active and a.id <> ${agency.id}
            and a.path like ${`${agency.path}%`})`.as('agencies'),
        ])
        .where('id', '=', agency.id)
        .executeTakeFirstOrThrow();
      return { units: row.units, agencies: row.agencies };
    },

    async insertAgency(agency: NewAgency, now: Date): Promise<string> {
      const parent = agency.parentId
        ? await db.selectFrom('agency').select(['root_id', 'path']).where('id', '=', agency.parentId).executeTakeFirst()
        : null;
      const row = await db
        .insertInto('agency')
        .values({
          code: agency.code,
          parent_id: agency.parentId ?? null,
          abbr_th: agency.abbrTh ?? null,
          name_th: agency.nameTh,
          name_en: agency.nameEn ?? null,
          path: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('agency')
        .set({
          root_id: parent?.root_id ?? row.id,
          path: `${parent?.path ?? '/'}${row.id}/`,
        })
        .where('id', '=', row.id)
        .execute();
      return row.id;
    },

    /** Updates when `version` still matches; false means someone else changed it first. */
    async updateAgency(
      id: string,
      version: number,
      changes: { code?: string; abbr_th?: string | null; name_th?: string; name_en?: string | null; active?: boolean },
      now: Date,
    ): Promise<boolean> {
      const result = await db
        .updateTable('agency')
        .set({ ...changes, updated_at: now, version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Moves an agency and its whole subtree under a new parent (or to the top), keeping paths and ministries right. */
    async moveAgency(agency: AgencyRecord, parent: AgencyRecord | null, version: number, now: Date): Promise<boolean> {
      const moved = await db
        .updateTable('agency')
        .set({ parent_id: parent?.id ?? null, updated_at: now, version: sql`version + 1` })
        .where('id', '=', agency.id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (moved.numUpdatedRows === 0n) return false;
      const newPath = `${parent?.path ?? '/'}${agency.id}/`;
      await db
        .updateTable('agency')
        .set({
          path: sql`${newPath} || substr(path, ${agency.path.length + 1})`,
          root_id: parent?.rootId ?? agency.id,
        })
        .where('path', 'like', `${agency.path}%`)
        .execute();
      return true;
    },

    /** One page of units, filtered, searched and counted in SQL: the national list has 21,553. */
    async listUnits(
      principal: Principal,
      action: Action,
      filters: UnitListQuery,
    ): Promise<{ items: Unit[]; total: number }> {
      // No join: the ministry is looked up only when a rule needs it (for most roles reading is allowed everywhere),
      // so the page comes straight off the (active, name_th, id) index.
      const base = unitsWhere(
        db.selectFrom('unit').where(
          scopeFilter(principal, action, {
            unitId: sql.ref('unit.id'),
            provinceCode: sql.ref('unit.province_code'),
            ministryId: sql<string | null>`(select a.root_id from agency a where a.id = unit.agency_id)`,
          }),
        ),
        filters,
      );
      if (filters.q) {
        // A text search scans every unit's search text: scan once, counting in the same pass (a window count).
        const found = await base
          .select(UNIT_COLUMNS)
          .select(sql<number>`(count(*) over ())::int`.as('total'))
          .orderBy('unit.name_th')
          .orderBy('unit.id')
          .limit(filters.limit)
          .offset(filters.offset)
          .execute();
        const first = found[0];
        if (first || filters.offset === 0) return { total: first?.total ?? 0, items: found.map(unitOf) };
      }
      const total = (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
      // Pages in the second half are read from the end (the same order, backwards): the last of 862 pages
      // costs what the first does, instead of sorting 21,000 rows to skip them.
      const fromEnd = filters.offset > total / 2;
      const limit = fromEnd ? Math.max(0, Math.min(filters.limit, total - filters.offset)) : filters.limit;
      const direction = fromEnd ? 'desc' : 'asc';
      const rows =
        limit === 0
          ? []
          : await base
              .select(UNIT_COLUMNS)
              .orderBy('unit.name_th', direction)
              .orderBy('unit.id', direction)
              .limit(limit)
              .offset(fromEnd ? total - filters.offset - limit : filters.offset)
              .execute();
      if (fromEnd) rows.reverse();
      return { total, items: rows.map(unitOf) };
    },

    async unitScope(id: string): Promise<UnitScope | null> {
      const row = await db
        .selectFrom('unit')
        .innerJoin('agency', 'agency.id', 'unit.agency_id')
        .select(['unit.id', 'unit.province_code', 'agency.root_id', 'unit.version', 'unit.active'])
        .where('unit.id', '=', id)
        .executeTakeFirst();
      return row
        ? {
            id: row.id,
            provinceCode: row.province_code,
            ministryId: row.root_id,
            version: row.version,
            active: row.active,
          }
        : null;
    },

    async getUnit(id: string): Promise<UnitDetail | null> {
      const row = await db
        .selectFrom('unit')
        .innerJoin('agency', 'agency.id', 'unit.agency_id')
        .select(UNIT_COLUMNS)
        .select([
          'unit.address',
          'unit.postcode',
          'unit.phone',
          'unit.email',
          'unit.office_hours',
          'unit.version',
          'unit.created_at',
          'unit.updated_at',
          'agency.name_th as agency_name_th',
          'agency.name_en as agency_name_en',
          'agency.root_id as agency_root_id',
        ])
        .where('unit.id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      const [areas, problemTypes] = await Promise.all([
        db
          .selectFrom('unit_area')
          .leftJoin('geo_province', (join) =>
            join.onRef('geo_province.code', '=', 'unit_area.code').on('unit_area.level', '=', 'province'),
          )
          .leftJoin('geo_district', (join) =>
            join.onRef('geo_district.code', '=', 'unit_area.code').on('unit_area.level', '=', 'district'),
          )
          .leftJoin('geo_subdistrict', (join) =>
            join.onRef('geo_subdistrict.code', '=', 'unit_area.code').on('unit_area.level', '=', 'subdistrict'),
          )
          .select([
            'unit_area.level',
            'unit_area.code',
            sql<string>`coalesce(geo_province.name_th, geo_district.name_th, geo_subdistrict.name_th, unit_area.code)`.as(
              'name_th',
            ),
            sql<string | null>`coalesce(geo_province.name_en, geo_district.name_en, geo_subdistrict.name_en)`.as(
              'name_en',
            ),
          ])
          .where('unit_area.unit_id', '=', id)
          .orderBy('unit_area.code')
          .execute(),
        db
          .selectFrom('unit_problem_type')
          .innerJoin('problem_type', 'problem_type.code', 'unit_problem_type.problem_type_code')
          .select('unit_problem_type.problem_type_code')
          .where('unit_problem_type.unit_id', '=', id)
          .orderBy('problem_type.sort_order')
          .execute(),
      ]);
      return {
        ...unitOf(row),
        agency: {
          id: row.agency_id,
          nameTh: row.agency_name_th,
          nameEn: row.agency_name_en,
          rootId: row.agency_root_id ?? row.agency_id,
        },
        address: row.address,
        postcode: row.postcode,
        phone: row.phone,
        email: row.email,
        officeHours: officeHoursOf(row.office_hours, row.open_24_hours),
        areas: areas.map((area): UnitArea => ({
          level: area.level,
          code: area.code,
          nameTh: area.name_th,
          nameEn: area.name_en,
        })),
        problemTypes: problemTypes.map((p) => p.problem_type_code),
        version: row.version,
        createdAt: new Date(row.created_at).toISOString(),
        updatedAt: new Date(row.updated_at).toISOString(),
      };
    },

    async unitCodeInUse(code: string, exceptId?: string): Promise<boolean> {
      let q = db
        .selectFrom('unit')
        .select('id')
        .where(sql`lower(code)`, '=', code.toLowerCase());
      if (exceptId) q = q.where('id', '<>', exceptId);
      return !!(await q.executeTakeFirst());
    },

    async activeUsersOfUnit(unitId: string): Promise<number> {
      const row = await db
        .selectFrom('app_user')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('unit_id', '=', unitId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      return row.n;
    },

    async insertUnits(units: NewUnit[], now: Date): Promise<Map<string, string>> {
      const ids = new Map<string, string>();
      for (let i = 0; i < units.length; i += 500) {
        const rows = await db
          .insertInto('unit')
          .values(
            units.slice(i, i + 500).map((unit) => {
              const officeHours =
                unit.officeHours ?? (unit.open24Hours ? { kind: '24h' as const } : GOVERNMENT_OFFICE_HOURS);
              return {
                agency_id: unit.agencyId,
                parent_unit_id: null,
                code: unit.code,
                type: unit.type,
                name_th: unit.nameTh,
                name_en: unit.nameEn ?? null,
                province_code: unit.provinceCode ?? null,
                district_code: unit.districtCode ?? null,
                subdistrict_code: unit.subdistrictCode ?? null,
                address: unit.address ?? null,
                postcode: unit.postcode ?? null,
                phone: unit.phone ?? null,
                email: unit.email ?? null,
                open_24_hours: officeHours.kind === '24h',
                office_hours: JSON.stringify(officeHours),
                deactivated_at: null,
                created_at: now,
                updated_at: now,
              };
            }),
          )
          .returning(['id', 'code'])
          .execute();
        for (const row of rows) ids.set(row.code, row.id);
        await refreshSearchText(rows.map((row) => row.id));
      }
      return ids;
    },

    /** Updates when `version` still matches; false means someone else changed it first. */
    async updateUnit(
      id: string,
      version: number,
      changes: UnitChanges & { active?: boolean; deactivated_at?: Date | null },
      now: Date,
    ): Promise<boolean> {
      const { office_hours, ...rest } = changes;
      const result = await db
        .updateTable('unit')
        .set({
          ...rest,
          ...(office_hours
            ? { office_hours: JSON.stringify(office_hours), open_24_hours: office_hours.kind === '24h' }
            : {}),
          updated_at: now,
          version: sql`version + 1`,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await refreshSearchText([id]);
      return true;
    },

    /** Replaces a unit's area of responsibility with these codes (checked by the caller). */
    async replaceAreas(unitId: string, codes: readonly string[]): Promise<void> {
      await db.deleteFrom('unit_area').where('unit_id', '=', unitId).execute();
      for (let i = 0; i < codes.length; i += 1000) {
        await db
          .insertInto('unit_area')
          .values(
            codes.slice(i, i + 1000).map((code) => ({
              unit_id: unitId,
              code,
              level: areaLevelOf(code)!,
              province_code: code.slice(0, 2),
            })),
          )
          .execute();
      }
    },

    async replaceProblemTypes(unitId: string, codes: readonly string[]): Promise<void> {
      await db.deleteFrom('unit_problem_type').where('unit_id', '=', unitId).execute();
      if (codes.length)
        await db
          .insertInto('unit_problem_type')
          .values(codes.map((code) => ({ unit_id: unitId, problem_type_code: code })))
          .execute();
    },

    /** The codes among these that name no province, district or subdistrict. */
    async unknownAreaCodes(codes: readonly string[]): Promise<string[]> {
      if (!codes.length) return [];
      const byLevel = (length: number) => codes.filter((code) => code.length === length);
      const found = new Set<string>();
      const lookups: [number, 'geo_province' | 'geo_district' | 'geo_subdistrict'][] = [
        [2, 'geo_province'],
        [4, 'geo_district'],
        [6, 'geo_subdistrict'],
      ];
      for (const [length, table] of lookups) {
        const wanted = byLevel(length);
        if (!wanted.length) continue;
        const rows = await db.selectFrom(table).select('code').where('code', 'in', wanted).execute();
        for (const row of rows) found.add(row.code.trim());
      }
      return codes.filter((code) => !found.has(code));
    },

    async listProblemTypes(): Promise<ProblemType[]> {
      const rows = await db.selectFrom('problem_type').selectAll().orderBy('sort_order').orderBy('code').execute();
      return rows.map((row) => ({
        code: row.code,
        nameTh: row.name_th,
        nameEn: row.name_en,
        urgent: row.urgent,
        leadAgencyCode: row.lead_agency_code,
        sortOrder: row.sort_order,
        active: row.active,
      }));
    },

    async countAgencies(): Promise<number> {
      const row = await db
        .selectFrom('agency')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },
  };
}

export type OrganisationsRepository = ReturnType<typeof createOrganisationsRepository>;
