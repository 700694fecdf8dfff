import { ROLE_CODES } from '@oscc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';
import {
  EXCLUDED_ROLES,
  WORLD_ENV,
  buildTargetWorld,
  createActors,
  pngUpload,
  snapshotTargetWorld,
  type Actor,
  type World,
} from './support/openapi-permissions-world.ts';

/**
 * The permission matrix over EVERY operation of the OpenAPI document: each is
 * called by one person per role from another province (Chiang Mai) and
 * another ministry (Labour) — see support/openapi-permissions-world.ts — with
 * the path parameters of records in Ratchaburi at the Ministry of Public
 * Health's crisis centre (the "target"), and a valid body, so that what
 * answers is the access decision and not validation. Each must be refused
 * (401/403/404) with nothing of the target in the answer — or, for the few
 * operations every holder of the action may call (lists, reports, searches),
 * answer with nothing of the target in it. After all of them the target is
 * unchanged.
 *
 * Every operation of the document must have a line in OPERATIONS below: a new
 * route fails "every operation … is classified" until someone says how it is
 * checked. One line per operation:
 *   deny((w) => ({ params, query, body }))            refused: 401, 403 or 404, nothing of the target in it
 *   noLeak('why', (w) => ({ … }), extraCheck?)        may answer (2xx), but nothing of the target in it
 *   open('why it is open to everyone')                not called: public, the person's own, or reference data
 * `w` is the target world (support/openapi-permissions-world.ts): add a record there if a new path needs one.
 * Path parameters not given are an error; bodies should be valid (a 400 fails the test: validation runs before
 * the route's access check, and a 400 would hide what the access check would have said).
 */

type Probe = {
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body with its content type (uploads, spreadsheets). */
  raw?: () => Promise<{ payload: Buffer | string; contentType: string }>;
};
type Check =
  | { kind: 'deny'; probe: (w: World) => Probe }
  | { kind: 'noLeak'; probe: (w: World) => Probe; why: string; also?: (body: unknown) => void }
  | { kind: 'open'; why: string };

const deny = (probe: (w: World) => Probe = () => ({})): Check => ({ kind: 'deny', probe });
const noLeak = (why: string, probe: (w: World) => Probe = () => ({}), also?: (body: unknown) => void): Check => ({
  kind: 'noLeak',
  probe,
  why,
  also,
});
const open = (why: string): Check => ({ kind: 'open', why });

const caseParams = (w: World) => ({ id: w.caseA.id });
const onCaseA = (w: World): Probe => ({ params: caseParams(w) });
const note = 'ทดสอบสิทธิ์';
const future = '2099-01-01T00:00:00+07:00';

/**
 * The classification of every operation of the OpenAPI document, by `METHOD /path` as the document writes it.
 * Keep it in the document's order; add one line per new operation.
 */
const OPERATIONS: Record<string, Check> = {
  // ——— system, sign-in, geography: public or the person's own session ———
  'GET /healthz': open('readiness probe (the older name), no data'),
  'GET /livez': open('liveness probe, no data'),
  'GET /readyz': open('readiness probe, no data'),
  'GET /api/system/jobs': deny(),
  'POST /api/auth/sign-in': open('public: signing in'),
  'POST /api/auth/sign-in/second-factor': open('public: the second step of signing in, bound to its challenge'),
  'POST /api/auth/sign-out': open('public: ends the caller’s own session'),
  'GET /api/auth/session': open('the caller’s own session and permissions'),
  'POST /api/auth/totp/setup': open('the caller’s own two-step verification'),
  'POST /api/auth/totp/confirm': open('the caller’s own two-step verification'),
  'GET /api/auth/password-link': open('public: checks a single-use link token (only its hash is stored)'),
  'POST /api/auth/password': open('public: sets a password with a single-use link token'),
  'POST /api/auth/password-reset': open('public: same answer whether or not the e-mail exists'),
  'GET /api/geography/provinces': open('public reference data'),
  'GET /api/geography/provinces/{code}/districts': open('public reference data'),
  'GET /api/geography/districts/{code}/subdistricts': open('public reference data'),
  'GET /api/geography/search': open('public reference data'),

  // ——— organisations: reading is `everywhere` for every role; changing is in scope ———
  'GET /api/agencies': open('organisations.read is `everywhere` for every role: the directory of agencies'),
  'POST /api/agencies': deny((w) => ({ body: { code: 'MOPH-PROBE', parentId: w.mophAgencyId, nameTh: note } })),
  'PATCH /api/agencies/{id}': deny((w) => ({
    params: { id: w.mophOpsAgencyId },
    body: { version: w.mophOpsAgencyVersion, nameTh: note },
  })),
  'POST /api/agencies/{id}/move': deny((w) => ({
    params: { id: w.mophOpsAgencyId },
    body: { parentId: w.actorMinistryId, version: w.mophOpsAgencyVersion },
  })),
  'POST /api/agencies/{id}/active': deny((w) => ({
    params: { id: w.mophOpsAgencyId },
    body: { active: false, version: w.mophOpsAgencyVersion, reason: note },
  })),
  'GET /api/problem-types': open('signed in: the problem-type taxonomy, reference data'),
  // National reference data: no province's or ministry's people may change it.
  'POST /api/problem-types': deny(() => ({
    body: {
      code: 'zz_probe',
      nameTh: note,
      nameEn: 'Probe',
      urgent: false,
      leadAgencyCode: null,
      sortOrder: 1,
      active: true,
    },
  })),
  'PUT /api/problem-types/{code}': deny(() => ({
    params: { code: 'violence' },
    body: { nameTh: note, nameEn: 'Probe', urgent: false, leadAgencyCode: null, sortOrder: 1, active: true },
  })),
  'GET /api/holidays': open('signed in: the public-holiday calendar, reference data'),
  'PUT /api/holidays/{day}': deny(() => ({ params: { day: '2026-12-30' }, body: { nameTh: note, nameEn: 'Probe' } })),
  'DELETE /api/holidays/{day}': deny(() => ({ params: { day: '2026-01-01' } })),
  'GET /api/routing/preview': open(
    'organisations.read (`everywhere`): which public unit a problem and place would go to',
  ),
  'GET /api/units': open('organisations.read is `everywhere` for every role: the directory of units'),
  'POST /api/units': deny((w) => ({
    body: {
      agencyId: w.mophOpsAgencyId,
      code: 'MOPH-PROBE-70',
      type: 'hospital_crisis_centre',
      nameTh: note,
      provinceCode: '70',
    },
  })),
  'GET /api/units/{id}': open('organisations.read is `everywhere` for every role: one unit of the directory'),
  'PATCH /api/units/{id}': deny((w) => ({
    params: { id: w.hospitalUnitId },
    body: { version: w.hospitalUnitVersion, phone: '021234567' },
  })),
  'POST /api/units/{id}/move': deny((w) => ({
    params: { id: w.hospitalUnitId },
    body: { agencyId: w.actorMinistryId, version: w.hospitalUnitVersion },
  })),
  'POST /api/units/{id}/active': deny((w) => ({
    params: { id: w.hospitalUnitId },
    body: { active: false, version: w.hospitalUnitVersion, reason: note },
  })),
  // Applying an import with a row that renames the target unit (matched by its code): those who hold
  // organisations.manage get the row back as an error (outside their reach) and nothing applied.
  'POST /api/units/import': noLeak(
    'a spreadsheet import: refused row by row, nothing applied',
    () => ({
      query: { apply: 'true', filename: 'units.csv' },
      raw: async () => ({
        contentType: 'text/csv',
        payload:
          '\uFEFFcode;name_th;type;agency;province;district;office_hours;areas;problem_types\n' +
          'MOPH-OSCC-70-03;ศูนย์ทดสอบสิทธิ์;ศูนย์พึ่งได้;MOPH-OPS;ราชบุรี;เมืองราชบุรี;24 ชั่วโมง;70;violence\n',
      }),
    }),
    nothingApplied,
  ),

  // ——— social media intake ———
  'POST /api/webhooks/line': open('public: LINE’s webhook, refused without the channel’s signature'),
  'POST /api/webhooks/facebook': open('public: Messenger’s webhook, refused without the app’s signature'),
  'GET /api/webhooks/facebook': open('public: Messenger’s subscription handshake, needs the verify token'),
  // The target's conversation was triaged into case E (Ratchaburi): its messages are the target's.
  'GET /api/social/conversations': noLeak('the intake inbox: conversations not yet triaged are nobody’s yet', () => ({
    query: { status: 'all' },
  })),
  'GET /api/social/conversations/{id}': deny((w) => ({ params: { id: w.conversationId } })),
  'POST /api/social/conversations/{id}/replies': deny((w) => ({
    params: { id: w.conversationId },
    body: { text: note },
  })),
  'POST /api/social/conversations/{id}/triage': deny((w) => ({
    params: { id: w.conversationId },
    body: { outcome: 'advice', summary: note },
  })),

  // ——— cases ———
  'GET /api/cases': noLeak('the case list, filtered to the actor’s scope', () => ({ query: { limit: '100' } })),
  'GET /api/cases/{id}': deny(onCaseA),
  'GET /api/cases/{id}/related': deny(onCaseA),
  'POST /api/cases/{id}/screening': deny((w) => ({
    params: { id: w.caseA.id },
    body: { version: w.caseA.version, problemTypes: ['violence'], crisis: true, severity: 4, route: { kind: 'keep' } },
  })),
  'POST /api/cases/{id}/links': deny((w) => ({
    params: { id: w.caseA.id },
    body: { relatedCaseId: w.caseC.id, reason: note },
  })),
  'DELETE /api/cases/{id}/links/{relatedCaseId}': deny((w) => ({
    params: { id: w.caseA.id, relatedCaseId: w.caseB.id },
  })),
  'POST /api/cases/{id}/merge': deny((w) => ({
    params: { id: w.caseB.id },
    body: { version: w.caseB.version, intoCaseId: w.caseA.id, reason: note },
  })),
  'POST /api/cases/{id}/reveal': deny((w) => ({
    params: caseParams(w),
    body: { reason: 'ต้องการติดต่อผู้เสียหายเพื่อทดสอบสิทธิ์' },
  })),
  'GET /api/cases/{id}/access-log': deny(onCaseA),
  'POST /api/cases/{id}/attachments': deny((w) => ({ params: caseParams(w), raw: pngUpload })),
  'GET /api/cases/{id}/attachments/{attachmentId}': deny((w) => ({
    params: { id: w.caseA.id, attachmentId: w.attachmentId },
  })),
  // Sending the target case to the actor's own unit would hand them the case.
  'POST /api/cases/{id}/referrals': deny((w) => ({
    params: caseParams(w),
    body: { unitId: w.actorUnitId, kind: 'team', note },
  })),
  'GET /api/referrals': noLeak('the referral inbox of the actor’s units; asked for the target’s unit', (w) => ({
    query: { unitId: w.stationUnitId, status: 'all' },
  })),
  'POST /api/referrals/{id}/accept': deny((w) => ({
    params: { id: w.referralId },
    body: { version: w.referralVersion },
  })),
  'POST /api/referrals/{id}/decline': deny((w) => ({
    params: { id: w.referralId },
    body: { version: w.referralVersion, reason: note },
  })),
  'POST /api/referrals/{id}/revoke': deny((w) => ({
    params: { id: w.referralId },
    body: { version: w.referralVersion, reason: note },
  })),
  'POST /api/referrals/{id}/transfer': deny((w) => ({
    params: { id: w.referralId },
    body: { version: w.referralVersion, toUnitId: w.actorUnitId, reason: note },
  })),
  'GET /api/my-work': noLeak('the actor’s own work'),
  'GET /api/cases/{id}/work': deny(onCaseA),
  'GET /api/cases/{id}/timeline': deny(onCaseA),
  'GET /api/cases/{id}/alarms': deny(onCaseA),
  'POST /api/cases/{id}/notes': deny((w) => ({ params: caseParams(w), body: { body: note } })),
  'POST /api/cases/{id}/services': deny((w) => ({
    params: caseParams(w),
    body: { serviceType: 'other', providerName: note, providedOn: '2026-12-01' },
  })),
  'PUT /api/cases/{id}/plan': deny((w) => ({
    params: caseParams(w),
    body: { baseRevision: w.planRevision, assessment: note, goals: note },
  })),
  'POST /api/cases/{id}/tasks': deny((w) => ({
    params: caseParams(w),
    body: { title: note, unitId: w.hospitalUnitId, dueAt: future },
  })),
  'POST /api/tasks/{id}/finish': deny((w) => ({
    params: { id: w.taskId },
    body: { version: w.taskVersion, result: note },
  })),
  'POST /api/tasks/{id}/follow-up': deny((w) => ({
    params: { id: w.followUpTaskId },
    body: { version: w.followUpTaskVersion, outcome: 'stable', contactMethod: 'phone', satisfaction: null },
  })),
  'POST /api/cases/{id}/steps/{position}/complete': deny((w) => ({
    params: { id: w.caseA.id, position: w.openStepPosition },
    body: { version: w.caseA.version, note },
  })),
  'POST /api/cases/{id}/closure': deny((w) => ({
    params: caseParams(w),
    body: { version: w.caseA.version, reason: 'goals_met', outcome: 'resolved', summary: note },
  })),
  'POST /api/cases/{id}/closure/decision': deny((w) => ({
    params: { id: w.caseC.id },
    body: { version: w.caseC.version, approve: true },
  })),
  'POST /api/cases/{id}/reopen': deny((w) => ({
    params: { id: w.caseD.id },
    body: { version: w.caseD.version, reason: note },
  })),

  // ——— procedures: national configuration, read by everyone who works cases ———
  'GET /api/procedures': open('signed in: the procedures (steps and time frames), national reference data'),
  'POST /api/procedures': deny(() => ({
    body: {
      problemTypeCode: null,
      nameTh: note,
      nameEn: 'Probe',
      activate: false,
      steps: ['accept', 'close'].map((code) => ({
        code,
        completion: code === 'accept' ? 'referral_accepted' : 'closure_approved',
        nameTh: note,
        nameEn: 'Step',
        responsible: 'responsible_unit',
        durationMinutes: 1440,
        crisisDurationMinutes: null,
        clock: '24x7',
        requiresApproval: false,
      })),
    },
  })),
  'GET /api/procedures/{id}': open('signed in: one procedure version, national reference data'),
  'POST /api/procedures/{id}/activate': deny((w) => ({ params: { id: w.procedureId } })),

  // ——— alarms ———
  'GET /api/alarms/mine': noLeak('the actor’s own alarms', () => ({ query: { status: 'all' } })),
  'POST /api/alarms/read': open('marks the actor’s own in-app alarms as seen'),
  'POST /api/alarms/{id}/acknowledge': deny((w) => ({ params: { id: w.alarmId }, body: { note } })),
  'GET /api/alarms/stream': open('the actor’s own live feed (server-sent events; a stream inject cannot end)'),
  'GET /api/alarm-ladder': open('signed in: the escalation ladder, national configuration'),
  'PUT /api/alarm-ladder': deny((w) => ({ body: w.alarmLadder })),
  'GET /api/alarm-deliveries': deny(() => ({ query: { status: 'failed' } })),
  'POST /api/alarm-deliveries/{id}/retry': deny((w) => ({ params: { id: w.alarmDeliveryId } })),
  'POST /api/me/line-link': open('links the actor’s own LINE account'),
  'DELETE /api/me/line-link': open('unlinks the actor’s own LINE account'),

  // ——— intake ———
  'POST /api/public/reports': open('public: the reporting form, makes a new case (nothing of others in the answer)'),
  'POST /api/public/reports/status': open('public: a report’s status for its tracking code and PIN only'),
  // Taking a call is open to every intake role wherever the caller is (the hotline); the phone is the target's,
  // so the answer must not show the target's cases as the caller's earlier ones.
  'POST /api/intake/contacts': noLeak('a new contact of the actor’s own (no case made)', (w) => ({
    body: { outcome: 'advice', callerPhone: w.callerPhone, summary: note },
  })),
  'GET /api/intake/callers': noLeak('earlier contacts of a phone, within the actor’s reach', (w) => ({
    query: { phone: w.callerPhone },
  })),
  'GET /api/intake/related': noLeak('earlier cases like this one, within the actor’s reach', (w) => ({
    query: { phone: w.callerPhone, name: w.personName, areaCode: '70' },
  })),
  'GET /api/intake/social-workers': noLeak('social workers to hand a case to, in the place asked', () => ({
    query: { areaCode: '70' },
  })),

  // ——— people and roles ———
  // Applying a Front Line 1 sheet that puts a person at the target unit: refused row by row, nothing applied.
  'POST /api/users/import': noLeak(
    'a spreadsheet import: refused row by row, nothing applied',
    () => ({
      query: { apply: 'true', filename: 'front-line-1.csv' },
      raw: async () => ({
        contentType: 'text/csv',
        payload: 'ลำดับ;ชื่อ;นามสกุล;e-mail;ชื่อหน่วยงาน\n1;ทดสอบ;สิทธิ์;probe.import@oscc.example;ศูนย์พึ่งได้ โรงพยาบาลราชบุรี\n',
      }),
    }),
    nothingApplied,
  ),
  'GET /api/users': noLeak('the people directory, filtered to the actor’s scope (and themselves)', () => ({
    query: { limit: '100' },
  })),
  'POST /api/users': deny((w) => ({
    body: {
      email: 'probe.person@oscc.example',
      firstNameTh: 'ทดสอบ',
      lastNameTh: 'สิทธิ์',
      unitId: w.hospitalUnitId,
      roles: [{ role: 'unit_officer', scopeLevel: 'unit', unitId: w.hospitalUnitId }],
    },
  })),
  'GET /api/users/{id}': deny((w) => ({ params: { id: w.officerId } })),
  'PATCH /api/users/{id}': deny((w) => ({
    params: { id: w.officerId },
    body: { version: w.officerVersion, position: note },
  })),
  'POST /api/users/{id}/invitation': deny((w) => ({ params: { id: w.officerId } })),
  'PUT /api/users/{id}/roles': deny((w) => ({
    params: { id: w.officerId },
    body: { version: w.officerVersion, roles: [{ role: 'unit_officer', scopeLevel: 'unit', unitId: w.actorUnitId }] },
  })),
  'GET /api/roles': open('signed in: the roles and their rules, configuration'),
  'PUT /api/roles/{code}/rules': deny((w) => ({ params: { code: 'call_taker' }, body: { rules: w.callTakerRules } })),
  'GET /api/audit-events': noLeak('the audit trail within the actor’s audit.read scope', () => ({
    query: { limit: '100' },
  })),

  // ——— reports: the database holds no cases but the target's, so every figure an outsider sees is zero ———
  'GET /api/reports/dashboard': noLeak('figures within the actor’s scope', () => ({}), noFigures),
  'GET /api/reports/cases': noLeak('the cases behind a figure, within the actor’s scope', () => ({
    query: { provinceCode: '70', limit: '100' },
  })),
  'GET /api/reports/{kind}': noLeak(
    'a standard report within the actor’s scope',
    () => ({ params: { kind: 'service' }, query: { provinceCode: '70' } }),
    noFigures,
  ),
  'GET /api/reports/{kind}/export': noLeak('an export within the actor’s scope', () => ({
    params: { kind: 'service' },
    query: { format: 'csv', provinceCode: '70' },
  })),
  'GET /api/report-subscriptions': noLeak('the actor’s own subscriptions'),
  'POST /api/report-subscriptions': noLeak('the actor’s own subscription: filled within their scope when sent', () => ({
    body: { kind: 'dashboard', frequency: 'daily', format: 'csv', filter: { provinceCode: '70' } },
  })),
  'DELETE /api/report-subscriptions/{id}': deny((w) => ({ params: { id: w.subscriptionId } })),

  // Privacy: the data protection officer's registers (privacy.manage: central administrators only by default).
  'GET /api/privacy/requests': deny(),
  'POST /api/privacy/requests': deny(() => ({
    body: { kind: 'access', requesterName: note, contact: '0800000000', details: note },
  })),
  'GET /api/privacy/requests/{id}': deny((w) => ({ params: { id: w.subjectRequestId } })),
  'POST /api/privacy/requests/{id}/close': deny((w) => ({
    params: { id: w.subjectRequestId },
    body: { status: 'refused', outcome: note },
  })),
  'GET /api/privacy/breaches': deny(),
  'POST /api/privacy/breaches': deny(() => ({
    body: { title: note, description: note, discoveredAt: new Date().toISOString(), risk: 'risk' },
  })),
  'GET /api/privacy/breaches/{id}': deny((w) => ({ params: { id: w.breachId } })),
  'PATCH /api/privacy/breaches/{id}': deny((w) => ({ params: { id: w.breachId }, body: { close: true } })),
  'GET /api/privacy/retention': deny(),
  'PUT /api/privacy/retention/{problemType}': deny(() => ({
    params: { problemType: 'domestic_violence' },
    body: { retainYears: 1 },
  })),
  // audit.read within the actor's own scope: the target's break-the-glass (and its reason) must not show.
  'GET /api/privacy/reveals': noLeak('the glass broken within the actor’s own audit scope'),
};

/** Every count of a report is zero: the actor's scope holds none of the database's cases (all are the target's). */
function noFigures(body: unknown): void {
  const report = body as {
    totals?: Record<string, number | null>;
    sections?: { id: string; columns: { key: string; kind: string }[]; rows: { cells: Record<string, unknown> }[] }[];
  };
  if (report.totals) {
    expect(report.totals.cases, 'dashboard cases').toBe(0);
    expect(report.totals.contacts, 'dashboard contacts').toBe(0);
  }
  for (const section of report.sections ?? [])
    for (const column of section.columns.filter((c) => c.kind === 'count'))
      for (const row of section.rows)
        expect([0, null, undefined], `${section.id}.${column.key}`).toContain(row.cells[column.key]);
}

/** An import answered with its rows, none of them carried out. */
function nothingApplied(body: unknown): void {
  expect((body as { applied: boolean }).applied, 'applied').toBe(false);
}

/** The document's operations, `METHOD /path`. */
function documentOperations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => methods.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

let t: TestApp;
let w: World;
let actors: Actor[];
let before: unknown;
let doc: { paths: Record<string, Record<string, unknown>> };

beforeAll(async () => {
  t = await createTestApp({ env: WORLD_ENV });
  const world = await buildTargetWorld(t);
  actors = await createActors(t, world);
  const reader = actors[0]!.cookie;
  const ladder = (await t.app.inject({ url: '/api/alarm-ladder', headers: { cookie: reader } })).json();
  const roles = (await t.app.inject({ url: '/api/roles', headers: { cookie: reader } })).json();
  w = {
    ...world,
    alarmLadder: { warningShare: ladder.warningShare, ladders: ladder.ladders },
    callTakerRules: roles.items.find((role: { code: string }) => role.code === 'call_taker').rules,
  };
  doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  before = await snapshotTargetWorld(t, w);
}, 120_000);
afterAll(async () => t?.close());

async function call(key: string, check: Exclude<Check, { kind: 'open' }>, actor: Actor, world: World) {
  const [method, path] = key.split(' ') as [string, string];
  const probe = check.probe(world);
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = probe.params?.[name];
    if (value === undefined) throw new Error(`${key}: no value for the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = probe.query ? `?${new URLSearchParams(probe.query).toString()}` : '';
  const raw = probe.raw ? await probe.raw() : null;
  return t.app.inject({
    method: method as 'GET',
    url: url + query,
    headers: { cookie: actor.cookie, ...(raw ? { 'content-type': raw.contentType } : {}) },
    ...(raw ? { payload: raw.payload } : probe.body !== undefined ? { payload: probe.body as object } : {}),
  });
}

describe('the classification', () => {
  it('covers every operation of the OpenAPI document, and nothing else', () => {
    const operations = documentOperations(doc);
    expect(operations.length).toBeGreaterThan(100);
    const unclassified = operations.filter((operation) => !(operation in OPERATIONS));
    expect(unclassified, 'operations without a line in OPERATIONS (openapi-permissions.api.test.ts)').toEqual([]);
    const stale = Object.keys(OPERATIONS).filter((operation) => !operations.includes(operation));
    expect(stale, 'lines in OPERATIONS for operations the document no longer has').toEqual([]);
  });

  it('leaves no registered route out of the OpenAPI document (but the document itself, /metrics and HEAD)', () => {
    const documented = new Set(documentOperations(doc).map((op) => op.replace(/\{(\w+)\}/g, ':$1')));
    const hidden = t.routes
      .flatMap((route) => [route.method].flat().map((method) => `${method} ${route.url}`))
      .filter((route) => !route.startsWith('HEAD '))
      .filter((route) => !/^GET \/api\/(openapi\.json|docs)/.test(route))
      // Prometheus' text format, not an API operation; counts only (operations.api.test.ts checks it holds no ids).
      .filter((route) => route !== 'GET /metrics')
      .filter((route) => !documented.has(route));
    expect(hidden).toEqual([]);
  });

  it('has an actor for every role but those excluded, each with its reason', () => {
    expect(actors.map((actor) => actor.role).sort()).toEqual(ROLE_CODES.filter((role) => !EXCLUDED_ROLES[role]).sort());
    for (const reason of Object.values(EXCLUDED_ROLES)) expect(reason.length).toBeGreaterThan(20);
    for (const [operation, check] of Object.entries(OPERATIONS))
      if (check.kind !== 'deny') expect(check.why.length, operation).toBeGreaterThan(10);
  });
});

describe('the probes are real: the target’s own people reach what the outsiders may not', () => {
  it('the central administrator sees the target in the lists and the figures', async () => {
    const admin = await signIn(t.app, 'admin@oscc.example');
    const cases = await t.app.inject({ url: '/api/cases?limit=100', headers: { cookie: admin } });
    expect(cases.body).toContain(w.caseE.id); // the screening queue: cases not yet screened
    const dashboard = (await t.app.inject({ url: '/api/reports/dashboard', headers: { cookie: admin } })).json();
    expect(dashboard.totals.cases).toBeGreaterThan(0);
    const conversations = await t.app.inject({
      url: '/api/social/conversations?status=all',
      headers: { cookie: admin },
    });
    expect(conversations.body).toContain(w.conversationId);
  });

  it('every refused read is answered for the central administrator: its path parameters name real records', async () => {
    const admin: Actor = {
      role: 'central_admin',
      email: 'admin@oscc.example',
      cookie: await signIn(t.app, 'admin@oscc.example'),
    };
    const reads = Object.entries(OPERATIONS).filter(
      (entry): entry is [string, Exclude<Check, { kind: 'open' }>] =>
        entry[0].startsWith('GET ') && entry[1].kind === 'deny',
    );
    expect(reads.length).toBeGreaterThan(5);
    const refused = [];
    for (const [key, check] of reads) {
      const status = (await call(key, check, admin, w)).statusCode;
      if ([401, 403, 404].includes(status)) refused.push(`${key} ${status}`);
    }
    expect(refused).toEqual([]);
  });

  it('the hospital officer reads the target case, its attachment and their alarm', async () => {
    const officer = await signIn(t.app, 'officer@oscc.example');
    for (const url of [
      `/api/cases/${w.caseA.id}`,
      `/api/cases/${w.caseA.id}/attachments/${w.attachmentId}`,
      `/api/cases/${w.caseA.id}/work`,
    ])
      expect((await t.app.inject({ url, headers: { cookie: officer } })).statusCode, url).toBe(200);
    const mine = await t.app.inject({ url: '/api/alarms/mine?status=all', headers: { cookie: officer } });
    expect(mine.body).toContain(w.alarmId);
  });
});

/**
 * The refusals that are access decisions. Any other 401/403 (a CSRF token, the same-origin check, two-step
 * verification not set up) means the request never reached the access check: the probe proves nothing.
 */
const ACCESS_REFUSALS = ['SIGN_IN_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'IDENTITIES_MASKED'];

function errorCode(body: string): string {
  try {
    return String((JSON.parse(body) as { error?: { code?: unknown } }).error?.code);
  } catch {
    return 'not JSON';
  }
}

/** Reads first: a write an outsider may make of their own (a contact) must not count in the figures they read. */
const checked = Object.entries(OPERATIONS)
  .filter((entry): entry is [string, Exclude<Check, { kind: 'open' }>] => entry[1].kind !== 'open')
  .sort(([a], [b]) => Number(!a.startsWith('GET ')) - Number(!b.startsWith('GET ')));

describe.each(checked)('%s', (key, check) => {
  it(check.kind === 'deny' ? 'is refused to every outsider' : 'shows no outsider anything of the target', async () => {
    const answers = await Promise.all(
      actors.map(async (actor) => ({ actor, response: await call(key, check, actor, w) })),
    );
    const problems: string[] = [];
    for (const { actor, response } of answers) {
      const allowed = check.kind === 'deny' ? [401, 403, 404] : [200, 201, 204, 401, 403, 404];
      if (!allowed.includes(response.statusCode))
        problems.push(`${actor.role}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      else if (response.statusCode >= 400 && !ACCESS_REFUSALS.includes(errorCode(response.body)))
        problems.push(`${actor.role}: refused before the access decision: ${response.body.slice(0, 300)}`);
      const leaked = w.secrets.filter((secret) => response.body.includes(secret));
      if (leaked.length) problems.push(`${actor.role}: ${response.statusCode}, the answer holds ${leaked.join(', ')}`);
      if (check.kind === 'noLeak' && check.also && response.statusCode === 200) {
        try {
          check.also(response.json());
        } catch (error) {
          problems.push(`${actor.role}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('afterwards', () => {
  it('the target world is unchanged', async () => {
    expect(await snapshotTargetWorld(t, w)).toEqual(before);
  });
});
