import {
  canTransition,
  STAFF_MEDIA_TYPES,
  type CaseAccessPage,
  type CaseAccessQuery,
  type CaseDetail,
  type CaseDisclosure,
  type CasePage,
  type CaseQueueQuery,
  type CaseState,
  type CaseStatus,
  type CaseSummary,
  type Channel,
  type ContactOutcome,
  type LinkCaseRequest,
  type MergeCaseRequest,
  type RelatedCase,
  type RoutingDecision,
  type ScreenCaseRequest,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isAllowed, scopeFilter, type Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import { checkAttachments, moveCase, nameSimilarity, routeCase, storeAttachments } from '../intake/index.ts';
import { caseMinistry, createCaseAccess, recordScope } from './case-access.ts';
import { parseSteps } from './case-steps.ts';
import { createDisclosure } from './disclosure.ts';
import { createReferralsService } from './referrals.service.ts';

export interface CaseActor {
  principal: Principal;
  requestId: string | null;
}

/** How far back screening looks for a similar name in the same province. */
const SIMILAR_NAME_DAYS = 180;

/**
 * Screening and the case record: the queues, one case with everything on it
 * (every read audited), the screening decision (problem types, crisis,
 * severity, routing — again by the rules, or to a unit staff chose), links
 * between related cases, merging a duplicate, and attachments. A case is
 * seen by the people whose `cases.*` rules reach its unit, its province or its
 * unit's ministry; cases in the central triage queue have no unit, so only
 * the province's and the nation's people see them.
 */
export function createCasesService({
  db,
  clock,
  fields,
  revealMinutes = 30,
  appUrl = 'http://localhost:3000',
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
  /** How long breaking the glass shows a reader without `cases.identify` the identities. */
  revealMinutes?: number;
  /** The base of links in e-mails. */
  appUrl?: string;
}) {
  const referrals = createReferralsService({ db, clock });
  const { caseFor, caseForAny, scopeOf } = createCaseAccess(db, referrals);
  const disclosure = createDisclosure({ db, clock, fields, revealMinutes, appUrl });

  /** How much of a case this reader sees (also after a change that may have moved the case). */
  async function disclosureOf(actor: Principal, caseId: string): Promise<CaseDisclosure> {
    const row = await scopeOf(caseId);
    if (!row) throw new AppError('NOT_FOUND');
    const openUnits = await referrals.openReferralScopes(caseId);
    return disclosure.disclosureFor(actor, caseId, [recordScope(row), ...openUnits], !!row.anonymised_at);
  }

  async function detailFor(actor: Principal, caseId: string): Promise<CaseDetail> {
    return detail(caseId, await disclosureOf(actor, caseId));
  }

  async function summaries(ids: string[]): Promise<Map<string, CaseSummary>> {
    if (ids.length === 0) return new Map();
    const [rows, problems] = await Promise.all([
      db
        .selectFrom('case_file')
        .leftJoin('unit', 'unit.id', 'case_file.responsible_unit_id')
        .leftJoin('app_user as assignee', 'assignee.id', 'case_file.assigned_user_id')
        .select([
          'assignee.id as assignee_id',
          'assignee.first_name_th as assignee_first',
          'assignee.last_name_th as assignee_last',
          'case_file.id',
          'case_file.case_number',
          'case_file.status',
          'case_file.channel',
          'case_file.crisis',
          'case_file.severity',
          'case_file.province_code',
          'case_file.district_code',
          'case_file.subdistrict_code',
          'case_file.created_at',
          'case_file.screened_at',
          'unit.id as unit_id',
          'unit.name_th as unit_name_th',
          'unit.name_en as unit_name_en',
          (eb) =>
            eb
              .selectFrom('case_attachment')
              .select(sql<number>`count(*)::int`.as('n'))
              .whereRef('case_attachment.case_id', '=', 'case_file.id')
              .as('attachments'),
        ])
        .where('case_file.id', 'in', ids)
        .execute(),
      db
        .selectFrom('case_problem_type')
        .innerJoin('problem_type', 'problem_type.code', 'case_problem_type.problem_type_code')
        .select(['case_problem_type.case_id', 'case_problem_type.problem_type_code'])
        .where('case_problem_type.case_id', 'in', ids)
        .orderBy('problem_type.sort_order')
        .execute(),
    ]);
    const byCase = new Map<string, string[]>();
    for (const p of problems) byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), p.problem_type_code]);
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          caseNumber: row.case_number,
          status: row.status,
          channel: row.channel as Channel,
          crisis: row.crisis,
          severity: row.severity,
          problemTypes: byCase.get(row.id) ?? [],
          areaCode: row.subdistrict_code ?? row.district_code ?? row.province_code ?? '',
          responsibleUnit: row.unit_id
            ? { id: row.unit_id, nameTh: row.unit_name_th!, nameEn: row.unit_name_en }
            : null,
          createdAt: new Date(row.created_at).toISOString(),
          screenedAt: row.screened_at ? new Date(row.screened_at).toISOString() : null,
          attachments: row.attachments ?? 0,
          assignee: row.assignee_id
            ? { id: row.assignee_id, displayName: `${row.assignee_first} ${row.assignee_last}` }
            : null,
        },
      ]),
    );
  }

  async function detail(caseId: string, shown: CaseDisclosure): Promise<CaseDetail> {
    const view = disclosure.viewer(shown.masked);
    const [summary, row, people, links, merged, attachments, contacts] = await Promise.all([
      summaries([caseId]),
      db.selectFrom('case_file').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
      db.selectFrom('case_person').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
      db
        .selectFrom('case_link')
        .innerJoin('case_file', (join) =>
          join.on(
            sql<boolean>`case_file.id = case when case_link.case_id = ${caseId} then case_link.related_case_id else case_link.case_id end`,
          ),
        )
        .select([
          'case_file.id',
          'case_file.case_number',
          'case_file.status',
          'case_link.reason',
          'case_link.created_at',
        ])
        .where((eb) => eb.or([eb('case_link.case_id', '=', caseId), eb('case_link.related_case_id', '=', caseId)]))
        .orderBy('case_link.created_at')
        .execute(),
      db
        .selectFrom('case_file')
        .select(['id', 'case_number', 'status', 'updated_at'])
        .where('merged_into_id', '=', caseId)
        .orderBy('updated_at')
        .execute(),
      db
        .selectFrom('case_attachment')
        .select(['id', 'media_type', 'byte_size', 'file_name_protected', 'source', 'created_at'])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('intake_contact')
        .select(['id', 'received_at', 'channel', 'outcome', 'social_conversation_id'])
        .where('case_id', '=', caseId)
        .orderBy('received_at')
        .execute(),
    ]);
    const conversationIds = [
      ...new Set(contacts.flatMap((c) => (c.social_conversation_id ? [c.social_conversation_id] : []))),
    ];
    const conversations = conversationIds.length
      ? await db
          .selectFrom('social_conversation')
          .select(['id', 'provider'])
          .where('id', 'in', conversationIds)
          .execute()
      : [];
    const [procedure, transitions, referralList] = await Promise.all([
      row.procedure_version_id
        ? db
            .selectFrom('procedure_version')
            .select(['id', 'version', 'name_th', 'name_en', 'steps'])
            .where('id', '=', row.procedure_version_id)
            .executeTakeFirst()
        : undefined,
      db
        .selectFrom('case_transition')
        .leftJoin('app_user', 'app_user.id', 'case_transition.actor_user_id')
        .select([
          'case_transition.from_status',
          'case_transition.to_status',
          'case_transition.reason',
          'case_transition.at',
          'app_user.id as actor_id',
          'app_user.first_name_th',
          'app_user.last_name_th',
        ])
        .where('case_transition.case_id', '=', caseId)
        .orderBy('case_transition.seq')
        .execute(),
      referrals.ofCase(caseId),
    ]);
    const mergedInto = row.merged_into_id
      ? await db
          .selectFrom('case_file')
          .select(['id', 'case_number'])
          .where('id', '=', row.merged_into_id)
          .executeTakeFirst()
      : undefined;
    return {
      ...summary.get(caseId)!,
      version: row.version,
      narrative: view.text(row.narrative_protected, 'case.narrative'),
      address: view.optionalText(row.address_protected, 'case.address'),
      latitude: row.latitude,
      longitude: row.longitude,
      reporter: { anonymous: row.reporter_anonymous, relation: row.reporter_relation },
      people: people.map((p) => ({
        id: p.id,
        role: p.role as CaseDetail['people'][number]['role'],
        name: view.name(p.name_protected),
        idType: p.id_type as CaseDetail['people'][number]['idType'],
        idNumber: view.idNumber(p.id_number_protected),
        passportCountry: p.passport_country,
        nationality: p.nationality,
        birthDate: p.birth_date,
        estimatedAge: p.estimated_age,
        sex: p.sex as CaseDetail['people'][number]['sex'],
        disability: p.disability,
        phone: view.phone(p.phone_protected),
      })),
      routing: row.routing as RoutingDecision,
      mergedInto: mergedInto ? { id: mergedInto.id, caseNumber: mergedInto.case_number } : null,
      links: [
        ...links.map((l) => ({
          id: l.id,
          caseNumber: l.case_number,
          status: l.status as CaseStatus,
          relation: 'related' as const,
          reason: l.reason,
          createdAt: new Date(l.created_at).toISOString(),
        })),
        ...merged.map((m) => ({
          id: m.id,
          caseNumber: m.case_number,
          status: m.status as CaseStatus,
          relation: 'merged_here' as const,
          reason: 'merged',
          createdAt: new Date(m.updated_at).toISOString(),
        })),
      ],
      attachmentList: attachments.map((a) => ({
        id: a.id,
        mediaType: a.media_type,
        byteSize: a.byte_size,
        fileName: view.optionalText(a.file_name_protected, 'attachment.file_name'),
        source: a.source,
        createdAt: new Date(a.created_at).toISOString(),
      })),
      contacts: contacts.map((c) => ({
        id: c.id,
        receivedAt: new Date(c.received_at).toISOString(),
        channel: c.channel as Channel,
        outcome: c.outcome as ContactOutcome,
      })),
      conversations: conversations.map((c) => ({ id: c.id, provider: c.provider })),
      procedure: procedure
        ? {
            id: procedure.id,
            version: procedure.version,
            nameTh: procedure.name_th,
            nameEn: procedure.name_en,
            steps: parseSteps(procedure.steps),
          }
        : null,
      disclosure: shown,
      anonymisedAt: row.anonymised_at ? new Date(row.anonymised_at).toISOString() : null,
      referrals: referralList,
      transitions: transitions.map((t) => ({
        from: t.from_status as CaseState | null,
        to: t.to_status as CaseState,
        reason: t.reason,
        actor: t.actor_id ? { id: t.actor_id, displayName: `${t.first_name_th} ${t.last_name_th}` } : null,
        at: new Date(t.at).toISOString(),
      })),
    };
  }

  function audit(actor: CaseActor, now: Date) {
    return { actorUserId: actor.principal.userId, requestId: actor.requestId, now };
  }

  function staleVersion(): AppError {
    return new AppError('CONFLICT', { internal: 'stale case version' });
  }

  return {
    referrals,

    /** A screening queue in the actor's reach: crisis first, then oldest first. */
    async queue(actor: Principal, query: CaseQueueQuery): Promise<CasePage> {
      let list = db
        .selectFrom('case_file')
        .select(['case_file.id', sql<number>`count(*) over ()`.as('total')])
        .where('case_file.status', '<>', 'merged')
        .where(
          scopeFilter(actor, 'cases.screen', {
            unitId: sql.ref('case_file.responsible_unit_id'),
            provinceCode: sql.ref('case_file.province_code'),
            ministryId: caseMinistry,
          }),
        );
      if (query.queue === 'triage') list = list.where('case_file.status', '=', 'triage');
      else if (query.queue === 'mine') list = list.where('case_file.assigned_user_id', '=', actor.userId);
      else list = list.where('case_file.screened_at', 'is', null);
      if (query.provinceCode) list = list.where('case_file.province_code', '=', query.provinceCode);
      const rows = await list
        .orderBy('case_file.crisis', 'desc')
        .orderBy('case_file.created_at')
        .orderBy('case_file.id')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      const found = await summaries(rows.map((r) => r.id));
      return {
        items: rows.map((r) => found.get(r.id)!),
        total: rows.length ? Number(rows[0]!.total) : 0,
        limit: query.limit,
        offset: query.offset,
      };
    },

    /** One case with everything on it; the read itself goes into the audit trail (who saw which case, when). */
    async get(actor: CaseActor, caseId: string): Promise<CaseDetail> {
      const kase = await caseFor(actor.principal, caseId, 'cases.read');
      const shown = await disclosure.disclosureFor(
        actor.principal,
        caseId,
        [kase.scope, ...kase.openUnits],
        !!kase.anonymised_at,
      );
      await recordAudit(db, audit(actor, clock.now()), {
        action: 'case.view',
        entityType: 'case',
        entityId: caseId,
        after: { identified: !shown.masked && !kase.anonymised_at },
        scope: kase.scope,
      });
      return detail(caseId, shown);
    },

    /**
     * Breaks the glass: a reader without `cases.identify` states why they need
     * the identities; they see them for a while, and their supervisor is told.
     */
    async reveal(actor: CaseActor, caseId: string, reason: string): Promise<CaseDetail> {
      const kase = await caseFor(actor.principal, caseId, 'cases.read');
      if (kase.anonymised_at) throw new AppError('CASE_ANONYMISED');
      const before = await disclosure.disclosureFor(actor.principal, caseId, [kase.scope, ...kase.openUnits], false);
      if (before.canReveal) await disclosure.reveal(actor, kase, reason);
      const shown = await disclosure.disclosureFor(actor.principal, caseId, [kase.scope, ...kase.openUnits], false);
      await recordAudit(db, audit(actor, clock.now()), {
        action: 'case.view',
        entityType: 'case',
        entityId: caseId,
        after: { identified: !shown.masked },
        scope: kase.scope,
      });
      return detail(caseId, shown);
    },

    /** Who has seen the case (for people whose `audit.read` reaches it: the supervisors). */
    async accessLog(actor: CaseActor, caseId: string, query: CaseAccessQuery): Promise<CaseAccessPage> {
      await caseFor(actor.principal, caseId, 'audit.read');
      return disclosure.accessLog(caseId, query);
    },

    /**
     * Likely duplicates and related cases of this case: other cases with a
     * person of the same phone or ID (by keyed hash), a contact from the same
     * number, or a person of a similar name in the same province within 180
     * days. Cases already linked or merged are left out.
     */
    async related(actor: Principal, caseId: string): Promise<RelatedCase[]> {
      await caseFor(actor, caseId, 'cases.screen');
      const kase = await db
        .selectFrom('case_file')
        .select(['province_code', 'created_at'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      const people = await db
        .selectFrom('case_person')
        .select(['phone_index', 'id_number_index', 'name_protected'])
        .where('case_id', '=', caseId)
        .execute();
      const callers = await db
        .selectFrom('intake_contact')
        .select('caller_phone_index')
        .where('case_id', '=', caseId)
        .where('caller_phone_index', 'is not', null)
        .execute();
      const phones = [
        ...new Set([
          ...people.flatMap((p) => (p.phone_index ? [p.phone_index] : [])),
          ...callers.map((c) => c.caller_phone_index!),
        ]),
      ];
      const ids = [...new Set(people.flatMap((p) => (p.id_number_index ? [p.id_number_index] : [])))];
      const names = people.flatMap((p) => (p.name_protected ? [fields.reveal(p.name_protected, 'person.name')] : []));

      const reasons = new Map<string, Set<RelatedCase['reasons'][number]>>();
      const add = (id: string | null, reason: RelatedCase['reasons'][number]) => {
        if (id && id !== caseId) reasons.set(id, (reasons.get(id) ?? new Set()).add(reason));
      };
      if (phones.length) {
        const [byPerson, byContact] = await Promise.all([
          db.selectFrom('case_person').select('case_id').where('phone_index', 'in', phones).execute(),
          db.selectFrom('intake_contact').select('case_id').where('caller_phone_index', 'in', phones).execute(),
        ]);
        for (const row of [...byPerson, ...byContact]) add(row.case_id, 'same_phone');
      }
      if (ids.length)
        for (const row of await db
          .selectFrom('case_person')
          .select('case_id')
          .where('id_number_index', 'in', ids)
          .execute())
          add(row.case_id, 'same_id');
      if (names.length && kase.province_code) {
        const created = new Date(kase.created_at).getTime();
        const candidates = await db
          .selectFrom('case_person')
          .innerJoin('case_file', 'case_file.id', 'case_person.case_id')
          .select(['case_person.case_id', 'case_person.name_protected'])
          .where('case_file.province_code', '=', kase.province_code)
          .where('case_file.created_at', '>=', new Date(created - SIMILAR_NAME_DAYS * 86_400_000))
          .where('case_file.created_at', '<=', new Date(created + SIMILAR_NAME_DAYS * 86_400_000))
          .where('case_person.name_protected', 'is not', null)
          .where('case_person.case_id', '<>', caseId)
          .orderBy('case_file.created_at', 'desc')
          .limit(2_000)
          .execute();
        for (const candidate of candidates) {
          const name = fields.reveal(candidate.name_protected!, 'person.name');
          if (names.some((own) => nameSimilarity(own, name) >= 0.85)) add(candidate.case_id, 'similar_name');
        }
      }
      if (reasons.size === 0) return [];
      const linked = await db
        .selectFrom('case_link')
        .select(['case_id', 'related_case_id'])
        .where((eb) => eb.or([eb('case_id', '=', caseId), eb('related_case_id', '=', caseId)]))
        .execute();
      for (const link of linked) reasons.delete(link.case_id === caseId ? link.related_case_id : link.case_id);
      if (reasons.size === 0) return [];
      const cases = await db
        .selectFrom('case_file')
        .select([
          'id',
          'case_number',
          'status',
          'created_at',
          'responsible_unit_id',
          'province_code',
          caseMinistry.as('ministry_id'),
        ])
        .where('id', 'in', [...reasons.keys()])
        .where('status', '<>', 'merged')
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute();
      // Only cases the actor may see themselves are suggested.
      return cases
        .filter((c) => isAllowed(actor, 'cases.read', recordScope(c)))
        .map((c) => ({
          id: c.id,
          caseNumber: c.case_number,
          status: c.status,
          createdAt: new Date(c.created_at).toISOString(),
          reasons: [...reasons.get(c.id)!].sort(),
        }));
    },

    /**
     * The screening decision: what the case is (problem types, crisis,
     * severity) and where it goes — kept, routed again by the rules, or sent to
     * a unit staff chose, with the reason. Versioned: a stale edit is refused.
     */
    async screen(actor: CaseActor, caseId: string, input: ScreenCaseRequest): Promise<CaseDetail> {
      const kase = await caseFor(actor.principal, caseId, 'cases.screen');
      // Screening decides before the case is referred; afterwards the referral work takes over.
      if (kase.status !== 'new' && kase.status !== 'triage')
        throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `screening a ${kase.status} case` });
      if (kase.version !== input.version) throw staleVersion();
      const problemTypes = [...new Set(input.problemTypes)];
      const known = await db
        .selectFrom('problem_type')
        .select('code')
        .where('active', '=', true)
        .where('code', 'in', problemTypes)
        .execute();
      const unknown = problemTypes.filter((code) => !known.some((k) => k.code === code));
      if (unknown.length)
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.problemTypes',
              code: 'unknown_problem_type',
              message: `ไม่รู้จักประเภทปัญหา ${unknown.join(', ')} / Unknown problem types`,
            },
          ],
        });
      const current = await db
        .selectFrom('case_file')
        .select(['routing', 'crisis', 'severity', 'province_code', 'district_code', 'subdistrict_code', 'status'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      const now = clock.now();
      let routing = current.routing as RoutingDecision;
      if (input.route.kind === 'auto') {
        routing = await routeCase(db, {
          problemType: problemTypes[0]!,
          areaCode: current.subdistrict_code ?? current.district_code ?? current.province_code!,
          crisis: input.crisis,
          at: now,
        });
      } else if (input.route.kind === 'unit') {
        const unit = await db
          .selectFrom('unit')
          .select(['id', 'name_th', 'open_24_hours', 'active'])
          .where('id', '=', input.route.unitId)
          .executeTakeFirst();
        if (!unit || !unit.active)
          throw new AppError('VALIDATION_FAILED', {
            fields: [
              {
                path: 'body.route.unitId',
                code: 'unknown_unit',
                message: 'ไม่พบหน่วยงานนี้ หรือหน่วยงานปิดใช้งานแล้ว / No such active unit',
              },
            ],
          });
        routing = {
          unitId: unit.id,
          unitNameTh: unit.name_th,
          kind: 'manual',
          areaLevel: null,
          areaCode: null,
          leadAgency: false,
          open24Hours: unit.open_24_hours,
          reason: input.route.reason,
        };
      }
      const before = await summaries([caseId]);
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('case_file')
          .set({
            crisis: input.crisis,
            severity: input.severity,
            primary_problem_code: problemTypes[0]!,
            routing: JSON.stringify(routing),
            responsible_unit_id: routing.unitId,
            screened_at: now,
            screened_by: actor.principal.userId,
            updated_at: now,
            version: sql`version + 1`,
          })
          .where('id', '=', caseId)
          .where('version', '=', input.version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw staleVersion();
        const status = routing.unitId ? 'new' : 'triage';
        if (status !== kase.status)
          await moveCase(trx, {
            caseId,
            from: kase.status,
            to: status,
            actorUserId: actor.principal.userId,
            reason: routing.unitId ? `screening: ${routing.reason}` : 'screening: no unit — central triage',
            now,
            bumpVersion: false,
          });
        await trx.deleteFrom('case_problem_type').where('case_id', '=', caseId).execute();
        await trx
          .insertInto('case_problem_type')
          .values(problemTypes.map((code) => ({ case_id: caseId, problem_type_code: code })))
          .execute();
        const old = before.get(caseId)!;
        await recordAudit(trx, audit(actor, now), {
          action: 'case.screen',
          entityType: 'case',
          entityId: caseId,
          before: {
            problemTypes: old.problemTypes,
            crisis: old.crisis,
            severity: old.severity,
            unitId: old.responsibleUnit?.id ?? null,
          },
          after: {
            problemTypes,
            crisis: input.crisis,
            severity: input.severity,
            unitId: routing.unitId,
            routing: { kind: routing.kind, reason: routing.reason },
          },
          // Recorded where the case was and where it goes: both sides may read the trail.
          scope: kase.scope,
        });
      });
      return detailFor(actor.principal, caseId);
    },

    /** Links two cases about the same people or events; both stay open, each shows the other. */
    async link(actor: CaseActor, caseId: string, input: LinkCaseRequest): Promise<CaseDetail> {
      const kase = await caseFor(actor.principal, caseId, 'cases.screen');
      if (input.relatedCaseId === caseId)
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.relatedCaseId',
              code: 'same_case',
              message: 'ลิงก์เรื่องกับตัวเองไม่ได้ / A case cannot be linked to itself',
            },
          ],
        });
      await caseFor(actor.principal, input.relatedCaseId, 'cases.read');
      const [a, b] = [caseId, input.relatedCaseId].sort();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('case_link')
          .values({
            case_id: a!,
            related_case_id: b!,
            reason: input.reason,
            created_by: actor.principal.userId,
            created_at: now,
          })
          .onConflict((conflict) => conflict.columns(['case_id', 'related_case_id']).doNothing())
          .returning('case_id')
          .executeTakeFirst();
        if (inserted)
          await recordAudit(trx, audit(actor, now), {
            action: 'case.link',
            entityType: 'case',
            entityId: caseId,
            after: { relatedCaseId: input.relatedCaseId, reason: input.reason },
            scope: kase.scope,
          });
      });
      return detailFor(actor.principal, caseId);
    },

    async unlink(actor: CaseActor, caseId: string, relatedCaseId: string): Promise<CaseDetail> {
      const kase = await caseFor(actor.principal, caseId, 'cases.screen');
      const [a, b] = [caseId, relatedCaseId].sort();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('case_link')
          .where('case_id', '=', a!)
          .where('related_case_id', '=', b!)
          .returning('reason')
          .executeTakeFirst();
        if (!removed) throw new AppError('NOT_FOUND');
        await recordAudit(trx, audit(actor, now), {
          action: 'case.unlink',
          entityType: 'case',
          entityId: caseId,
          before: { relatedCaseId, reason: removed.reason },
          scope: kase.scope,
        });
      });
      return detailFor(actor.principal, caseId);
    },

    /**
     * Merges a duplicate into the case that carries on. Nothing is deleted: the
     * duplicate keeps its record with status `merged`; its contacts and
     * attachments move to the surviving case, and a public reporter's status
     * page follows it.
     */
    async merge(actor: CaseActor, caseId: string, input: MergeCaseRequest): Promise<CaseDetail> {
      const kase = await caseFor(actor.principal, caseId, 'cases.screen');
      if (input.intoCaseId === caseId)
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.intoCaseId',
              code: 'same_case',
              message: 'รวมเรื่องกับตัวเองไม่ได้ / A case cannot be merged into itself',
            },
          ],
        });
      const target = await caseFor(actor.principal, input.intoCaseId, 'cases.screen');
      if (kase.status === 'merged') throw new AppError('CONFLICT', { internal: 'already merged' });
      if (!canTransition(kase.status, 'merged'))
        throw new AppError('TRANSITION_NOT_ALLOWED', { internal: `merging a ${kase.status} case` });
      if (target.status === 'merged')
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: 'body.intoCaseId',
              code: 'merged_case',
              message: 'เรื่องปลายทางถูกรวมไปแล้ว / That case was itself merged',
            },
          ],
        });
      if (kase.version !== input.version) throw staleVersion();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('case_file')
          .set({
            merged_into_id: input.intoCaseId,
            screened_at: sql`coalesce(screened_at, ${now})`,
            screened_by: sql`coalesce(screened_by, ${actor.principal.userId}::uuid)`,
            updated_at: now,
            version: sql`version + 1`,
          })
          .where('id', '=', caseId)
          .where('version', '=', input.version)
          .where('status', '<>', 'merged')
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw staleVersion();
        await moveCase(trx, {
          caseId,
          from: kase.status,
          to: 'merged',
          actorUserId: actor.principal.userId,
          reason: input.reason,
          now,
          bumpVersion: false,
        });
        // Earlier duplicates of this one follow it to the surviving case.
        await trx
          .updateTable('case_file')
          .set({ merged_into_id: input.intoCaseId })
          .where('merged_into_id', '=', caseId)
          .execute();
        const contacts = await trx
          .updateTable('intake_contact')
          .set({ case_id: input.intoCaseId })
          .where('case_id', '=', caseId)
          .returning('id')
          .execute();
        const attachments = await trx
          .updateTable('case_attachment')
          .set({ case_id: input.intoCaseId })
          .where('case_id', '=', caseId)
          .returning('id')
          .execute();
        await trx
          .updateTable('case_file')
          .set({ updated_at: now, version: sql`version + 1` })
          .where('id', '=', input.intoCaseId)
          .execute();
        const event = { reason: input.reason, contacts: contacts.length, attachments: attachments.length };
        await recordAudit(trx, audit(actor, now), {
          action: 'case.merge',
          entityType: 'case',
          entityId: caseId,
          before: { status: kase.status },
          after: { status: 'merged', mergedIntoId: input.intoCaseId, ...event },
          scope: kase.scope,
        });
        await recordAudit(trx, audit(actor, now), {
          action: 'case.merge.received',
          entityType: 'case',
          entityId: input.intoCaseId,
          after: { mergedCaseId: caseId, ...event },
          scope: target.scope,
        });
      });
      return detailFor(actor.principal, caseId);
    },

    /** Files staff attach to a case: photos and PDFs, checked by their content, stored encrypted. */
    async addAttachments(actor: CaseActor, caseId: string, files: readonly UploadedFile[]): Promise<CaseDetail> {
      // The screening desk, or a unit working the case (its reports, medical papers, photos).
      const kase = await caseForAny(actor.principal, caseId, ['cases.work', 'cases.screen']);
      if (files.length === 0)
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            { path: 'body.files', code: 'file_required', message: 'เลือกไฟล์อย่างน้อยหนึ่งไฟล์ / Choose at least one file' },
          ],
        });
      const checked = await checkAttachments(files, STAFF_MEDIA_TYPES, 'body.files');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const ids = await storeAttachments(trx, fields, caseId, checked, {
          source: 'staff',
          uploadedBy: actor.principal.userId,
          now,
        });
        await recordAudit(trx, audit(actor, now), {
          action: 'case.attachment.add',
          entityType: 'case',
          entityId: caseId,
          after: { attachments: ids, types: checked.map((file) => file.mediaType) },
          scope: kase.scope,
        });
      });
      return detailFor(actor.principal, caseId);
    },

    /** One attachment's content, for someone who may read the case; each opening is audited. */
    async attachment(
      actor: CaseActor,
      caseId: string,
      attachmentId: string,
    ): Promise<{ mediaType: string; fileName: string | null; content: Buffer }> {
      const kase = await caseFor(actor.principal, caseId, 'cases.read');
      const row = await db
        .selectFrom('case_attachment')
        .select(['media_type', 'file_name_protected', 'content_protected'])
        .where('id', '=', attachmentId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      if (kase.anonymised_at) throw new AppError('CASE_ANONYMISED');
      const shown = await disclosure.disclosureFor(actor.principal, caseId, [kase.scope, ...kase.openUnits], false);
      if (shown.masked) throw new AppError('IDENTITIES_MASKED');
      await recordAudit(db, audit(actor, clock.now()), {
        action: 'case.attachment.view',
        entityType: 'case',
        entityId: caseId,
        after: { attachmentId },
        scope: kase.scope,
      });
      return {
        mediaType: row.media_type,
        fileName: fields.revealOptional(row.file_name_protected, 'attachment.file_name'),
        content: fields.revealBytes(row.content_protected, 'attachment.content'),
      };
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
