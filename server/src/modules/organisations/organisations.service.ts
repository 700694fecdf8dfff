import type {
  Agency,
  CreateAgencyRequest,
  CreateUnitRequest,
  MoveAgencyRequest,
  MoveUnitRequest,
  SetActiveRequest,
  UnitDetail,
  UnitListQuery,
  UpdateAgencyRequest,
  UpdateUnitRequest,
} from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.ts';
import { isAllowed, type Principal, type RecordScope } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, type FieldProblem } from '../../platform/http/app-error.ts';
import {
  createOrganisationsRepository,
  type AgencyRecord,
  type OrganisationsRepository,
  type UnitChanges,
} from './organisations.repository.ts';

export interface RequestContext {
  actor: Principal;
  requestId: string | null;
}

function invalid(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, code, message }] });
}

/** A unit's place for the permission rules: itself, its province, its ministry. */
function unitRecord(unit: { id: string | null; provinceCode: string | null; ministryId: string | null }): RecordScope {
  return { unitId: unit.id, provinceCode: unit.provinceCode, ministryId: unit.ministryId };
}

/** An agency is managed at ministry level: only those whose reach covers the whole ministry. */
function agencyRecord(agency: { rootId: string | null }): RecordScope {
  return { unitId: null, provinceCode: null, ministryId: agency.rootId };
}

/** The auditable state of a unit: what a person edits, areas and problem types included. */
function auditState(unit: UnitDetail) {
  return {
    agencyId: unit.agencyId,
    code: unit.code,
    type: unit.type,
    nameTh: unit.nameTh,
    nameEn: unit.nameEn,
    provinceCode: unit.provinceCode,
    districtCode: unit.districtCode,
    subdistrictCode: unit.subdistrictCode,
    address: unit.address,
    postcode: unit.postcode,
    phone: unit.phone,
    email: unit.email,
    officeHours: unit.officeHours,
    active: unit.active,
  };
}

function agencyState(agency: AgencyRecord) {
  return {
    code: agency.code,
    parentId: agency.parentId,
    abbrTh: agency.abbrTh,
    nameTh: agency.nameTh,
    nameEn: agency.nameEn,
    active: agency.active,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function createOrganisationsService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  const organisations = createOrganisationsRepository(db);

  function audit(context: RequestContext, now: Date): AuditContext {
    return { actorUserId: context.actor.userId, requestId: context.requestId, now };
  }

  /** Province, district and subdistrict must exist and nest; missing upper levels are filled from the lower. */
  async function placeOf(
    repo: OrganisationsRepository,
    input: { provinceCode?: string | null; districtCode?: string | null; subdistrictCode?: string | null },
  ): Promise<{ provinceCode: string | null; districtCode: string | null; subdistrictCode: string | null }> {
    const subdistrictCode = input.subdistrictCode ?? null;
    const districtCode = input.districtCode ?? subdistrictCode?.slice(0, 4) ?? null;
    const provinceCode = input.provinceCode ?? districtCode?.slice(0, 2) ?? null;
    const problems: FieldProblem[] = [];
    if (districtCode && provinceCode && districtCode.slice(0, 2) !== provinceCode)
      problems.push({
        path: 'body.districtCode',
        code: 'outside_province',
        message: 'อำเภอไม่อยู่ในจังหวัดนี้ / District not in this province',
      });
    if (subdistrictCode && districtCode && subdistrictCode.slice(0, 4) !== districtCode)
      problems.push({
        path: 'body.subdistrictCode',
        code: 'outside_district',
        message: 'ตำบลไม่อยู่ในอำเภอนี้ / Subdistrict not in this district',
      });
    const codes = [provinceCode, districtCode, subdistrictCode].filter((c): c is string => !!c);
    for (const unknown of await repo.unknownAreaCodes(codes)) {
      const field = unknown.length === 2 ? 'provinceCode' : unknown.length === 4 ? 'districtCode' : 'subdistrictCode';
      problems.push({
        path: `body.${field}`,
        code: 'unknown_area',
        message: `ไม่พบรหัสพื้นที่ ${unknown} / Unknown area code ${unknown}`,
      });
    }
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
    return { provinceCode, districtCode, subdistrictCode };
  }

  async function checkAreasAndProblems(
    repo: OrganisationsRepository,
    areas: readonly string[] | undefined,
    problemTypes: readonly string[] | undefined,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (areas?.length) {
      const unknown = await repo.unknownAreaCodes([...new Set(areas)]);
      if (unknown.length)
        problems.push({
          path: 'body.areas',
          code: 'unknown_area',
          message: `ไม่พบรหัสพื้นที่ ${unknown.slice(0, 10).join(', ')} / Unknown area codes`,
        });
    }
    if (problemTypes?.length) {
      const known = new Set((await repo.listProblemTypes()).filter((p) => p.active).map((p) => p.code));
      const unknown = problemTypes.filter((code) => !known.has(code));
      if (unknown.length)
        problems.push({
          path: 'body.problemTypes',
          code: 'unknown_problem_type',
          message: `ไม่พบประเภทปัญหา ${unknown.join(', ')} / Unknown problem types`,
        });
    }
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  }

  /**
   * New areas a person adds must lie within their reach at province level or
   * wider (a unit head cannot claim other provinces for their unit).
   */
  function assertCanClaimAreas(
    actor: Principal,
    ministryId: string | null,
    before: readonly string[],
    after: readonly string[],
  ) {
    const added = after.filter((code) => !before.includes(code));
    for (const province of new Set(added.map((code) => code.slice(0, 2)))) {
      if (!isAllowed(actor, 'organisations.manage', { unitId: null, provinceCode: province, ministryId }))
        throw new AppError('FORBIDDEN', { internal: `area ${province} outside reach` });
    }
  }

  async function requireUnitToManage(actor: Principal, unitId: string): Promise<UnitDetail> {
    const scope = await organisations.unitScope(unitId);
    if (!scope) throw new AppError('NOT_FOUND');
    if (!isAllowed(actor, 'organisations.manage', unitRecord(scope))) {
      // Readable but not yours to change: 403; not even readable: 404.
      throw isAllowed(actor, 'organisations.read', unitRecord(scope))
        ? new AppError('FORBIDDEN')
        : new AppError('NOT_FOUND');
    }
    const unit = await organisations.getUnit(unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    return unit;
  }

  async function requireAgencyToManage(actor: Principal, agencyId: string): Promise<AgencyRecord> {
    const agency = await organisations.findAgency(agencyId);
    if (!agency) throw new AppError('NOT_FOUND');
    if (!isAllowed(actor, 'organisations.manage', agencyRecord(agency))) throw new AppError('FORBIDDEN');
    return agency;
  }

  return {
    listAgencies: (): Promise<Agency[]> => organisations.listAgencies(),
    listProblemTypes: () => organisations.listProblemTypes(),
    listUnits: (actor: Principal, query: UnitListQuery) => organisations.listUnits(actor, 'organisations.read', query),

    async getUnit(actor: Principal, unitId: string): Promise<UnitDetail> {
      const unit = await organisations.getUnit(unitId);
      if (
        !unit ||
        !isAllowed(
          actor,
          'organisations.read',
          unitRecord({ id: unit.id, provinceCode: unit.provinceCode, ministryId: unit.agency.rootId }),
        )
      )
        throw new AppError('NOT_FOUND');
      return unit;
    },

    async createUnit(context: RequestContext, input: CreateUnitRequest): Promise<UnitDetail> {
      const agency = await organisations.findAgency(input.agencyId);
      if (!agency || !agency.active) throw invalid('body.agencyId', 'unknown_agency', 'ไม่พบสังกัดนี้ / Unknown agency');
      const place = await placeOf(organisations, input);
      if (
        !isAllowed(
          context.actor,
          'organisations.manage',
          unitRecord({ id: null, provinceCode: place.provinceCode, ministryId: agency.rootId }),
        )
      )
        throw new AppError('FORBIDDEN', { internal: 'new unit outside reach' });
      const areas = [...new Set(input.areas)];
      const problemTypes = [...new Set(input.problemTypes)];
      await checkAreasAndProblems(organisations, areas, problemTypes);
      assertCanClaimAreas(context.actor, agency.rootId, [], areas);
      if (await organisations.unitCodeInUse(input.code)) throw new AppError('CODE_IN_USE');
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const repo = createOrganisationsRepository(trx);
        const ids = await repo.insertUnits(
          [
            {
              agencyId: input.agencyId,
              code: input.code,
              type: input.type,
              nameTh: input.nameTh,
              nameEn: input.nameEn ?? null,
              ...place,
              address: input.address ?? null,
              postcode: input.postcode ?? null,
              phone: input.phone ?? null,
              email: input.email ?? null,
              officeHours: input.officeHours,
            },
          ],
          now,
        );
        const unitId = ids.get(input.code)!;
        await repo.replaceAreas(unitId, areas);
        await repo.replaceProblemTypes(unitId, problemTypes);
        const created = (await repo.getUnit(unitId))!;
        await recordAudit(trx, audit(context, now), {
          action: 'unit.create',
          entityType: 'unit',
          entityId: unitId,
          after: { ...auditState(created), areas, problemTypes },
        });
        return unitId;
      });
      return (await organisations.getUnit(id))!;
    },

    /** Edits a unit, its areas and problem types; `version` must match (no lost update). */
    async updateUnit(context: RequestContext, unitId: string, input: UpdateUnitRequest): Promise<UnitDetail> {
      const { actor } = context;
      const current = await requireUnitToManage(actor, unitId);
      if (current.version !== input.version) throw new AppError('CONFLICT');
      const placeGiven =
        input.provinceCode !== undefined || input.districtCode !== undefined || input.subdistrictCode !== undefined;
      const place = placeGiven
        ? await placeOf(organisations, {
            provinceCode: input.provinceCode ?? null,
            districtCode: input.districtCode ?? null,
            subdistrictCode: input.subdistrictCode ?? null,
          })
        : {
            provinceCode: current.provinceCode,
            districtCode: current.districtCode,
            subdistrictCode: current.subdistrictCode,
          };
      if (
        place.provinceCode !== current.provinceCode &&
        !isAllowed(
          actor,
          'organisations.manage',
          unitRecord({ id: null, provinceCode: place.provinceCode, ministryId: current.agency.rootId }),
        )
      )
        throw new AppError('FORBIDDEN', { internal: 'new province outside reach' });
      const currentAreas = current.areas.map((area) => area.code);
      const areas = input.areas ? [...new Set(input.areas)] : undefined;
      const problemTypes = input.problemTypes ? [...new Set(input.problemTypes)] : undefined;
      await checkAreasAndProblems(organisations, areas, problemTypes);
      if (areas) assertCanClaimAreas(actor, current.agency.rootId, currentAreas, areas);
      if (input.code && input.code !== current.code && (await organisations.unitCodeInUse(input.code, unitId)))
        throw new AppError('CODE_IN_USE');

      const changes: UnitChanges = {
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.nameTh !== undefined ? { name_th: input.nameTh } : {}),
        ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
        province_code: place.provinceCode,
        district_code: place.districtCode,
        subdistrict_code: place.subdistrictCode,
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.postcode !== undefined ? { postcode: input.postcode } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.officeHours !== undefined ? { office_hours: input.officeHours } : {}),
      };
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const repo = createOrganisationsRepository(trx);
        if (!(await repo.updateUnit(unitId, input.version, changes, now))) throw new AppError('CONFLICT');
        const updated = (await repo.getUnit(unitId))!;
        const before = auditState(current);
        const after = auditState(updated);
        if (JSON.stringify(before) !== JSON.stringify(after))
          await recordAudit(trx, audit(context, now), {
            action: 'unit.update',
            entityType: 'unit',
            entityId: unitId,
            before,
            after,
          });
        if (areas && !sameSet(areas, currentAreas)) {
          await repo.replaceAreas(unitId, areas);
          await recordAudit(trx, audit(context, now), {
            action: 'unit.areas.update',
            entityType: 'unit_area',
            entityId: unitId,
            before: { areas: currentAreas },
            after: { areas },
          });
        }
        if (problemTypes && !sameSet(problemTypes, current.problemTypes)) {
          await repo.replaceProblemTypes(unitId, problemTypes);
          await recordAudit(trx, audit(context, now), {
            action: 'unit.problem_types.update',
            entityType: 'unit',
            entityId: unitId,
            before: { problemTypes: current.problemTypes },
            after: { problemTypes },
          });
        }
      });
      return (await organisations.getUnit(unitId))!;
    },

    /** Moves a unit to another agency; the person needs reach over it where it is and where it goes. */
    async moveUnit(context: RequestContext, unitId: string, input: MoveUnitRequest): Promise<UnitDetail> {
      const current = await requireUnitToManage(context.actor, unitId);
      if (current.version !== input.version) throw new AppError('CONFLICT');
      const target = await organisations.findAgency(input.agencyId);
      if (!target || !target.active) throw invalid('body.agencyId', 'unknown_agency', 'ไม่พบสังกัดนี้ / Unknown agency');
      if (target.id === current.agencyId) return current;
      if (
        !isAllowed(
          context.actor,
          'organisations.manage',
          unitRecord({ id: null, provinceCode: current.provinceCode, ministryId: target.rootId }),
        )
      )
        throw new AppError('FORBIDDEN', { internal: 'target agency outside reach' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        if (
          !(await createOrganisationsRepository(trx).updateUnit(unitId, input.version, { agency_id: target.id }, now))
        )
          throw new AppError('CONFLICT');
        await recordAudit(trx, audit(context, now), {
          action: 'unit.move',
          entityType: 'unit',
          entityId: unitId,
          // Recorded where the unit was: the ministry it leaves sees it go.
          scope: { unitId, provinceCode: current.provinceCode, ministryId: current.agency.rootId },
          before: { agencyId: current.agencyId, agencyNameTh: current.agency.nameTh },
          after: { agencyId: target.id, agencyNameTh: target.nameTh },
        });
      });
      return (await organisations.getUnit(unitId))!;
    },

    /**
     * Deactivates (or reactivates) a unit. A unit is never deleted — cases,
     * referrals and reports keep pointing at it. One that still has active
     * people cannot be closed until they are moved or disabled.
     */
    async setUnitActive(context: RequestContext, unitId: string, input: SetActiveRequest): Promise<UnitDetail> {
      const current = await requireUnitToManage(context.actor, unitId);
      if (current.version !== input.version) throw new AppError('CONFLICT');
      if (current.active === input.active) return current;
      if (!input.active && (await organisations.activeUsersOfUnit(unitId)) > 0) throw new AppError('STILL_IN_USE');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const changed = await createOrganisationsRepository(trx).updateUnit(
          unitId,
          input.version,
          { active: input.active, deactivated_at: input.active ? null : now },
          now,
        );
        if (!changed) throw new AppError('CONFLICT');
        await recordAudit(trx, audit(context, now), {
          action: input.active ? 'unit.reactivate' : 'unit.deactivate',
          entityType: 'unit',
          entityId: unitId,
          before: { active: current.active },
          after: { active: input.active, reason: input.reason ?? null },
        });
      });
      return (await organisations.getUnit(unitId))!;
    },

    async createAgency(context: RequestContext, input: CreateAgencyRequest): Promise<Agency> {
      const parent = input.parentId ? await organisations.findAgency(input.parentId) : null;
      if (input.parentId && (!parent || !parent.active))
        throw invalid('body.parentId', 'unknown_agency', 'ไม่พบสังกัดนี้ / Unknown agency');
      // A new ministry has no ministry yet: only a nation-wide reach may create one.
      if (
        !isAllowed(
          context.actor,
          'organisations.manage',
          parent ? agencyRecord(parent) : { unitId: null, provinceCode: null, ministryId: null },
        )
      )
        throw new AppError('FORBIDDEN');
      if (await organisations.agencyCodeInUse(input.code)) throw new AppError('CODE_IN_USE');
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const agencyId = await createOrganisationsRepository(trx).insertAgency(input, now);
        await recordAudit(trx, audit(context, now), {
          action: 'agency.create',
          entityType: 'agency',
          entityId: agencyId,
          after: input,
        });
        return agencyId;
      });
      return (await organisations.listAgencies(id))[0]!;
    },

    async updateAgency(context: RequestContext, agencyId: string, input: UpdateAgencyRequest): Promise<Agency> {
      const current = await requireAgencyToManage(context.actor, agencyId);
      if (current.version !== input.version) throw new AppError('CONFLICT');
      if (input.code && input.code !== current.code && (await organisations.agencyCodeInUse(input.code, agencyId)))
        throw new AppError('CODE_IN_USE');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const repo = createOrganisationsRepository(trx);
        const changed = await repo.updateAgency(
          agencyId,
          input.version,
          {
            ...(input.code !== undefined ? { code: input.code } : {}),
            ...(input.abbrTh !== undefined ? { abbr_th: input.abbrTh } : {}),
            ...(input.nameTh !== undefined ? { name_th: input.nameTh } : {}),
            ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
          },
          now,
        );
        if (!changed) throw new AppError('CONFLICT');
        await recordAudit(trx, audit(context, now), {
          action: 'agency.update',
          entityType: 'agency',
          entityId: agencyId,
          before: agencyState(current),
          after: agencyState((await repo.findAgency(agencyId))!),
        });
      });
      return (await organisations.listAgencies(agencyId))[0]!;
    },

    /** Moves an agency (and everything below it) under another parent, or makes it a ministry of its own. */
    async moveAgency(context: RequestContext, agencyId: string, input: MoveAgencyRequest): Promise<Agency> {
      const current = await requireAgencyToManage(context.actor, agencyId);
      if (current.version !== input.version) throw new AppError('CONFLICT');
      const parent = input.parentId ? await organisations.findAgency(input.parentId) : null;
      if (input.parentId && (!parent || !parent.active))
        throw invalid('body.parentId', 'unknown_agency', 'ไม่พบสังกัดนี้ / Unknown agency');
      if (parent && parent.path.startsWith(current.path))
        throw invalid(
          'body.parentId',
          'cycle',
          'ย้ายไปอยู่ใต้ตัวเองหรือหน่วยงานลูกไม่ได้ / Cannot move under itself or below it',
        );
      if (
        !isAllowed(
          context.actor,
          'organisations.manage',
          parent ? agencyRecord(parent) : { unitId: null, provinceCode: null, ministryId: null },
        )
      )
        throw new AppError('FORBIDDEN', { internal: 'target parent outside reach' });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        if (!(await createOrganisationsRepository(trx).moveAgency(current, parent, input.version, now)))
          throw new AppError('CONFLICT');
        await recordAudit(trx, audit(context, now), {
          action: 'agency.move',
          entityType: 'agency',
          entityId: agencyId,
          before: { parentId: current.parentId, rootId: current.rootId },
          after: { parentId: parent?.id ?? null, rootId: parent?.rootId ?? agencyId },
        });
      });
      return (await organisations.listAgencies(agencyId))[0]!;
    },

    async setAgencyActive(context: RequestContext, agencyId: string, input: SetActiveRequest): Promise<Agency> {
      const current = await requireAgencyToManage(context.actor, agencyId);
      if (current.version !== input.version) throw new AppError('CONFLICT');
      if (current.active !== input.active) {
        if (!input.active) {
          const dependants = await organisations.agencyDependants(current);
          if (dependants.units > 0 || dependants.agencies > 0) throw new AppError('STILL_IN_USE');
        }
        const now = clock.now();
        await db.transaction().execute(async (trx) => {
          if (
            !(await createOrganisationsRepository(trx).updateAgency(
              agencyId,
              input.version,
              { active: input.active },
              now,
            ))
          )
            throw new AppError('CONFLICT');
          await recordAudit(trx, audit(context, now), {
            action: input.active ? 'agency.reactivate' : 'agency.deactivate',
            entityType: 'agency',
            entityId: agencyId,
            before: { active: current.active },
            after: { active: input.active, reason: input.reason ?? null },
          });
        });
      }
      return (await organisations.listAgencies(agencyId))[0]!;
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
