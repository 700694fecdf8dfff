import { ACTIONS } from '@oscc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/**
 * Every role against every person of the demo, for reading (list and single
 * read must agree) and for editing — across units, provinces and ministries.
 *
 * The demo: admin, calltaker, executive at the 1300 centre (Bangkok, MSDHS);
 * socialworker, coordinator at the Ratchaburi MSDHS office (province 70,
 * MSDHS); officer, head at the Ratchaburi Hospital crisis centre (province
 * 70, Ministry of Public Health).
 */
const PEOPLE = ['admin', 'calltaker', 'executive', 'socialworker', 'coordinator', 'officer', 'head'] as const;
type Person = (typeof PEOPLE)[number];

const MAY_READ: Record<Person, Person[]> = {
  admin: [...PEOPLE],
  calltaker: ['calltaker'], // no people directory: only themselves
  executive: ['admin', 'calltaker', 'executive', 'socialworker', 'coordinator'], // MSDHS units nationwide, not the hospital
  socialworker: ['socialworker', 'coordinator', 'officer', 'head'], // province 70, any ministry
  coordinator: ['socialworker', 'coordinator', 'officer', 'head'],
  officer: ['officer', 'head'], // own unit
  head: ['officer', 'head'],
};

const MAY_EDIT: Record<Person, Person[]> = {
  admin: [...PEOPLE],
  calltaker: [],
  executive: [],
  socialworker: [],
  coordinator: ['socialworker', 'coordinator', 'officer', 'head'],
  officer: [],
  head: ['officer', 'head'],
};

let t: TestApp;
const cookies = new Map<Person, string>();
const ids = new Map<Person, string>();

beforeAll(async () => {
  t = await createTestApp();
  for (const person of PEOPLE) {
    cookies.set(person, await signIn(t.app, `${person}@oscc.example`));
    const row = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', `${person}@oscc.example`)
      .executeTakeFirstOrThrow();
    ids.set(person, row.id);
  }
});
afterAll(async () => t.close());

describe.each(PEOPLE)('%s', (actor) => {
  it('lists exactly the people their scope allows', async () => {
    const response = await t.app.inject({ url: '/api/users?limit=100', headers: { cookie: cookies.get(actor)! } });
    expect(response.statusCode).toBe(200);
    const emails = response
      .json()
      .items.map((u: { email: string }) => u.email.split('@')[0])
      .filter((name: string) => (PEOPLE as readonly string[]).includes(name));
    expect(emails.sort()).toEqual([...MAY_READ[actor]].sort());
  });

  it.each(PEOPLE)('reads %s only when in scope (otherwise 404)', async (target) => {
    const response = await t.app.inject({
      url: `/api/users/${ids.get(target)!}`,
      headers: { cookie: cookies.get(actor)! },
    });
    expect(response.statusCode).toBe(MAY_READ[actor].includes(target) ? 200 : 404);
  });

  it.each(PEOPLE)('edits %s only when in scope', async (target) => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${ids.get(target)!}`,
      headers: { cookie: cookies.get(actor)! },
      payload: { version: 999_999, position: 'x' }, // a stale version: allowed edits stop at the conflict check
    });
    const expected = MAY_EDIT[actor].includes(target) ? 409 : MAY_EDIT[actor].length === 0 ? 403 : 404;
    expect(response.statusCode).toBe(expected);
  });
});

/**
 * Every role × every action, each through a real route: allowed (the route
 * answers) or refused with 403. The per-record reach of each action — other
 * units, provinces, ministries — is in the tables above (users) and in the
 * organisations, audit, import and roles suites.
 */
describe('every role × every action', () => {
  const ALLOWED: Record<string, Person[]> = {
    'organisations.read': [...PEOPLE],
    'organisations.manage': ['admin', 'coordinator', 'head'],
    'users.read': [...PEOPLE],
    'users.manage': ['admin', 'coordinator', 'head'],
    'users.import': ['admin', 'coordinator'],
    'audit.read': ['admin', 'executive', 'coordinator', 'head'],
    'roles.manage': ['admin'],
    'system.jobs.read': ['admin'],
    'cases.intake': ['admin', 'calltaker', 'socialworker', 'coordinator', 'officer', 'head'],
    'cases.read': ['admin', 'calltaker', 'socialworker', 'coordinator', 'officer', 'head', 'executive'],
    'cases.screen': ['admin', 'calltaker', 'socialworker', 'coordinator', 'head'],
    'procedures.manage': ['admin'],
    'cases.work': ['admin', 'socialworker', 'officer', 'head', 'coordinator'],
    'cases.approve': ['admin', 'head', 'coordinator'],
    'alarms.manage': ['admin'],
    'reports.read': ['admin', 'executive', 'coordinator', 'head'],
    'reports.export': ['admin', 'executive', 'coordinator'],
    'privacy.manage': ['admin'],
  };

  const probes: Record<string, (cookie: string) => Promise<number>> = {
    'organisations.read': async (cookie) =>
      (await t.app.inject({ url: '/api/units?limit=1', headers: { cookie } })).statusCode,
    // The Ratchaburi hospital crisis centre: within reach a stale version answers 409, outside it 403.
    'organisations.manage': async (cookie) => {
      const unit = await t.database.db
        .selectFrom('unit')
        .select('id')
        .where('code', '=', 'MOPH-OSCC-70-03')
        .executeTakeFirstOrThrow();
      return (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/units/${unit.id}`,
          headers: { cookie },
          payload: { version: 999_999, phone: 'x' },
        })
      ).statusCode;
    },
    'users.read': async (cookie) => (await t.app.inject({ url: '/api/users?limit=1', headers: { cookie } })).statusCode,
    'users.manage': async (cookie) =>
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/users/${ids.get('officer')!}`,
          headers: { cookie },
          payload: { version: 999_999, position: 'x' },
        })
      ).statusCode,
    'users.import': async (cookie) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/users/import?filename=x.csv',
          headers: { cookie, 'content-type': 'text/csv' },
          payload: 'ลำดับ,ชื่อ-นามสกุล\n',
        })
      ).statusCode,
    'audit.read': async (cookie) =>
      (await t.app.inject({ url: '/api/audit-events?limit=1', headers: { cookie } })).statusCode,
    'roles.manage': async (cookie) => {
      const roles = (await t.app.inject({ url: '/api/roles', headers: { cookie } })).json();
      const callTaker = roles.items.find((role: { code: string }) => role.code === 'call_taker');
      return (
        await t.app.inject({
          method: 'PUT',
          url: '/api/roles/call_taker/rules',
          headers: { cookie },
          payload: { rules: callTaker.rules },
        })
      ).statusCode;
    },
    'cases.intake': async (cookie) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/intake/contacts',
          headers: { cookie },
          payload: { outcome: 'silent' },
        })
      ).statusCode,
    // A case that does not exist: 404 for those who may read cases, 403 for the others.
    'cases.read': async (cookie) =>
      (await t.app.inject({ url: '/api/cases/00000000-0000-4000-8000-000000000000', headers: { cookie } })).statusCode,
    'cases.screen': async (cookie) =>
      (await t.app.inject({ url: '/api/cases?limit=1', headers: { cookie } })).statusCode,
    'cases.work': async (cookie) => (await t.app.inject({ url: '/api/referrals', headers: { cookie } })).statusCode,
    // A case that does not exist: 404 for those who may approve closures, 403 for the others.
    'cases.approve': async (cookie) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/cases/00000000-0000-4000-8000-000000000000/closure/decision',
          headers: { cookie },
          payload: { version: 1, approve: true },
        })
      ).statusCode,
    // A draft version that never becomes active: the admin's probe changes no case.
    'procedures.manage': async (cookie) => {
      const step = {
        nameTh: 'ขั้นตอน',
        nameEn: 'Step',
        responsible: 'responsible_unit',
        durationMinutes: 1440,
        crisisDurationMinutes: null,
        clock: '24x7',
        requiresApproval: false,
      };
      return (
        await t.app.inject({
          method: 'POST',
          url: '/api/procedures',
          headers: { cookie },
          payload: {
            problemTypeCode: null,
            nameTh: 'ทดสอบ',
            nameEn: 'Probe',
            activate: false,
            steps: [
              { ...step, code: 'accept', completion: 'referral_accepted' },
              { ...step, code: 'close', completion: 'closure_approved' },
            ],
          },
        })
      ).statusCode;
    },
    'system.jobs.read': async (cookie) =>
      (await t.app.inject({ url: '/api/system/jobs', headers: { cookie } })).statusCode,
    'alarms.manage': async (cookie) =>
      (await t.app.inject({ url: '/api/alarm-deliveries?status=failed', headers: { cookie } })).statusCode,
    'reports.read': async (cookie) =>
      (await t.app.inject({ url: '/api/reports/dashboard', headers: { cookie } })).statusCode,
    'reports.export': async (cookie) =>
      (await t.app.inject({ url: '/api/report-subscriptions', headers: { cookie } })).statusCode,
    'privacy.manage': async (cookie) =>
      (await t.app.inject({ url: '/api/privacy/requests', headers: { cookie } })).statusCode,
  };

  it('covers every action there is', () => {
    expect(Object.keys(probes).sort()).toEqual(
      // No route of their own: system.config.read shows the API docs link; cases.identify decides whether a case
      // reads masked (privacy.api.test.ts checks it role by role).
      ACTIONS.filter((action) => action !== 'system.config.read' && action !== 'cases.identify').sort(),
    );
  });

  describe.each(Object.keys(probes))('%s', (action) => {
    it.each(PEOPLE)('%s', async (person) => {
      const status = await probes[action]!(cookies.get(person)!);
      if (ALLOWED[action]!.includes(person)) expect(status, `${person} ${action}`).not.toBe(403);
      else expect(status, `${person} ${action}`).toBe(403);
    });
  });
});
