import { createHash } from 'node:crypto';
import type { District, Province, Subdistrict } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { GeographyReference } from './reference/load-geography-reference.ts';
import { normalizeForSearch } from './search-text.ts';

const REFERENCE_NAME = 'geography';
const BATCH = 1000;

export interface SubdistrictWithParents {
  subdistrict: Subdistrict;
  district: District;
  province: Province;
}

export function createGeographyRepository(db: Kysely<Database>) {
  return {
    async listProvinces(): Promise<Province[]> {
      const rows = await db
        .selectFrom('geo_province')
        .select(['code', 'name_th', 'name_en'])
        .orderBy('name_th')
        .execute();
      return rows.map(toProvince);
    },

    async findProvince(code: string): Promise<Province | null> {
      const row = await db
        .selectFrom('geo_province')
        .select(['code', 'name_th', 'name_en'])
        .where('code', '=', code)
        .executeTakeFirst();
      return row ? toProvince(row) : null;
    },

    async listDistricts(provinceCode: string): Promise<District[]> {
      const rows = await db
        .selectFrom('geo_district')
        .select(['code', 'province_code', 'name_th', 'name_en'])
        .where('province_code', '=', provinceCode)
        .orderBy('code')
        .execute();
      return rows.map(toDistrict);
    },

    async findDistrict(code: string): Promise<District | null> {
      const row = await db
        .selectFrom('geo_district')
        .select(['code', 'province_code', 'name_th', 'name_en'])
        .where('code', '=', code)
        .executeTakeFirst();
      return row ? toDistrict(row) : null;
    },

    async listSubdistricts(districtCode: string): Promise<Subdistrict[]> {
      const rows = await db
        .selectFrom('geo_subdistrict')
        .select(['code', 'district_code', 'province_code', 'name_th', 'name_en', 'postcodes'])
        .where('district_code', '=', districtCode)
        .orderBy('code')
        .execute();
      return rows.map(toSubdistrict);
    },

    /** Provinces and districts whose index text holds every term. */
    async searchAreas(
      terms: string[],
      limit: number,
    ): Promise<{ provinces: Province[]; districts: { district: District; province: Province }[] }> {
      if (terms.length === 0) return { provinces: [], districts: [] };
      const provinces = await db
        .selectFrom('geo_province')
        .select(['code', 'name_th', 'name_en'])
        .where((eb) => eb.and(terms.map((term) => eb('search_text', 'like', likePattern(term)))))
        .orderBy('code')
        .limit(limit)
        .execute();
      const districts = await db
        .selectFrom('geo_district as d')
        .innerJoin('geo_province as p', 'p.code', 'd.province_code')
        .select([
          'd.code',
          'd.province_code',
          'd.name_th',
          'd.name_en',
          'p.name_th as province_name_th',
          'p.name_en as province_name_en',
        ])
        .where((eb) => eb.and(terms.map((term) => eb('d.search_text', 'like', likePattern(term)))))
        .orderBy('d.code')
        .limit(limit)
        .execute();
      return {
        provinces: provinces.map(toProvince),
        districts: districts.map((row) => ({
          district: toDistrict(row),
          province: { code: row.province_code, nameTh: row.province_name_th, nameEn: row.province_name_en },
        })),
      };
    },

    /** Subdistricts (with district and province) whose full path holds every term, or with this postcode. */
    async searchSubdistricts(
      filter: { terms?: string[]; postcode?: string; code?: string },
      limit: number,
    ): Promise<SubdistrictWithParents[]> {
      let query = db
        .selectFrom('geo_subdistrict as s')
        .innerJoin('geo_district as d', 'd.code', 's.district_code')
        .innerJoin('geo_province as p', 'p.code', 's.province_code')
        .select([
          's.code',
          's.district_code',
          's.province_code',
          's.name_th',
          's.name_en',
          's.postcodes',
          'd.name_th as district_name_th',
          'd.name_en as district_name_en',
          'p.name_th as province_name_th',
          'p.name_en as province_name_en',
        ]);
      if (filter.postcode) query = query.where(sql<boolean>`s.postcodes @> array[${filter.postcode}]::text[]`);
      if (filter.code) query = query.where('s.code', '=', filter.code);
      if (filter.terms?.length) {
        const terms = filter.terms;
        query = query.where((eb) => eb.and(terms.map((term) => eb('s.search_text', 'like', likePattern(term)))));
      }
      const rows = await query.orderBy('s.code').limit(limit).execute();
      return rows.map((row) => ({
        subdistrict: toSubdistrict(row),
        district: {
          code: row.district_code,
          provinceCode: row.province_code,
          nameTh: row.district_name_th,
          nameEn: row.district_name_en,
        },
        province: { code: row.province_code, nameTh: row.province_name_th, nameEn: row.province_name_en },
      }));
    },

    async counts(): Promise<{ provinces: number; districts: number; subdistricts: number }> {
      const row = await sql<{ provinces: number; districts: number; subdistricts: number }>`
        select (select count(*)::int from geo_province) as provinces,
               (select count(*)::int from geo_district) as districts,
               (select count(*)::int from geo_subdistrict) as subdistricts`.execute(db);
      return row.rows[0] ?? { provinces: 0, districts: 0, subdistricts: 0 };
    },

    /**
     * Makes the tables equal to the reference (package data plus our
     * corrections) when it changed since the last load; one transaction.
     */
    async syncReference(reference: GeographyReference, now: Date): Promise<'unchanged' | 'loaded'> {
      const checksum = createHash('sha256')
        .update(JSON.stringify([reference.provinces, reference.districts, reference.subdistricts]))
        .digest('hex');
      const current = await db
        .selectFrom('reference_data')
        .select('checksum')
        .where('name', '=', REFERENCE_NAME)
        .executeTakeFirst();
      if (current?.checksum === checksum) return 'unchanged';

      const provinceNames = new Map(reference.provinces.map((p) => [p.code, `${p.nameTh}${p.nameEn ?? ''}`]));
      const districtNames = new Map(reference.districts.map((d) => [d.code, `${d.nameTh}${d.nameEn ?? ''}`]));
      await db.transaction().execute(async (trx) => {
        for (const batch of chunk(reference.provinces, BATCH)) {
          await trx
            .insertInto('geo_province')
            .values(
              batch.map((p) => ({
                code: p.code,
                name_th: p.nameTh,
                name_en: p.nameEn,
                search_text: normalizeForSearch(`${p.nameTh} ${p.nameEn ?? ''}`),
              })),
            )
            .onConflict((c) =>
              c.column('code').doUpdateSet((eb) => ({
                name_th: eb.ref('excluded.name_th'),
                name_en: eb.ref('excluded.name_en'),
                search_text: eb.ref('excluded.search_text'),
              })),
            )
            .execute();
        }
        for (const batch of chunk(reference.districts, BATCH)) {
          await trx
            .insertInto('geo_district')
            .values(
              batch.map((d) => ({
                code: d.code,
                province_code: d.provinceCode,
                name_th: d.nameTh,
                name_en: d.nameEn,
                search_text: normalizeForSearch(
                  `${d.nameTh} ${d.nameEn ?? ''} ${provinceNames.get(d.provinceCode) ?? ''}`,
                ),
              })),
            )
            .onConflict((c) =>
              c.column('code').doUpdateSet((eb) => ({
                province_code: eb.ref('excluded.province_code'),
                name_th: eb.ref('excluded.name_th'),
                name_en: eb.ref('excluded.name_en'),
                search_text: eb.ref('excluded.search_text'),
              })),
            )
            .execute();
        }
        for (const batch of chunk(reference.subdistricts, BATCH)) {
          await trx
            .insertInto('geo_subdistrict')
            .values(
              batch.map((s) => ({
                code: s.code,
                district_code: s.districtCode,
                province_code: s.provinceCode,
                name_th: s.nameTh,
                name_en: s.nameEn,
                postcodes: s.postcodes,
                search_text: normalizeForSearch(
                  `${s.nameTh} ${s.nameEn ?? ''} ${districtNames.get(s.districtCode) ?? ''} ${provinceNames.get(s.provinceCode) ?? ''}`,
                ),
              })),
            )
            .onConflict((c) =>
              c.column('code').doUpdateSet((eb) => ({
                district_code: eb.ref('excluded.district_code'),
                province_code: eb.ref('excluded.province_code'),
                name_th: eb.ref('excluded.name_th'),
                name_en: eb.ref('excluded.name_en'),
                postcodes: eb.ref('excluded.postcodes'),
                search_text: eb.ref('excluded.search_text'),
              })),
            )
            .execute();
        }
        // Codes the reference no longer has go; if anything still points at
        // one, the foreign key stops the load and the operator is told.
        const subdistrictCodes = reference.subdistricts.map((s) => s.code);
        const districtCodes = reference.districts.map((d) => d.code);
        const provinceCodes = reference.provinces.map((p) => p.code);
        await trx.deleteFrom('geo_subdistrict').where('code', 'not in', subdistrictCodes).execute();
        await trx.deleteFrom('geo_district').where('code', 'not in', districtCodes).execute();
        await trx.deleteFrom('geo_province').where('code', 'not in', provinceCodes).execute();
        await trx
          .insertInto('reference_data')
          .values({ name: REFERENCE_NAME, checksum, loaded_at: now })
          .onConflict((c) => c.column('name').doUpdateSet({ checksum, loaded_at: now }))
          .execute();
      });
      return 'loaded';
    },
  };
}

export type GeographyRepository = ReturnType<typeof createGeographyRepository>;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toProvince(row: { code: string; name_th: string; name_en: string | null }): Province {
  return { code: row.code, nameTh: row.name_th, nameEn: row.name_en };
}
function toDistrict(row: { code: string; province_code: string; name_th: string; name_en: string | null }): District {
  return { code: row.code, provinceCode: row.province_code, nameTh: row.name_th, nameEn: row.name_en };
}
function toSubdistrict(row: {
  code: string;
  district_code: string;
  province_code: string;
  name_th: string;
  name_en: string | null;
  postcodes: string[];
}): Subdistrict {
  return {
    code: row.code,
    districtCode: row.district_code,
    provinceCode: row.province_code,
    nameTh: row.name_th,
    nameEn: row.name_en,
    postcodes: row.postcodes,
  };
}
