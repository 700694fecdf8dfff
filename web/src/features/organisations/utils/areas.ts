import type { AreaLevel, UnitArea } from '@oscc/contract';

/** One piece of an area of responsibility, as the editor shows it: the code and the place's own name. */
export type AreaEntry = UnitArea;

export type AddAreaOutcome =
  | { kind: 'added'; areas: AreaEntry[]; added: AreaEntry; replaced: AreaEntry[] }
  | { kind: 'duplicate'; areas: AreaEntry[]; existing: AreaEntry }
  | { kind: 'covered'; areas: AreaEntry[]; coveredBy: AreaEntry };

const byCode = (a: AreaEntry, b: AreaEntry) => a.code.localeCompare(b.code);

/** Whether `outer` (a province or district) contains `inner`: geography codes nest by prefix. */
export function isWithin(inner: string, outer: string): boolean {
  return inner.length > outer.length && inner.startsWith(outer);
}

/**
 * Adds a place to an area of responsibility. A place already inside one on the list changes nothing (the
 * province already covers its districts); a wider place replaces the narrower ones it contains. The list stays
 * sorted by code, so a province is followed by what lies in it.
 */
export function addArea(areas: readonly AreaEntry[], entry: AreaEntry): AddAreaOutcome {
  const existing = areas.find((area) => area.code === entry.code);
  if (existing) return { kind: 'duplicate', areas: [...areas], existing };
  const coveredBy = areas.find((area) => isWithin(entry.code, area.code));
  if (coveredBy) return { kind: 'covered', areas: [...areas], coveredBy };
  const replaced = areas.filter((area) => isWithin(area.code, entry.code));
  const kept = areas.filter((area) => !isWithin(area.code, entry.code));
  return { kind: 'added', areas: [...kept, entry].sort(byCode), added: entry, replaced };
}

export function removeArea(areas: readonly AreaEntry[], code: string): AreaEntry[] {
  return areas.filter((area) => area.code !== code);
}

/** Removes a province and everything listed inside it. */
export function removeProvince(areas: readonly AreaEntry[], provinceCode: string): AreaEntry[] {
  return areas.filter((area) => area.code.slice(0, 2) !== provinceCode);
}

export function areaCodes(areas: readonly AreaEntry[]): string[] {
  return areas.map((area) => area.code);
}

export interface ProvinceGroup {
  provinceCode: string;
  /** The whole province is on the list itself. */
  isWholeProvince: boolean;
  entries: AreaEntry[];
}

/** The areas grouped by province (in code order), for a list that stays readable with hundreds of places. */
export function groupAreasByProvince(areas: readonly AreaEntry[]): ProvinceGroup[] {
  const groups = new Map<string, ProvinceGroup>();
  for (const area of [...areas].sort(byCode)) {
    const provinceCode = area.code.slice(0, 2);
    const group = groups.get(provinceCode) ?? { provinceCode, isWholeProvince: false, entries: [] };
    if (area.level === 'province') group.isWholeProvince = true;
    else group.entries.push(area);
    groups.set(provinceCode, group);
  }
  return [...groups.values()];
}

/** The areas whose name or code contains the text typed (Thai or English, spaces ignored). */
export function filterAreas(areas: readonly AreaEntry[], text: string): AreaEntry[] {
  const needle = text.replace(/\s+/g, '').toLowerCase();
  if (!needle) return [...areas];
  return areas.filter((area) =>
    [area.code, area.nameTh, area.nameEn ?? ''].some((value) =>
      value.replace(/\s+/g, '').toLowerCase().includes(needle),
    ),
  );
}

/** The level of the most precise place chosen in a province → district → subdistrict picker. */
export function pickedArea(picked: {
  province: { code: string; nameTh: string; nameEn: string | null } | null;
  district: { code: string; nameTh: string; nameEn: string | null } | null;
  subdistrict: { code: string; nameTh: string; nameEn: string | null } | null;
}): AreaEntry | null {
  const levels: [AreaLevel, typeof picked.province][] = [
    ['subdistrict', picked.subdistrict],
    ['district', picked.district],
    ['province', picked.province],
  ];
  for (const [level, place] of levels) {
    if (place) return { level, code: place.code, nameTh: place.nameTh, nameEn: place.nameEn };
  }
  return null;
}
