import type { LocalizedText } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { parseSteps } from '../../platform/db/stored-steps.ts';

export interface Named {
  nameTh: string;
  nameEn: string | null;
}

/** Names of the things reports group by, read once per report. */
export async function problemNames(db: Kysely<Database>): Promise<Map<string, Named>> {
  const rows = await db
    .selectFrom('problem_type')
    .select(['code', 'name_th', 'name_en'])
    .orderBy('sort_order')
    .execute();
  return new Map(rows.map((row) => [row.code, { nameTh: row.name_th, nameEn: row.name_en }]));
}

export async function ministryNames(db: Kysely<Database>): Promise<Map<string, Named>> {
  const rows = await db
    .selectFrom('agency')
    .select(['id', 'name_th', 'name_en'])
    .where('parent_id', 'is', null)
    .execute();
  return new Map(rows.map((row) => [row.id, { nameTh: row.name_th, nameEn: row.name_en }]));
}

export async function provinceNames(db: Kysely<Database>): Promise<Map<string, Named>> {
  const rows = await db.selectFrom('geo_province').select(['code', 'name_th', 'name_en']).orderBy('code').execute();
  return new Map(rows.map((row) => [row.code, { nameTh: row.name_th, nameEn: row.name_en }]));
}

export async function unitNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, Named>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('unit').select(['id', 'name_th', 'name_en']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, { nameTh: row.name_th, nameEn: row.name_en }]));
}

/** Every step code any procedure version uses, with its latest name. */
export async function stepNames(db: Kysely<Database>): Promise<Map<string, LocalizedText>> {
  const rows = await db.selectFrom('procedure_version').select(['steps']).orderBy('created_at').execute();
  const names = new Map<string, LocalizedText>();
  for (const row of rows)
    for (const step of parseSteps(row.steps)) names.set(step.code, { th: step.nameTh, en: step.nameEn });
  names.set('first_contact', { th: 'ติดต่อผู้ประสบปัญหาครั้งแรกภายใน 24 ชั่วโมง', en: 'First contact within 24 hours' });
  names.set('referral', { th: 'ตอบรับการส่งต่อ', en: 'Answer to a referral' });
  return names;
}
