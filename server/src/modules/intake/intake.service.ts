import {
  publicStageOf,
  type CaseState,
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
  type PublicReportReceipt,
  type PublicReportRequest,
  type PublicStatus,
  type PublicStatusRequest,
  type RecordedContact,
  type RelatedCase,
  type RelatedCasesQuery,
  type TriageConversationRequest,
  type SocialWorkerOption,
  PHOTO_MEDIA_TYPES,
} from '@oscc/contract';
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql, type CommonTableExpressionOutput, type Kysely, type QueryCreator } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../database-schema.ts';
import { auditRow, recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed, type Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { AppError, type FieldProblem } from '../../platform/http/app-error.ts';
import { newCaseDeadlineRow } from '../alarms/index.ts';
import { createUsersRepository, verifyPassword } from '../identity/index.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import { attachmentRows, checkAttachments } from './attachments.ts';
import { activeProcedures, pickProcedure, transitionRow } from './case-state.ts';
import { reachableContact, readableCase, reachesNation } from './case-reach.ts';
import { nameSimilarity } from './name-similarity.ts';
import type { ReferenceCache } from './reference-cache.ts';
import { decisionFrom, rankCandidates, unitCandidates } from './routing.ts';

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

/** Letters and digits nobody confuses when reading them out (no 0/O, 1/I/L). */
const TRACKING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** How a keyed PIN hash starts (anything else is an argon2id hash from before). */
const PIN_HMAC_PREFIX = 'hmac-sha256$';

/** A tracking code like K7MXQ-4PD9R: 10 random characters, about 49 bits. */
export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < 10; i += 1) code += TRACKING_ALPHABET[randomInt(0, TRACKING_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A row written in the same statement as its case, once the case's id is known (see `writeCase`). */
type WriteWithCase = (qc: QueryCreator<Database>, caseId: string) => CommonTableExpressionOutput<Database, string>;

interface Actor {
  principal: Principal;
  requestId: string | null;
}

export function createIntakeService({
  db,
  clock,
  fields,
  referenceCache = null,
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
  /** Where the reference data a case is checked and routed against is kept between intakes; none: read each time. */
  referenceCache?: ReferenceCache | null;
}) {
  /** Checks everything a person typed; every problem at once, with the path of its field. */
  async function checkCase(input: NewCaseInput, now: Date) {
    const problems: FieldProblem[] = [];
    const at = (path: string, code: string, message: string) =>
      problems.push({ path: `body.case.${path}`, code, message });

    // The reference data a case is checked against, in one round trip: its problem types, its place, the procedure
    // it will follow (the case keeps that version, whatever later versions say) and the units that could take it.
    const code = input.location.areaCode;
    const table = code.length === 2 ? 'geo_province' : code.length === 4 ? 'geo_district' : 'geo_subdistrict';
    const problem = input.problemTypes[0]!;
    const readReference = () =>
      db
        .selectNoFrom((eb) => [
          jsonArrayFrom(
            eb
              .selectFrom('problem_type')
              .select('code')
              .where('active', '=', true)
              .where('code', 'in', input.problemTypes),
          ).as('known'),
          eb.exists(eb.selectFrom(table).select('code').where('code', '=', code)).as('placeKnown'),
          jsonArrayFrom(activeProcedures(eb, problem)).as('procedures'),
          jsonArrayFrom(unitCandidates(eb, { problemType: problem, areaCode: code })).as('units'),
        ])
        .executeTakeFirstOrThrow();
    // Kept in memory until the reference data changes (see reference-cache.ts); read every time without a cache.
    const reference = referenceCache
      ? await referenceCache.get(`case-check:${code}:${input.problemTypes.join(',')}`, readReference)
      : await readReference();
    const unknown = input.problemTypes.filter((problem) => !reference.known.some((k) => k.code === problem));
    if (unknown.length)
      at('problemTypes', 'unknown_problem_type', `ไม่รู้จักประเภทปัญหา ${unknown.join(', ')} / Unknown problem types`);
    if (!reference.placeKnown)
      at('location.areaCode', 'unknown_area', `ไม่พบรหัสพื้นที่ ${code} / Unknown area code ${code}`);

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
    const routingInput = { problemType: problem, areaCode: code, crisis: input.crisis, at: now };
    return {
      people,
      place: code,
      procedureVersionId: pickProcedure(reference.procedures, problem),
      routing: decisionFrom(rankCandidates(reference.units, routingInput), routingInput),
    };
  }

  /**
   * Writes a checked, routed case — the case, its problem types, its creation in the trail of moves, its first clock,
   * its people, its audit record and whatever the caller writes `alongside` it (the contact it came from, a public
   * report's tracking code) — as ONE statement of data-modifying WITH queries under an id made here: every part or
   * none without a transaction, one round trip instead of eight.
   */
  async function writeCase(
    /** The database, or the caller's transaction when the case is part of a larger one. */
    into: Kysely<Database>,
    context: { channel: Channel; createdBy: string | null; receivingUnitId: string | null; requestId: string | null },
    kase: NewCaseInput,
    checked: Awaited<ReturnType<typeof checkCase>>,
    now: Date,
    {
      assignee = null,
      alongside = [],
    }: { assignee?: { id: string; displayName: string } | null; alongside?: readonly WriteWithCase[] } = {},
  ): Promise<NonNullable<RecordedContact['case']>> {
    const { routing } = checked;
    const caseId = randomUUID();
    const yearBe = buddhistYear(now);
    const code = checked.place;
    const status = routing.kind === 'triage' ? 'triage' : 'new';
    const { procedureVersionId } = checked;
    const created = into
      .with('created_case', () =>
        into
          .insertInto('case_file')
          .values({
            id: caseId,
            // The year's sequence (migration 0018): no lock held to commit, so intakes run side by side; a write that
            // fails after taking its number leaves a gap.
            case_number: sql<string>`next_case_number(${yearBe})`,
            year_be: yearBe,
            status,
            channel: context.channel,
            crisis: kase.crisis,
            severity: kase.severity,
            province_code: code.slice(0, 2),
            district_code: code.length >= 4 ? code.slice(0, 4) : null,
            subdistrict_code: code.length === 6 ? code : null,
            address_protected: fields.protectOptional(kase.location.address, 'case.address'),
            latitude: kase.location.latitude ?? null,
            longitude: kase.location.longitude ?? null,
            narrative_protected: fields.protect(kase.narrative, 'case.narrative'),
            reporter_anonymous: kase.reporter.anonymous,
            reporter_relation: kase.reporter.relation,
            responsible_unit_id: routing.unitId,
            routing: JSON.stringify(routing),
            created_by: context.createdBy,
            receiving_unit_id: context.receivingUnitId,
            assigned_user_id: assignee?.id ?? null,
            assigned_at: assignee ? now : null,
            procedure_version_id: procedureVersionId,
            primary_problem_code: kase.problemTypes[0]!,
            created_at: now,
            updated_at: now,
          })
          .returning(['id', 'case_number']),
      )
      .with('created_problems', () =>
        into
          .insertInto('case_problem_type')
          .values([...new Set(kase.problemTypes)].map((problem) => ({ case_id: caseId, problem_type_code: problem }))),
      )
      .with('created_move', () =>
        into.insertInto('case_transition').values(
          transitionRow({
            caseId,
            from: null,
            to: status,
            actorUserId: context.createdBy,
            reason: routing.kind === 'triage' ? 'no unit matched: central triage' : null,
            now,
          }),
        ),
      )
      .with('created_clock', () =>
        into
          .insertInto('deadline')
          .values(newCaseDeadlineRow({ caseId, createdAt: now, unitId: routing.unitId, procedureVersionId }, now)),
      )
      // What the trail keeps of a case: never the identifying details themselves (the number is the sequence's).
      .with('created_record', () =>
        into.insertInto('audit_event').values(
          auditRow(
            { actorUserId: context.createdBy, requestId: context.requestId, now },
            {
              action: 'case.create',
              entityType: 'case',
              entityId: caseId,
              after: sql`jsonb_build_object('caseNumber', (select case_number from created_case)) || ${JSON.stringify({
                channel: context.channel,
                problemTypes: kase.problemTypes,
                areaCode: code,
                crisis: kase.crisis,
                people: checked.people.length,
                routing: { unitId: routing.unitId, kind: routing.kind, reason: routing.reason },
                assignedUserId: assignee?.id ?? null,
              })}::jsonb`,
              scope: { unitId: routing.unitId, provinceCode: code.slice(0, 2), ministryId: null },
            },
          ),
        ),
      );
    const people = checked.people.map((person) => ({
      case_id: caseId,
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
    }));
    const writes: WriteWithCase[] = [
      ...(people.length ? [(qc: QueryCreator<Database>) => qc.insertInto('case_person').values(people)] : []),
      ...alongside,
    ];
    // The rows nothing reads back are added under names of their own; the statement keeps the case's type.
    const statement = writes.reduce<typeof created>(
      (chain, write, index) => chain.with(`written_${index}`, (qc: QueryCreator<Database>) => write(qc, caseId)),
      created,
    );
    const row = await statement.selectFrom('created_case').select(['id', 'case_number']).executeTakeFirstOrThrow();
    return { id: row.id, caseNumber: row.case_number, status, routing, assignee };
  }

  /**
   * A public report's PIN as stored: HMAC-SHA-256 under the field hash key, bound to its tracking code. A six-digit
   * PIN has a million values — a slow hash (argon2id, used until issue 9) only makes a stolen table take hours to
   * try them all; a keyed hash makes it impossible without the key, which is never in the database (and whoever has
   * the keys can read the cases themselves). Guessing online stays limited by the lock after five wrong PINs.
   */
  function pinHashOf(code: string, pin: string): string {
    return `${PIN_HMAC_PREFIX}${fields.blindIndex('public-report-pin', `${code}:${pin}`)}`;
  }

  /** Whether a PIN matches its stored hash: a keyed hash, or an argon2id hash of a report from before issue 9. */
  async function pinMatches(stored: string, code: string, pin: string): Promise<boolean> {
    if (!stored.startsWith(PIN_HMAC_PREFIX)) return verifyPassword(stored, pin);
    const expected = Buffer.from(stored);
    const given = Buffer.from(pinHashOf(code, pin));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** The answer a request with this Idempotency-Key got before; a different request under the same key is refused. */
  async function replay<T>(endpoint: string, key: string, requestHash: string): Promise<T | null> {
    const row = await db
      .selectFrom('idempotent_request')
      .select(['request_hash', 'response_protected'])
      .where('endpoint', '=', endpoint)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return null;
    if (row.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return JSON.parse(fields.reveal(row.response_protected, `idempotency.${endpoint}`)) as T;
  }

  /** The answer kept for an Idempotency-Key, encrypted (it may hold a PIN). */
  function idempotentRow(endpoint: string, key: string, requestHash: string, response: unknown, now: Date) {
    return {
      endpoint,
      key,
      request_hash: requestHash,
      response_protected: fields.protect(JSON.stringify(response), `idempotency.${endpoint}`),
      created_at: now,
    };
  }

  const users = createUsersRepository(db);

  /** The name staff know a colleague by. */
  const displayName = (u: { first_name_th: string; last_name_th: string }) => `${u.first_name_th} ${u.last_name_th}`;

  /**
   * Whom a call may be handed to: an active social worker whose own rules let
   * them read a case where it happened (its unit, its province, its ministry).
   */
  async function checkHandOver(
    userId: string,
    scope: { unitId: string | null; provinceCode: string; ministryId: string | null },
  ): Promise<{ id: string; displayName: string }> {
    const person = await db
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .select(['app_user.id', 'app_user.first_name_th', 'app_user.last_name_th', 'app_user.status'])
      .where('app_user.id', '=', userId)
      .where('user_role.role_code', '=', 'social_worker')
      .executeTakeFirst();
    const refuse = (code: string, message: string) =>
      new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.handTo', code, message }] });
    if (!person || person.status !== 'active')
      throw refuse('not_a_social_worker', 'ผู้รับไม่ใช่นักสังคมสงเคราะห์ที่ใช้งานอยู่ / Not an active social worker');
    if (!isAllowed({ userId, unitId: null, grants: await users.grantsOf(userId) }, 'cases.read', scope))
      throw refuse(
        'outside_reach',
        'นักสังคมสงเคราะห์คนนี้ไม่ได้ดูแลพื้นที่ของเรื่องนี้ / This social worker does not cover where this happened',
      );
    return { id: person.id, displayName: displayName(person) };
  }

  async function ministryOfUnit(unitId: string | null): Promise<string | null> {
    if (!unitId) return null;
    const row = await db
      .selectFrom('unit')
      .innerJoin('agency', 'agency.id', 'unit.agency_id')
      .select('agency.root_id')
      .where('unit.id', '=', unitId)
      .executeTakeFirst();
    return row?.root_id ?? null;
  }

  /**
   * Records what became of one contact — and, when it becomes a case, the
   * case with its people, routed to a unit: contact, case, people and audit
   * written together (one statement, or one transaction), so nothing is half-written. `pendingContactId` is a
   * contact already kept (a social conversation) that gets its outcome now.
   */
  async function decideContact(
    actor: Actor,
    channel: Channel,
    input: Pick<RecordContactRequest, 'outcome' | 'summary' | 'case' | 'callerPhone' | 'handTo'>,
    pendingContactId: string | null,
  ): Promise<RecordedContact> {
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
    if (input.handTo && !input.case)
      throw new AppError('VALIDATION_FAILED', {
        fields: [
          {
            path: 'body.handTo',
            code: 'case_required',
            message: 'ส่งต่อนักสังคมสงเคราะห์ได้เมื่อรับเป็นเรื่อง / Only a case can be handed to a social worker',
          },
        ],
      });
    const assignee =
      input.handTo && checked
        ? await checkHandOver(input.handTo, {
            unitId: checked.routing.unitId,
            provinceCode: checked.place.slice(0, 2),
            ministryId: await ministryOfUnit(checked.routing.unitId),
          })
        : null;
    const caseContext = {
      channel,
      createdBy: actor.principal.userId,
      receivingUnitId: actor.principal.unitId,
      requestId: actor.requestId,
    };

    if (!pendingContactId) {
      // A new contact: with its case, in the case's own statement; alone, one insert.
      const contactId = randomUUID();
      const contact = (caseId: string | null) => ({
        id: contactId,
        received_at: now,
        channel,
        outcome: input.outcome,
        caller_phone_protected: fields.protectOptional(callerPhone, 'contact.caller_phone'),
        caller_phone_index: callerPhone ? fields.blindIndex('phone', callerPhone) : null,
        summary_protected: fields.protectOptional(input.summary, 'contact.summary'),
        case_id: caseId,
        received_by: actor.principal.userId,
        receiving_unit_id: actor.principal.unitId,
      });
      if (!input.case || !checked) {
        await db.insertInto('intake_contact').values(contact(null)).execute();
        return { contactId, outcome: input.outcome, case: null };
      }
      const createdCase = await writeCase(db, caseContext, input.case, checked, now, {
        assignee,
        alongside: [(qc, caseId) => qc.insertInto('intake_contact').values(contact(caseId))],
      });
      return { contactId, outcome: input.outcome, case: createdCase };
    }

    // A contact kept earlier gets its outcome — only while it is still pending: two people triaging at once cannot
    // both win, and the loser's case is not kept.
    return db.transaction().execute(async (trx) => {
      const createdCase =
        input.case && checked ? await writeCase(trx, caseContext, input.case, checked, now, { assignee }) : null;
      const updated = await trx
        .updateTable('intake_contact')
        .set({
          outcome: input.outcome,
          summary_protected: fields.protectOptional(input.summary, 'contact.summary'),
          case_id: createdCase?.id ?? null,
          received_by: actor.principal.userId,
          receiving_unit_id: actor.principal.unitId,
        })
        .where('id', '=', pendingContactId)
        .where('outcome', '=', 'pending')
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw new AppError('CONFLICT', { internal: 'already triaged' });
      await recordAudit(
        trx,
        { actorUserId: actor.principal.userId, requestId: actor.requestId, now },
        {
          action: 'contact.triage',
          entityType: 'intake_contact',
          entityId: pendingContactId,
          before: { outcome: 'pending' },
          after: { outcome: input.outcome, caseId: createdCase?.id ?? null },
          scope: {
            unitId: actor.principal.unitId,
            provinceCode: checked?.place.slice(0, 2) ?? null,
            ministryId: null,
          },
        },
      );
      return { contactId: pendingContactId, outcome: input.outcome, case: createdCase };
    });
  }

  return {
    /**
     * Records one contact — whatever became of it — and, when it becomes a
     * case, the case with its people, routed to a unit.
     */
    async recordContact(actor: Actor, input: RecordContactRequest): Promise<RecordedContact> {
      return decideContact(actor, input.channel, input, null);
    },

    /**
     * The social workers a call about this place can be handed to: active, and
     * covering the province (or the nation) — with how many cases they have,
     * fewest first.
     */
    async socialWorkers(areaCode: string): Promise<SocialWorkerOption[]> {
      const province = areaCode.slice(0, 2);
      const rows = await db
        .selectFrom('app_user')
        .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
        .leftJoin('unit', 'unit.id', 'app_user.unit_id')
        .select([
          'app_user.id',
          'app_user.first_name_th',
          'app_user.last_name_th',
          'unit.name_th as unit_name_th',
          (eb) =>
            eb
              .selectFrom('case_file')
              .select(sql<number>`count(*)::int`.as('n'))
              .whereRef('case_file.assigned_user_id', '=', 'app_user.id')
              .where('case_file.status', '<>', 'merged')
              .as('open_cases'),
        ])
        .where('app_user.status', '=', 'active')
        .where('user_role.role_code', '=', 'social_worker')
        .where((eb) =>
          eb.or([eb('user_role.scope_level', '=', 'nation'), eb('user_role.scope_province_code', '=', province)]),
        )
        .orderBy('open_cases')
        .orderBy('app_user.first_name_th')
        .limit(100)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        displayName: displayName(row),
        unitNameTh: row.unit_name_th,
        openCases: row.open_cases ?? 0,
      }));
    },

    /**
     * Triage of a LINE or Facebook conversation: its contact, waiting as
     * `pending`, gets its outcome — and, for `case`, the case, through the
     * same checks and routing as the hotline. A conversation is triaged once;
     * the second decision is a conflict.
     */
    async triageConversation(
      actor: Actor,
      conversationId: string,
      input: TriageConversationRequest,
    ): Promise<RecordedContact> {
      const conversation = await db
        .selectFrom('social_conversation')
        .innerJoin('intake_contact', 'intake_contact.id', 'social_conversation.contact_id')
        .select(['social_conversation.provider', 'social_conversation.contact_id', 'intake_contact.outcome'])
        .where('social_conversation.id', '=', conversationId)
        .executeTakeFirst();
      // Conversations not yet triaged belong to the people who take contacts nation-wide.
      if (!conversation || !reachesNation(actor.principal, 'cases.intake')) throw new AppError('NOT_FOUND');
      if (conversation.outcome !== 'pending') throw new AppError('CONFLICT', { internal: 'already triaged' });
      return decideContact(actor, conversation.provider, input, conversation.contact_id);
    },

    /**
     * A report from the public website, through the same checks, routing and
     * protection as the hotline. The reporter gets a tracking code and a PIN
     * (stored only as a keyed hash, `pinHashOf`) for the status page. A robot that
     * filled the hidden field gets a receipt that leads nowhere, and nothing
     * is written.
     */
    async submitPublicReport(
      input: PublicReportRequest,
      requestId: string | null,
      idempotencyKey?: string,
      photos: readonly UploadedFile[] = [],
    ): Promise<PublicReportReceipt> {
      const now = clock.now();
      const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (input.website) return { trackingCode: newTrackingCode(), pin, receivedAt: now.toISOString() };
      const checkedPhotos = await checkAttachments(photos, PHOTO_MEDIA_TYPES, 'body.photos');
      // The photos are part of the request: the same key with other photos is another request.
      const requestHash = createHash('sha256')
        .update(JSON.stringify(input))
        .update(checkedPhotos.map((photo) => photo.sha256).join(','))
        .digest('base64url');
      if (idempotencyKey) {
        const earlier = await replay<PublicReportReceipt>('public-report', idempotencyKey, requestHash);
        if (earlier) return earlier;
      }
      const reporterPeople: NewCaseInput['people'] =
        !input.reporter.anonymous && (input.reporter.name || input.reporter.phone)
          ? [
              {
                role: 'reporter',
                idType: 'none',
                sex: 'unknown',
                disability: false,
                ...(input.reporter.name ? { name: input.reporter.name } : {}),
                ...(input.reporter.phone ? { phone: input.reporter.phone } : {}),
              },
            ]
          : [];
      const kase: NewCaseInput = {
        problemTypes: input.problemTypes.length ? input.problemTypes : ['other'],
        crisis: input.crisis,
        severity: input.crisis ? 3 : 2,
        location: input.location,
        narrative: input.narrative,
        reporter: { anonymous: input.reporter.anonymous, relation: input.reporter.relation },
        people: reporterPeople,
      };
      const checked = await checkCase(kase, now);
      const trackingCode = newTrackingCode();
      const receipt = { trackingCode, pin, receivedAt: now.toISOString() };
      // The case, its photos, its contact, its tracking code and the answer kept for its Idempotency-Key: one statement.
      const alongside: WriteWithCase[] = [
        (qc, caseId) =>
          qc.insertInto('intake_contact').values({
            received_at: now,
            channel: input.source,
            outcome: 'case',
            case_id: caseId,
            received_by: null,
            receiving_unit_id: null,
          }),
        (qc, caseId) =>
          qc.insertInto('public_report').values({
            case_id: caseId,
            tracking_code: trackingCode.replace('-', ''),
            pin_hash: pinHashOf(trackingCode.replace('-', ''), pin),
            created_at: now,
          }),
      ];
      if (checkedPhotos.length)
        alongside.push((qc, caseId) =>
          qc
            .insertInto('case_attachment')
            .values(attachmentRows(fields, caseId, checkedPhotos, { source: 'public', uploadedBy: null, now })),
        );
      if (idempotencyKey)
        alongside.push((qc) =>
          qc
            .insertInto('idempotent_request')
            .values(idempotentRow('public-report', idempotencyKey, requestHash, receipt, now)),
        );
      return writeCase(
        db,
        { channel: input.source, createdBy: null, receivingUnitId: null, requestId },
        kase,
        checked,
        now,
        { alongside },
      )
        .then(() => receipt)
        .catch(async (error: unknown) => {
          // The same key sent twice at once: the first to commit wins, the other answers with its receipt.
          if (idempotencyKey && (error as { code?: string }).code === '23505') {
            const earlier = await replay<PublicReportReceipt>('public-report', idempotencyKey, requestHash);
            if (earlier) return earlier;
          }
          throw error;
        });
    },

    /**
     * Where a public report stands — for its tracking code and PIN only, and
     * without any personal data. Five wrong PINs lock the code for 15 minutes;
     * every failure has the same answer, so codes cannot be discovered.
     */
    async publicStatus(input: PublicStatusRequest): Promise<PublicStatus> {
      const now = clock.now();
      const code = input.trackingCode.replace('-', '');
      const report = await db
        .selectFrom('public_report')
        .innerJoin('case_file', 'case_file.id', 'public_report.case_id')
        .select([
          'public_report.case_id',
          'public_report.pin_hash',
          'public_report.failed_attempts',
          'public_report.locked_until',
          'public_report.created_at',
          'case_file.status',
          'case_file.updated_at',
          'case_file.merged_into_id',
        ])
        .where('public_report.tracking_code', '=', code)
        .executeTakeFirst();
      if (!report) {
        void pinHashOf(code, input.pin); // the same work as a wrong PIN
        throw new AppError('NOT_FOUND');
      }
      const locked = report.locked_until && new Date(report.locked_until) > now;
      if (locked || !(await pinMatches(report.pin_hash, code, input.pin))) {
        if (!locked) {
          const failures = report.failed_attempts + 1;
          await db
            .updateTable('public_report')
            .set({
              failed_attempts: failures >= 5 ? 0 : failures,
              locked_until: failures >= 5 ? new Date(now.getTime() + 15 * 60_000) : null,
            })
            .where('case_id', '=', report.case_id)
            .execute();
        }
        throw new AppError('NOT_FOUND');
      }
      if (report.failed_attempts > 0)
        await db
          .updateTable('public_report')
          .set({ failed_attempts: 0 })
          .where('case_id', '=', report.case_id)
          .execute();
      // A report merged into another case follows the case that carries on.
      const current =
        report.status === 'merged' && report.merged_into_id
          ? ((await db
              .selectFrom('case_file')
              .select(['status', 'updated_at'])
              .where('id', '=', report.merged_into_id)
              .executeTakeFirst()) ?? report)
          : report;
      return {
        trackingCode: `${code.slice(0, 5)}-${code.slice(5)}`,
        // A merged case without the one it joined (never expected) shows as received.
        stage: current.status === 'merged' ? 'received' : publicStageOf(current.status as Exclude<CaseState, 'merged'>),
        receivedAt: new Date(report.created_at).toISOString(),
        updatedAt: new Date(current.updated_at).toISOString(),
      };
    },

    /**
     * Screening: earlier cases that may be about the same people — the same
     * phone or ID (by keyed hash), or a similar name in the same province
     * within the period (names are protected, so the candidates of that
     * province and period are revealed and compared here, at most 2,000).
     */
    async relatedCases(actor: Principal, query: RelatedCasesQuery): Promise<RelatedCase[]> {
      const now = clock.now();
      const since = new Date(now.getTime() - query.days * 86_400_000);
      const reasons = new Map<string, Set<RelatedCase['reasons'][number]>>();
      const add = (caseId: string, reason: RelatedCase['reasons'][number]) =>
        reasons.set(caseId, (reasons.get(caseId) ?? new Set()).add(reason));
      const problems: FieldProblem[] = [];

      if (query.phone) {
        const phone = normalisePhone(query.phone);
        if (!phone) problems.push({ path: 'query.phone', code: 'invalid_phone', message: 'Not a phone number' });
        else {
          const index = fields.blindIndex('phone', phone);
          const [people, contacts] = await Promise.all([
            db.selectFrom('case_person').select('case_id').where('phone_index', '=', index).execute(),
            db
              .selectFrom('intake_contact')
              .select('case_id')
              .where('caller_phone_index', '=', index)
              .where('case_id', 'is not', null)
              .execute(),
          ]);
          for (const row of [...people, ...contacts]) if (row.case_id) add(row.case_id, 'same_phone');
        }
      }
      if (query.idNumber && query.idType) {
        const parsed =
          query.idType === 'thai_id' ? parseThaiNationalId(query.idNumber) : parsePassportNumber(query.idNumber);
        if (!parsed.ok)
          problems.push({ path: 'query.idNumber', code: parsed.problem.code, message: parsed.problem.en });
        else {
          const rows = await db
            .selectFrom('case_person')
            .select('case_id')
            .where('id_number_index', '=', fields.blindIndex(query.idType, parsed.value))
            .execute();
          for (const row of rows) add(row.case_id, 'same_id');
        }
      }
      if (query.name && query.areaCode) {
        const candidates = await db
          .selectFrom('case_person')
          .innerJoin('case_file', 'case_file.id', 'case_person.case_id')
          .select(['case_person.case_id', 'case_person.name_protected'])
          .where('case_file.province_code', '=', query.areaCode.slice(0, 2))
          .where('case_file.created_at', '>=', since)
          .where('case_person.name_protected', 'is not', null)
          .orderBy('case_file.created_at', 'desc')
          .limit(2_000)
          .execute();
        for (const candidate of candidates)
          if (nameSimilarity(query.name, fields.reveal(candidate.name_protected!, 'person.name')) >= 0.85)
            add(candidate.case_id, 'similar_name');
      }
      if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
      if (reasons.size === 0) return [];
      const cases = await db
        .selectFrom('case_file')
        .select(['id', 'case_number', 'status', 'created_at'])
        .where('id', 'in', [...reasons.keys()])
        .where('created_at', '>=', since)
        .where(readableCase(actor)) // only the cases this person may read
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute();
      return cases.map((c) => ({
        id: c.id,
        caseNumber: c.case_number,
        status: c.status,
        createdAt: new Date(c.created_at).toISOString(),
        reasons: [...reasons.get(c.id)!].sort(),
      }));
    },

    /** Earlier contacts and open cases of a number, found by its keyed hash (the number itself is never stored). */
    async callerHistory(actor: Principal, phoneText: string): Promise<CallerHistory> {
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
          .where((eb) => reachableContact(eb, actor)) // within the person's reach
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
          .where(readableCase(actor))
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
