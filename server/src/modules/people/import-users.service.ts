import type { UnitType } from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit, recordAudits } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { isAllowed, type Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { normalizeForSearch } from '../geography/index.ts';
import { randomBytes } from 'node:crypto';
import { hashToken } from '../identity/index.ts';
import { parseFrontLine1Csv, parseFrontLine1Workbook, type FrontLine1Row } from './front-line-1/parse-front-line-1.ts';
import { addressNameTh, invitationEmail, setPasswordLink } from './people.mail.ts';
import { userSearchText } from './people.repository.ts';

/** What the import would do (dry run) or did (apply), row by row, in Thai and English. */
export interface ImportRowReport {
  sheet: string;
  rowNumber: number;
  email: string | null;
  nameTh: string;
  action: 'create' | 'update' | 'unchanged' | 'error';
  unit: { name: string; action: 'existing' | 'create' } | null;
  changes: string[];
  problems: { column: string; code: string; th: string; en: string; value: string }[];
}

export interface ImportReport {
  applied: boolean;
  sheets: {
    name: string;
    form: string;
    placeName: string | null;
    rows: number;
    problems: { code: string; th: string; en: string }[];
  }[];
  rows: ImportRowReport[];
  summary: { create: number; update: number; unchanged: number; error: number; unitsToCreate: number };
}

const FIELD_COLUMNS = {
  title_th: 'titleTh',
  first_name_th: 'firstNameTh',
  last_name_th: 'lastNameTh',
  first_name_en: 'firstNameEn',
  last_name_en: 'lastNameEn',
  position: 'position',
  birth_date: 'birthDate',
  gender: 'gender',
  mobile: 'mobile',
} as const;

function unitTypeFromName(name: string): UnitType {
  if (/^(องค์การบริหารส่วนตำบล|อบต\.?)/.test(name)) return 'subdistrict_administrative_organisation';
  if (/^เทศบาล/.test(name)) return 'municipality';
  if (/^สำนักงานส่งเสริมการปกครองท้องถิ่น/.test(name)) return 'provincial_local_administration';
  if (/โรงเรียน/.test(name)) return 'school';
  return 'other';
}

const stripLevel = (text: string | null) =>
  (text ?? '').replace(/^(จังหวัด|จ\.|อำเภอ|อ\.|เขต|ตำบล|ต\.|แขวง)\s*/, '').trim();

/**
 * Imports the Front Line 1 workbook: parses it, plans every row (create,
 * update, unchanged, error — users matched by e-mail, units by name within
 * the province, created where missing), and on `apply` carries the plan out
 * in one transaction: units, users, their unit-officer role, supervisor
 * links, invitation links and e-mails, audit. Re-importing the same file
 * changes nothing.
 */
export function createUserImportService({
  db,
  clock,
  appUrl,
  invitationTtlHours,
  onEmailQueued,
}: {
  db: Kysely<Database>;
  clock: Clock;
  appUrl: string;
  invitationTtlHours: number;
  onEmailQueued?: () => void;
}) {
  return {
    async importFile(
      actor: Principal,
      file: { name: string; content: Buffer },
      options: {
        apply: boolean;
        agencyCode?: string;
        requestId?: string | null;
        /** null for the operator's console (the CLI) */ auditActorId?: string | null;
      },
    ): Promise<ImportReport> {
      const now = clock.now();
      let workbook: Awaited<ReturnType<typeof parseFrontLine1Workbook>>;
      try {
        workbook = /\.csv$/i.test(file.name)
          ? parseFrontLine1Csv(file.content.toString('utf8'), { today: now })
          : await parseFrontLine1Workbook(file.content, { today: now });
      } catch {
        // Not a workbook at all (a renamed file, a broken download): the sender's mistake, said plainly.
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body',
              code: 'unreadable_file',
              message: 'อ่านไฟล์ไม่ได้ กรุณาส่งไฟล์ .xlsx หรือ .csv / Cannot read the file: send .xlsx or .csv',
            },
          ],
        });
      }

      const provinces = await db.selectFrom('geo_province').select(['code', 'name_th']).execute();
      const provinceByName = new Map(provinces.map((p) => [normalizeForSearch(p.name_th), p.code]));
      const agency = await db
        .selectFrom('agency')
        .select(['id', 'root_id'])
        .where('code', '=', options.agencyCode ?? 'MOI-DLA')
        .executeTakeFirst();

      const rows = workbook.sheets.flatMap((sheet) =>
        sheet.problems.length ? [] : sheet.rows.map((row) => ({ row, placeName: sheet.placeName })),
      );
      const emails = rows.map(({ row }) => row.email).filter((email): email is string => !!email);
      const existingUsers = new Map<string, Record<string, unknown> & { id: string; email: string }>();
      for (let i = 0; i < emails.length; i += 1000) {
        const found = await db
          .selectFrom('app_user')
          .selectAll()
          .where('email', 'in', emails.slice(i, i + 1000))
          .execute();
        for (const user of found)
          existingUsers.set(user.email, user as unknown as Record<string, unknown> & { id: string; email: string });
      }
      const districts = await db.selectFrom('geo_district').select(['code', 'province_code', 'name_th']).execute();
      const units = await db
        .selectFrom('unit')
        .innerJoin('agency', 'agency.id', 'unit.agency_id')
        .select(['unit.id', 'unit.name_th', 'unit.province_code', 'agency.root_id'])
        .execute();
      const unitKey = (name: string, provinceCode: string | null) =>
        `${provinceCode ?? ''}|${normalizeForSearch(name)}`;
      const unitByKey = new Map(units.map((u) => [unitKey(u.name_th, u.province_code), u]));
      const unitsToCreate = new Map<
        string,
        {
          name: string;
          provinceCode: string | null;
          districtCode: string | null;
          address: string | null;
          postcode: string | null;
        }
      >();

      const reports: ImportRowReport[] = [];
      const plan: {
        row: FrontLine1Row;
        report: ImportRowReport;
        unitKey: string;
        existing: (Record<string, unknown> & { id: string }) | null;
        updates: Record<string, unknown>;
      }[] = [];
      for (const { row, placeName } of rows) {
        const nameTh = `${row.titleTh ?? ''}${row.firstNameTh ?? ''} ${row.lastNameTh ?? ''}`.trim();
        const report: ImportRowReport = {
          sheet: row.sheet,
          rowNumber: row.rowNumber,
          email: row.email,
          nameTh,
          action: 'error',
          unit: null,
          changes: [],
          problems: row.problems.map(({ column, code, th, en, value }) => ({ column, code, th, en, value })),
        };
        reports.push(report);
        const provinceName = stripLevel(row.unit.province) || stripLevel(placeName);
        const provinceCode = provinceByName.get(normalizeForSearch(provinceName)) ?? null;
        if (!provinceCode && row.unit.name) {
          report.problems.push({
            column: 'จังหวัด',
            code: 'PROVINCE_UNKNOWN',
            th: `ไม่รู้จักจังหวัด "${provinceName}"`,
            en: `Unknown province "${provinceName}"`,
            value: provinceName,
          });
        }
        if (report.problems.length || !row.email || !row.unit.name) continue;
        const key = unitKey(row.unit.name, provinceCode);
        const existingUnit = unitByKey.get(key);
        const districtName = stripLevel(row.unit.district);
        const districtCode =
          districts.find(
            (d) =>
              d.province_code === provinceCode && normalizeForSearch(d.name_th) === normalizeForSearch(districtName),
          )?.code ?? null;
        const target = existingUnit
          ? { unitId: existingUnit.id, provinceCode: existingUnit.province_code, ministryId: existingUnit.root_id }
          : { unitId: null, provinceCode, ministryId: agency?.root_id ?? null };
        if (!isAllowed(actor, 'users.import', target)) {
          report.problems.push({
            column: 'ชื่อหน่วยงาน',
            code: 'OUTSIDE_SCOPE',
            th: 'หน่วยงานนี้อยู่นอกขอบเขตที่คุณนำเข้าได้',
            en: 'This unit is outside the scope you may import into',
            value: row.unit.name ?? '',
          });
          continue;
        }
        if (!existingUnit && !agency) {
          report.problems.push({
            column: 'ชื่อหน่วยงาน',
            code: 'UNIT_UNKNOWN',
            th: 'ไม่พบหน่วยงานนี้ในระบบ',
            en: 'This unit is not in the system',
            value: row.unit.name ?? '',
          });
          continue;
        }
        if (!existingUnit && !unitsToCreate.has(key)) {
          unitsToCreate.set(key, {
            name: row.unit.name,
            provinceCode,
            districtCode,
            address: row.unit.address,
            postcode: row.unit.postcode,
          });
        }
        report.unit = { name: row.unit.name, action: existingUnit ? 'existing' : 'create' };
        const existing = existingUsers.get(row.email) ?? null;
        const updates: Record<string, unknown> = {};
        if (existing) {
          for (const [column, field] of Object.entries(FIELD_COLUMNS)) {
            const value = row[field] ?? null;
            if (value !== null && value !== (existing[column] ?? null)) updates[column] = value;
          }
          if (existingUnit && existing.unit_id !== existingUnit.id) updates.unit_id = existingUnit.id;
        }
        report.changes = Object.keys(updates);
        report.action = existing ? (report.changes.length ? 'update' : 'unchanged') : 'create';
        plan.push({ row, report, unitKey: key, existing, updates });
      }
      const summary = {
        create: reports.filter((r) => r.action === 'create').length,
        update: reports.filter((r) => r.action === 'update').length,
        unchanged: reports.filter((r) => r.action === 'unchanged').length,
        error: reports.filter((r) => r.action === 'error').length,
        unitsToCreate: unitsToCreate.size,
      };
      const sheets = workbook.sheets.map((sheet) => ({
        name: sheet.name,
        form: sheet.form,
        placeName: sheet.placeName,
        rows: sheet.rows.length,
        problems: sheet.problems.map(({ code, th, en }) => ({ code, th, en })),
      }));
      if (!options.apply || (summary.create === 0 && summary.update === 0))
        return { applied: false, sheets, rows: reports, summary };

      await db.transaction().execute(async (trx) => {
        const auditActorId = options.auditActorId === undefined ? actor.userId : options.auditActorId;
        const audit = { actorUserId: auditActorId, requestId: options.requestId ?? null, now };
        const unitIds = new Map<string, string>(
          plan.flatMap((p) =>
            unitByKey.get(p.unitKey) ? [[p.unitKey, unitByKey.get(p.unitKey)!.id] as [string, string]] : [],
          ),
        );
        let counter = (
          await trx
            .selectFrom('unit')
            .select(sql<number>`count(*)::int`.as('n'))
            .executeTakeFirstOrThrow()
        ).n;
        for (const [key, unit] of unitsToCreate) {
          counter += 1;
          const created = await trx
            .insertInto('unit')
            .values({
              agency_id: agency!.id,
              code: `FL1-${unit.provinceCode ?? 'XX'}-${String(counter).padStart(6, '0')}`,
              type: unitTypeFromName(unit.name),
              name_th: unit.name,
              province_code: unit.provinceCode,
              district_code: unit.districtCode,
              address: unit.address,
              postcode: unit.postcode,
              parent_unit_id: null,
              subdistrict_code: null,
              name_en: null,
              search_text: normalizeForSearch(unit.name),
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          unitIds.set(key, created.id);
          await recordAudit(trx, audit, {
            action: 'unit.create',
            entityType: 'unit',
            entityId: created.id,
            after: { ...unit, source: file.name },
          });
        }
        const creates = plan.filter((p) => p.report.action === 'create');
        const newIds = new Map<string, string>();
        for (let i = 0; i < creates.length; i += 500) {
          const batch = creates.slice(i, i + 500);
          const inserted = await trx
            .insertInto('app_user')
            .values(
              batch.map(({ row, unitKey: key }) => ({
                email: row.email!,
                password_hash: null,
                title_th: row.titleTh,
                first_name_th: row.firstNameTh!,
                last_name_th: row.lastNameTh!,
                first_name_en: row.firstNameEn,
                last_name_en: row.lastNameEn,
                position: row.position,
                unit_id: unitIds.get(key)!,
                birth_date: row.birthDate,
                gender: row.gender,
                mobile: row.mobile,
                invited_at: now,
                search_text: userSearchText({
                  email: row.email!,
                  firstNameTh: row.firstNameTh!,
                  lastNameTh: row.lastNameTh!,
                  firstNameEn: row.firstNameEn,
                  lastNameEn: row.lastNameEn,
                }),
                created_at: now,
                updated_at: now,
              })),
            )
            .returning(['id', 'email'])
            .execute();
          for (const user of inserted) newIds.set(user.email, user.id);
          await trx
            .insertInto('user_role')
            .values(
              batch.map(({ row, unitKey: key }) => ({
                user_id: newIds.get(row.email!)!,
                role_code: 'unit_officer' as const,
                scope_level: 'unit' as const,
                scope_unit_id: unitIds.get(key)!,
                scope_province_code: null,
                scope_agency_id: null,
              })),
            )
            .execute();
          // New people have no earlier links: their tokens and e-mails go in as one batch each.
          const expiresAt = new Date(now.getTime() + invitationTtlHours * 3_600_000);
          const invitations = batch.map(({ row }) => ({
            row,
            userId: newIds.get(row.email!)!,
            token: randomBytes(32).toString('base64url'),
          }));
          await trx
            .insertInto('user_token')
            .values(
              invitations.map((i) => ({
                token_hash: hashToken(i.token),
                user_id: i.userId,
                purpose: 'invitation' as const,
                created_at: now,
                expires_at: expiresAt,
              })),
            )
            .execute();
          await trx
            .insertInto('outbound_email')
            .values(
              invitations.map(({ row, token }) => {
                const email = invitationEmail({
                  to: row.email!,
                  nameTh: addressNameTh({
                    titleTh: row.titleTh,
                    firstNameTh: row.firstNameTh!,
                    lastNameTh: row.lastNameTh!,
                  }),
                  link: setPasswordLink(appUrl, token, 'invitation'),
                  expiresAt,
                });
                return {
                  created_at: now,
                  to_address: email.to,
                  subject: email.subject,
                  text_body: email.text,
                  html_body: null,
                  next_attempt_at: now,
                };
              }),
            )
            .execute();
          await recordAudits(
            trx,
            audit,
            batch.map(({ row }) => ({
              action: 'user.import',
              entityType: 'user',
              entityId: newIds.get(row.email!)!,
              after: { email: row.email, sheet: row.sheet, rowNumber: row.rowNumber, source: file.name },
            })),
          );
        }
        for (const { existing, updates } of plan.filter((p) => p.report.action === 'update')) {
          await trx
            .updateTable('app_user')
            .set({ ...updates, version: sql`version + 1`, updated_at: now })
            .where('id', '=', existing!.id)
            .execute();
          await recordAudit(trx, audit, {
            action: 'user.import-update',
            entityType: 'user',
            entityId: existing!.id,
            before: Object.fromEntries(Object.keys(updates).map((k) => [k, existing![k]])),
            after: updates,
          });
        }
        // The supervisor column names a person as written: link it to someone in this workbook or unit.
        const byName = new Map<string, string>();
        for (const { row } of plan) {
          const id = newIds.get(row.email!) ?? existingUsers.get(row.email!)?.id;
          if (id) byName.set(normalizeForSearch(`${row.firstNameTh ?? ''}${row.lastNameTh ?? ''}`), id);
        }
        for (const { row } of plan) {
          if (!row.supervisorName) continue;
          const folded = normalizeForSearch(row.supervisorName.replace(/^(นาย|นางสาว|นาง|น\.ส\.|ดร\.)/, ''));
          const supervisorId = byName.get(folded);
          const userId = newIds.get(row.email!) ?? existingUsers.get(row.email!)?.id;
          if (supervisorId && userId && supervisorId !== userId) {
            await trx
              .updateTable('app_user')
              .set({ supervisor_id: supervisorId })
              .where('id', '=', userId)
              .where((eb) => eb.or([eb('supervisor_id', 'is', null), eb('supervisor_id', '!=', supervisorId)]))
              .execute();
          }
        }
      });
      if (summary.create) onEmailQueued?.();
      return { applied: true, sheets, rows: reports, summary };
    },
  };
}

export type UserImportService = ReturnType<typeof createUserImportService>;
