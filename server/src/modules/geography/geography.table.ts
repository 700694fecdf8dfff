export interface GeoProvinceTable {
  code: string;
  name_th: string;
  name_en: string | null;
  search_text: string;
}

export interface GeoDistrictTable {
  code: string;
  province_code: string;
  name_th: string;
  name_en: string | null;
  search_text: string;
}

export interface GeoSubdistrictTable {
  code: string;
  district_code: string;
  province_code: string;
  name_th: string;
  name_en: string | null;
  postcodes: string[];
  search_text: string;
}

export interface ReferenceDataTable {
  name: string;
  checksum: string;
  loaded_at: Date;
}

export interface GeographyTables {
  reference_data: ReferenceDataTable;
  geo_province: GeoProvinceTable;
  geo_district: GeoDistrictTable;
  geo_subdistrict: GeoSubdistrictTable;
}
