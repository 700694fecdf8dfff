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
  /** The ministry at the top of this agency's branch (itself for a ministry). */
  root_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  /** '/<ministry id>/…/<own id>/': the branch of the tree, for subtree queries of any depth. */
  path: string | null;
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
  postcode: string | null;
  phone: string | null;
  email: string | null;
  search_text: Generated<string>;
  version: Generated<number>;
  office_hours: ColumnType<unknown, string | null, string | null>;
  deactivated_at: Date | null;
}

export interface UnitAreaTable {
  unit_id: string;
  level: 'province' | 'district' | 'subdistrict';
  code: string;
  province_code: string;
}

export interface ProblemTypeTable {
  code: string;
  name_th: string;
  name_en: string;
  urgent: Generated<boolean>;
  lead_agency_code: string | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}

export interface UnitProblemTypeTable {
  unit_id: string;
  problem_type_code: string;
}

export interface OrganisationTables {
  agency: AgencyTable;
  unit: UnitTable;
  unit_area: UnitAreaTable;
  problem_type: ProblemTypeTable;
  unit_problem_type: UnitProblemTypeTable;
}
