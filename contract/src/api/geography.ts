import { z } from 'zod';

export const ProvinceCode = z.string().regex(/^\d{2}$/, 'two digits');
export const DistrictCode = z.string().regex(/^\d{4}$/, 'four digits');

export const Province = z
  .object({
    code: z.string(),
    nameTh: z.string(),
    nameEn: z.string().nullable(),
  })
  .meta({ id: 'Province' });
export type Province = z.infer<typeof Province>;

export const District = z
  .object({
    code: z.string(),
    provinceCode: z.string(),
    nameTh: z.string(),
    nameEn: z.string().nullable(),
  })
  .meta({ id: 'District' });
export type District = z.infer<typeof District>;

export const Subdistrict = z
  .object({
    code: z.string(),
    districtCode: z.string(),
    provinceCode: z.string(),
    nameTh: z.string(),
    nameEn: z.string().nullable(),
    postcodes: z.array(z.string()),
  })
  .meta({ id: 'Subdistrict' });
export type Subdistrict = z.infer<typeof Subdistrict>;

/** One place found by a search: a subdistrict with its district and province. */
export const PlaceMatch = z
  .object({
    level: z.enum(['province', 'district', 'subdistrict']),
    code: z.string(),
    province: Province,
    district: District.nullable(),
    subdistrict: Subdistrict.nullable(),
    /** Thai label, e.g. "ต.บ้านโป่ง อ.บ้านโป่ง จ.ราชบุรี 70110". */
    labelTh: z.string(),
    labelEn: z.string(),
  })
  .meta({ id: 'PlaceMatch' });
export type PlaceMatch = z.infer<typeof PlaceMatch>;

export const GeographySearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ListResponse = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
