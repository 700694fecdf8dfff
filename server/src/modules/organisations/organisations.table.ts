import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AgencyTable {
  id: Generated<string>;
  parent_id: string | null;
  code: string;
  abbr_th: string | null;
  name_th: string;
  name_en: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UnitTable {
  id: Generated<string>;
  agency_id: string;
  parent_unit_id: string | null;
  code: string;
  type: string;
  name_th: string;
  name_en: string | null;
  province_code: string | null;
  district_code: string | null;
  subdistrict_code: string | null;
  address: string | null;
  open_24_hours: Generated<boolean>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OrganisationTables {
  agency: AgencyTable;
  unit: UnitTable;
}
