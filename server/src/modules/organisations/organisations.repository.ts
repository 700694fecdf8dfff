import type { Agency, Unit, UnitListQuery, UnitType } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

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
  open24Hours?: boolean;
}

export function createOrganisationsRepository(db: Kysely<Database>) {
  return {
    async listAgencies(): Promise<Agency[]> {
      const rows = await db
        .selectFrom('agency')
        .leftJoin('unit', 'unit.agency_id', 'agency.id')
        .select(['agency.id', 'agency.parent_id', 'agency.code', 'agency.abbr_th', 'agency.name_th', 'agency.name_en'])
        .select(sql<number>`count(unit.id)::int`.as('unit_count'))
        .groupBy('agency.id')
        .orderBy('agency.code')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        parentId: row.parent_id,
        code: row.code,
        abbrTh: row.abbr_th,
        nameTh: row.name_th,
        nameEn: row.name_en,
        unitCount: row.unit_count,
      }));
    },

    /** One page of units, filtered and counted in SQL: the national list has 21,553. */
    async listUnits(query: UnitListQuery): Promise<{ items: Unit[]; total: number }> {
      let base = db.selectFrom('unit');
      if (query.agencyId) base = base.where('agency_id', '=', query.agencyId);
      if (query.provinceCode) base = base.where('province_code', '=', query.provinceCode);
      if (query.type) base = base.where('type', '=', query.type);
      if (query.q) {
        const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        base = base.where((eb) =>
          eb.or([eb('name_th', 'ilike', pattern), eb('name_en', 'ilike', pattern), eb('code', 'ilike', pattern)]),
        );
      }
      const [rows, total] = await Promise.all([
        base
          .select([
            'id',
            'agency_id',
            'code',
            'type',
            'name_th',
            'name_en',
            'province_code',
            'district_code',
            'subdistrict_code',
            'open_24_hours',
            'active',
          ])
          .orderBy('name_th')
          .orderBy('id')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        total: total.n,
        items: rows.map((row) => ({
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
        })),
      };
    },

    async insertAgency(agency: NewAgency, now: Date): Promise<string> {
      const parent = agency.parentId
        ? await db.selectFrom('agency').select('root_id').where('id', '=', agency.parentId).executeTakeFirst()
        : null;
      const row = await db
        .insertInto('agency')
        .values({
          code: agency.code,
          parent_id: agency.parentId ?? null,
          abbr_th: agency.abbrTh ?? null,
          name_th: agency.nameTh,
          name_en: agency.nameEn ?? null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('agency')
        .set({ root_id: parent?.root_id ?? row.id })
        .where('id', '=', row.id)
        .execute();
      return row.id;
    },

    async insertUnits(units: NewUnit[], now: Date): Promise<Map<string, string>> {
      const ids = new Map<string, string>();
      for (let i = 0; i < units.length; i += 500) {
        const rows = await db
          .insertInto('unit')
          .values(
            units.slice(i, i + 500).map((unit) => ({
              agency_id: unit.agencyId,
              code: unit.code,
              type: unit.type,
              name_th: unit.nameTh,
              name_en: unit.nameEn ?? null,
              province_code: unit.provinceCode ?? null,
              district_code: unit.districtCode ?? null,
              subdistrict_code: unit.subdistrictCode ?? null,
              address: unit.address ?? null,
              open_24_hours: unit.open24Hours ?? false,
              created_at: now,
              updated_at: now,
            })),
          )
          .returning(['id', 'code'])
          .execute();
        for (const row of rows) ids.set(row.code, row.id);
      }
      return ids;
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
