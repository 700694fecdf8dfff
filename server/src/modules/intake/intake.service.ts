import {
  buddhistYear,
  parseBirthDate,
  parsePassportNumber,
  parseThaiMobile,
  parseThaiNationalId,
  toAsciiDigits,
  type CallerHistory,
  type Channel,
  type ContactOutcome,
  type NewCaseInput,
  type RecordContactRequest,
  type RecordedContact,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { AppError, type FieldProblem } from '../../platform/http/app-error.ts';
import { routeCase } from './routing.ts';

/**
 * A phone number as the index compares it: Thai mobiles and landlines in
 * E.164 (+66…), other numbers as their digits with a leading +. Null when it
 * is not a phone number at all.
 */
export function normalisePhone(text: string): string | null {
  const thai = parseThaiMobile(text);
  if (thai.ok) return thai.value;
  const written = toAsciiDigits(text).trim();
  if (!/^\+?[\d\s().-]+$/.test(written)) return null;
  const digits = written.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 15) return null;
  if (written.startsWith('+')) return `+${digits}`;
  // A Thai landline or short number (02 123 4567, 1300): national form to +66, service numbers as they are.
  return digits.startsWith('0') ? `+66${digits.slice(1)}` : digits;
}

/** The case number people read out on the phone: the Buddhist-era year and a running number, 2569-000123. */
export function formatCaseNumber(yearBe: number, number: number): string {
  return `${yearBe}-${String(number).padStart(6, '0')}`;
}

interface Actor {
  principal: Principal;
  requestId: string | null;
}

export function createIntakeService({
  db,
  clock,
  fields,
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
}) {
  /** Checks everything a person typed; every problem at once, with the path of its field. */
  async function checkCase(input: NewCaseInput, now: Date) {
    const problems: FieldProblem[] = [];
    const at = (path: string, code: string, message: string) =>
      problems.push({ path: `body.case.${path}`, code, message });

    const known = await db
      .selectFrom('problem_type')
      .select('code')
      .where('active', '=', true)
      .where('code', 'in', input.problemTypes)
      .execute();
    const unknown = input.problemTypes.filter((code) => !known.some((k) => k.code === code));
    if (unknown.length)
      at('problemTypes', 'unknown_problem_type', `ไม่รู้จักประเภทปัญหา ${unknown.join(', ')} / Unknown problem types`);

    const code = input.location.areaCode;
    const table = code.length === 2 ? 'geo_province' : code.length === 4 ? 'geo_district' : 'geo_subdistrict';
    const place = await db.selectFrom(table).select('code').where('code', '=', code).executeTakeFirst();
    if (!place) at('location.areaCode', 'unknown_area', `ไม่พบรหัสพื้นที่ ${code} / Unknown area code ${code}`);

    const people = input.people.map((person, index) => {
      let idNumber: string | null = null;
      if (person.idType !== 'none') {
        const parsed =
          person.idType === 'thai_id'
            ? parseThaiNationalId(person.idNumber ?? '')
            : parsePassportNumber(person.idNumber ?? '');
        if (parsed.ok) idNumber = parsed.value;
        else at(`people.${index}.idNumber`, parsed.problem.code, `${parsed.problem.th} / ${parsed.problem.en}`);
      }
      let birthDate: string | null = null;
      if (person.birthDate) {
        const parsed = parseBirthDate(person.birthDate, now);
        if (parsed.ok) birthDate = parsed.value;
        else at(`people.${index}.birthDate`, parsed.problem.code, `${parsed.problem.th} / ${parsed.problem.en}`);
      }
      let phone: string | null = null;
      if (person.phone) {
        phone = normalisePhone(person.phone);
        if (!phone) at(`people.${index}.phone`, 'invalid_phone', 'หมายเลขโทรศัพท์ไม่ถูกต้อง / Not a phone number');
      }
      return { ...person, idNumber, birthDate, phone };
    });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
    return { people, place: code };
  }

  async function allocateCaseNumber(trx: Kysely<Database>, yearBe: number): Promise<number> {
    const row = await trx
      .insertInto('case_number_counter')
      .values({ year_be: yearBe, last_number: 1 })
      .onConflict((conflict) =>
        conflict.column('year_be').doUpdateSet({ last_number: sql`case_number_counter.last_number + 1` }),
      )
      .returning('last_number')
      .executeTakeFirstOrThrow();
    return row.last_number;
  }

  return {
    /**
     * Records one contact — whatever became of it — and, when it becomes a
     * case, the case with its people, routed to a unit: contact, case, people
     * and audit in one transaction, so nothing is half-written.
     */
    async recordContact(actor: Actor, input: RecordContactRequest): Promise<RecordedContact> {
      const now = clock.now();
      if ((input.outcome === 'case') !== !!input.case)
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.case',
              code: input.case ? 'case_not_expected' : 'case_required',
              message: input.case
                ? 'ส่งรายละเอียดเรื่องเฉพาะเมื่อผลคือ "รับเป็นเรื่อง" / Case details only with the outcome "case"'
                : 'กรุณากรอกรายละเอียดเรื่อง / The case details are required',
            },
          ],
        });
      const callerPhone = input.callerPhone ? normalisePhone(input.callerPhone) : null;
      if (input.callerPhone && !callerPhone)
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            { path: 'body.callerPhone', code: 'invalid_phone', message: 'หมายเลขโทรศัพท์ไม่ถูกต้อง / Not a phone number' },
          ],
        });
      const checked = input.case ? await checkCase(input.case, now) : null;
      const routing =
        input.case && checked
          ? await routeCase(db, {
              problemType: input.case.problemTypes[0]!,
              areaCode: checked.place,
              crisis: input.case.crisis,
              at: now,
            })
          : null;

      return db.transaction().execute(async (trx) => {
        let createdCase: RecordedContact['case'] = null;
        if (input.case && checked && routing) {
          const yearBe = buddhistYear(now);
          const caseNumber = formatCaseNumber(yearBe, await allocateCaseNumber(trx, yearBe));
          const code = checked.place;
          const status = routing.kind === 'triage' ? 'triage' : 'new';
          const row = await trx
            .insertInto('case_file')
            .values({
              case_number: caseNumber,
              year_be: yearBe,
              status,
              channel: input.channel,
              crisis: input.case.crisis,
              severity: input.case.severity,
              province_code: code.slice(0, 2),
              district_code: code.length >= 4 ? code.slice(0, 4) : null,
              subdistrict_code: code.length === 6 ? code : null,
              address_protected: fields.protectOptional(input.case.location.address, 'case.address'),
              latitude: input.case.location.latitude ?? null,
              longitude: input.case.location.longitude ?? null,
              narrative_protected: fields.protect(input.case.narrative, 'case.narrative'),
              reporter_anonymous: input.case.reporter.anonymous,
              reporter_relation: input.case.reporter.relation,
              responsible_unit_id: routing.unitId,
              routing: JSON.stringify(routing),
              created_by: actor.principal.userId,
              receiving_unit_id: actor.principal.unitId,
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('case_problem_type')
            .values(
              [...new Set(input.case.problemTypes)].map((problem) => ({ case_id: row.id, problem_type_code: problem })),
            )
            .execute();
          if (checked.people.length)
            await trx
              .insertInto('case_person')
              .values(
                checked.people.map((person) => ({
                  case_id: row.id,
                  role: person.role,
                  name_protected: fields.protectOptional(person.name, 'person.name'),
                  id_type: person.idType,
                  id_number_protected: fields.protectOptional(person.idNumber, 'person.id_number'),
                  id_number_index: person.idNumber ? fields.blindIndex(person.idType, person.idNumber) : null,
                  passport_country: person.passportCountry ?? null,
                  nationality: person.nationality ?? null,
                  birth_date: person.birthDate,
                  estimated_age: person.estimatedAge ?? null,
                  sex: person.sex,
                  disability: person.disability,
                  phone_protected: fields.protectOptional(person.phone, 'person.phone'),
                  phone_index: person.phone ? fields.blindIndex('phone', person.phone) : null,
                })),
              )
              .execute();
          // What the trail keeps of a case: never the identifying details themselves.
          await recordAudit(
            trx,
            { actorUserId: actor.principal.userId, requestId: actor.requestId, now },
            {
              action: 'case.create',
              entityType: 'case',
              entityId: row.id,
              after: {
                caseNumber,
                channel: input.channel,
                problemTypes: input.case.problemTypes,
                areaCode: code,
                crisis: input.case.crisis,
                people: checked.people.length,
                routing: { unitId: routing.unitId, kind: routing.kind, reason: routing.reason },
              },
              scope: { unitId: routing.unitId, provinceCode: code.slice(0, 2), ministryId: null },
            },
          );
          createdCase = { id: row.id, caseNumber, status, routing };
        }
        const contact = await trx
          .insertInto('intake_contact')
          .values({
            received_at: now,
            channel: input.channel,
            outcome: input.outcome,
            caller_phone_protected: fields.protectOptional(callerPhone, 'contact.caller_phone'),
            caller_phone_index: callerPhone ? fields.blindIndex('phone', callerPhone) : null,
            summary_protected: fields.protectOptional(input.summary, 'contact.summary'),
            case_id: createdCase?.id ?? null,
            received_by: actor.principal.userId,
            receiving_unit_id: actor.principal.unitId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { contactId: contact.id, outcome: input.outcome, case: createdCase };
      });
    },

    /** Earlier contacts and open cases of a number, found by its keyed hash (the number itself is never stored). */
    async callerHistory(phoneText: string): Promise<CallerHistory> {
      const phone = normalisePhone(phoneText);
      if (!phone)
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            { path: 'query.phone', code: 'invalid_phone', message: 'หมายเลขโทรศัพท์ไม่ถูกต้อง / Not a phone number' },
          ],
        });
      const index = fields.blindIndex('phone', phone);
      const [contacts, cases] = await Promise.all([
        db
          .selectFrom('intake_contact')
          .select(['id', 'received_at', 'channel', 'outcome'])
          .where('caller_phone_index', '=', index)
          .orderBy('received_at', 'desc')
          .limit(20)
          .execute(),
        db
          .selectFrom('case_file')
          .select(['case_file.id', 'case_file.case_number', 'case_file.status', 'case_file.created_at'])
          .where((eb) =>
            eb.or([
              eb.exists(
                eb
                  .selectFrom('intake_contact')
                  .select(sql`1`.as('one'))
                  .whereRef('intake_contact.case_id', '=', 'case_file.id')
                  .where('intake_contact.caller_phone_index', '=', index),
              ),
              eb.exists(
                eb
                  .selectFrom('case_person')
                  .select(sql`1`.as('one'))
                  .whereRef('case_person.case_id', '=', 'case_file.id')
                  .where('case_person.phone_index', '=', index),
              ),
            ]),
          )
          .orderBy('case_file.created_at', 'desc')
          .limit(20)
          .execute(),
      ]);
      return {
        contacts: contacts.map((c) => ({
          id: c.id,
          receivedAt: new Date(c.received_at).toISOString(),
          channel: c.channel as Channel,
          outcome: c.outcome as ContactOutcome,
        })),
        openCases: cases.map((c) => ({
          id: c.id,
          caseNumber: c.case_number,
          status: c.status,
          createdAt: new Date(c.created_at).toISOString(),
        })),
      };
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
