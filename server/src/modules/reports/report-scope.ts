import type { Action, LocalizedText } from '@oscc/contract';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { scopeFilter, type Principal } from '../../platform/authorization/scope.ts';

/**
 * Whose cases a viewer's reports count: the same permission rules as
 * everything else (`reports.read` or `reports.export`), compiled to SQL for
 * the per-case rows, the monthly sums and the contacts.
 */
export interface ReportScope {
  /** Over `case_report r`. */
  cases: Expression<SqlBool>;
  /** Over `case_report_month` / `case_report_delta` (no unit there); null when a rule needs the unit. */
  months: Expression<SqlBool> | null;
  /** Over `intake_contact c` joined to its receiving unit `u` and that unit's agency `a`; null when nationwide. */
  contacts: Expression<SqlBool> | null;
  /** Over `contact_report_delta` (the taking unit's province and ministry); null when a rule needs the unit. */
  contactsDelta: Expression<SqlBool> | null;
  nationwide: boolean;
  /**
   * The viewer's scope as one key of the sums per scope — 'nation',
   * 'ministry:<id>' or 'province:<code>' — or null when it is a unit, or
   * several areas at once (then figures are counted from the rows).
   */
  key: string | null;
  label: LocalizedText;
}

const NATIONWIDE: LocalizedText = { th: 'ทั่วประเทศ', en: 'Nationwide' };

function grantsFor(actor: Principal, action: Action) {
  return actor.grants.filter((grant) => grant.action === action);
}

export async function reportScope(db: Kysely<Database>, actor: Principal, action: Action): Promise<ReportScope> {
  const grants = grantsFor(actor, action);
  const nationwide = grants.some((grant) =>
    grant.conditions.some(
      (alternative) =>
        alternative.length > 0 &&
        alternative.every(
          (condition) => condition === 'everywhere' || (condition === 'in_scope' && grant.scope.level === 'nation'),
        ),
    ),
  );
  const needsUnit = grants.some((grant) =>
    grant.conditions.some((alternative) =>
      alternative.some(
        (condition) => condition === 'own_unit' || (condition === 'in_scope' && grant.scope.level === 'unit'),
      ),
    ),
  );
  const cases = scopeFilter(actor, action, {
    unitId: sql.ref('r.unit_id'),
    provinceCode: sql.ref('r.province_code'),
    ministryId: sql.ref('r.ministry_id'),
  });
  const months = needsUnit
    ? null
    : scopeFilter(actor, action, {
        unitId: sql<string | null>`null::uuid`,
        provinceCode: sql.ref('province_code'),
        ministryId: sql.ref('ministry_id'),
      });
  const contacts = nationwide
    ? null
    : scopeFilter(actor, action, {
        unitId: sql.ref('c.receiving_unit_id'),
        provinceCode: sql.ref('u.province_code'),
        ministryId: sql.ref('a.root_id'),
      });
  return {
    cases,
    months,
    contacts,
    contactsDelta: months,
    nationwide,
    key: nationwide ? 'nation' : singleScope(grants),
    label: nationwide ? NATIONWIDE : await scopeLabel(db, actor, action),
  };
}

/** 'ministry:<id>' or 'province:<code>' when every rule reaches exactly that one area, else null. */
function singleScope(grants: ReturnType<typeof grantsFor>): string | null {
  const keys = new Set<string>();
  for (const grant of grants)
    for (const alternative of grant.conditions) {
      if (alternative.length !== 1 || alternative[0] !== 'in_scope') return null;
      if (grant.scope.level === 'ministry' && grant.scope.agencyId) keys.add(`ministry:${grant.scope.agencyId}`);
      else if (grant.scope.level === 'province' && grant.scope.provinceCode)
        keys.add(`province:${grant.scope.provinceCode}`);
      else return null;
    }
  return keys.size === 1 ? [...keys][0]! : null;
}

/** The viewer's areas in words: "จังหวัดราชบุรี", "กระทรวงการพัฒนาสังคมฯ", a unit's name — joined. */
async function scopeLabel(db: Kysely<Database>, actor: Principal, action: Action): Promise<LocalizedText> {
  const th: string[] = [];
  const en: string[] = [];
  const seen = new Set<string>();
  for (const grant of grantsFor(actor, action)) {
    const { level, provinceCode, agencyId } = grant.scope;
    const unitId = grant.conditions.some((alternative) => alternative.includes('own_unit'))
      ? actor.unitId
      : grant.scope.unitId;
    const key = `${level}:${provinceCode ?? agencyId ?? unitId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (level === 'province' && provinceCode) {
      const province = await db
        .selectFrom('geo_province')
        .select(['name_th', 'name_en'])
        .where('code', '=', provinceCode)
        .executeTakeFirst();
      if (province) {
        th.push(`จังหวัด${province.name_th}`);
        en.push(`${province.name_en ?? province.name_th} province`);
      }
    } else if (level === 'ministry' && agencyId) {
      const agency = await db
        .selectFrom('agency')
        .select(['name_th', 'name_en'])
        .where('id', '=', agencyId)
        .executeTakeFirst();
      if (agency) {
        th.push(agency.name_th);
        en.push(agency.name_en ?? agency.name_th);
      }
    } else if (unitId) {
      const unit = await db
        .selectFrom('unit')
        .select(['name_th', 'name_en'])
        .where('id', '=', unitId)
        .executeTakeFirst();
      if (unit) {
        th.push(unit.name_th);
        en.push(unit.name_en ?? unit.name_th);
      }
    }
  }
  return th.length ? { th: th.join(', '), en: en.join(', ') } : { th: 'ไม่มีข้อมูลในขอบเขต', en: 'Nothing in scope' };
}
