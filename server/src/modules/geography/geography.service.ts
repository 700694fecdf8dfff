import { toAsciiDigits, type District, type PlaceMatch, type Province, type Subdistrict } from '@oscc/contract';
import { AppError } from '../../platform/http/app-error.ts';
import type { GeographyRepository } from './geography.repository.ts';
import { normalizeForSearch, searchTerms } from './search-text.ts';

const BANGKOK = '10';

export function createGeographyService({ geography }: { geography: GeographyRepository }) {
  return {
    listProvinces: () => geography.listProvinces(),

    async listDistricts(provinceCode: string): Promise<District[]> {
      if (!(await geography.findProvince(provinceCode))) throw new AppError('NOT_FOUND');
      return geography.listDistricts(provinceCode);
    },

    async listSubdistricts(districtCode: string): Promise<Subdistrict[]> {
      if (!(await geography.findDistrict(districtCode))) throw new AppError('NOT_FOUND');
      return geography.listSubdistricts(districtCode);
    },

    /**
     * One search box for every level: a postcode ("70110", "๗๐๑๑๐"), a code
     * ("38", "3801", "380101") or names in Thai or English, with or without
     * spaces ("บ้านโป่งราชบุรี"). Best matches first: a name equal to the
     * query, then one starting with it, then the rest; larger areas first.
     */
    async search(query: string, limit: number): Promise<PlaceMatch[]> {
      const compact = toAsciiDigits(query).replace(/\s+/g, '');
      if (/^\d{5}$/.test(compact)) {
        const rows = await geography.searchSubdistricts({ postcode: compact }, limit);
        return rows.map((row) => subdistrictMatch(row.subdistrict, row.district, row.province));
      }
      if (/^\d{2}$/.test(compact) || /^\d{4}$/.test(compact) || /^\d{6}$/.test(compact)) {
        return searchByCode(compact);
      }
      const terms = searchTerms(query);
      if (terms.length === 0) return [];
      const [areas, subdistricts] = await Promise.all([
        geography.searchAreas(terms, 100),
        geography.searchSubdistricts({ terms }, 200),
      ]);
      const wanted = normalizeForSearch(query);
      const candidates: { match: PlaceMatch; rank: number }[] = [
        ...areas.provinces.map((p) => ({ match: provinceMatch(p), rank: rankName(wanted, [p.nameTh, p.nameEn]) })),
        ...areas.districts.map(({ district, province }) => ({
          match: districtMatch(district, province),
          rank: rankName(wanted, [district.nameTh, district.nameEn], [province]) + 0.1,
        })),
        ...subdistricts.map((row) => ({
          match: subdistrictMatch(row.subdistrict, row.district, row.province),
          rank: rankName(wanted, [row.subdistrict.nameTh, row.subdistrict.nameEn], [row.district, row.province]) + 0.2,
        })),
      ];
      candidates.sort((a, b) => a.rank - b.rank || a.match.code.localeCompare(b.match.code));
      return candidates.slice(0, limit).map((candidate) => candidate.match);
    },
  };

  async function searchByCode(code: string): Promise<PlaceMatch[]> {
    if (code.length === 2) {
      const province = await geography.findProvince(code);
      return province ? [provinceMatch(province)] : [];
    }
    if (code.length === 4) {
      const district = await geography.findDistrict(code);
      const province = district ? await geography.findProvince(district.provinceCode) : null;
      return district && province ? [districtMatch(district, province)] : [];
    }
    const rows = await geography.searchSubdistricts({ code }, 1);
    return rows.map((row) => subdistrictMatch(row.subdistrict, row.district, row.province));
  }
}

export type GeographyService = ReturnType<typeof createGeographyService>;

/** 0: the name is the query; 1: starts with it; 2: contains it; 3: the name plus its parents match. */
function rankName(
  wanted: string,
  names: (string | null)[],
  parents: { nameTh: string; nameEn: string | null }[] = [],
): number {
  const folded = names.filter((n): n is string => !!n).map(normalizeForSearch);
  if (folded.some((name) => name === wanted)) return 0;
  if (folded.some((name) => name.startsWith(wanted))) return 1;
  if (folded.some((name) => name.includes(wanted))) return 2;
  const withParents = normalizeForSearch([names[0], ...parents.map((p) => p.nameTh)].join(' '));
  if (withParents.startsWith(wanted)) return 2.5;
  return 3;
}

function provinceMatch(province: Province): PlaceMatch {
  return {
    level: 'province',
    code: province.code,
    province,
    district: null,
    subdistrict: null,
    labelTh: province.code === BANGKOK ? province.nameTh : `จังหวัด${province.nameTh}`,
    labelEn: province.nameEn ?? province.nameTh,
  };
}

function districtMatch(district: District, province: Province): PlaceMatch {
  const isBangkok = province.code === BANGKOK;
  return {
    level: 'district',
    code: district.code,
    province,
    district,
    subdistrict: null,
    labelTh: `${isBangkok ? 'เขต' : 'อำเภอ'}${district.nameTh} ${isBangkok ? province.nameTh : `จังหวัด${province.nameTh}`}`,
    labelEn: `${district.nameEn ?? district.nameTh}, ${province.nameEn ?? province.nameTh}`,
  };
}

function subdistrictMatch(subdistrict: Subdistrict, district: District, province: Province): PlaceMatch {
  const isBangkok = province.code === BANGKOK;
  const postcodes = subdistrict.postcodes.join(', ');
  return {
    level: 'subdistrict',
    code: subdistrict.code,
    province,
    district,
    subdistrict,
    labelTh: `${isBangkok ? 'แขวง' : 'ตำบล'}${subdistrict.nameTh} ${isBangkok ? 'เขต' : 'อำเภอ'}${district.nameTh} ${
      isBangkok ? province.nameTh : `จังหวัด${province.nameTh}`
    } ${postcodes}`.trim(),
    labelEn:
      `${subdistrict.nameEn ?? subdistrict.nameTh}, ${district.nameEn ?? district.nameTh}, ${province.nameEn ?? province.nameTh} ${postcodes}`.trim(),
  };
}
