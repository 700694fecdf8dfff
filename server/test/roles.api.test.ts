import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/** Roles and permission rules as data an administrator edits; people's roles changed within reach; all audited. */
let t: TestApp;
let admin: string;
let coordinator: string;
let calltaker: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin@oscc.example');
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
});
afterAll(async () => t.close());

async function call(cookie: string, method: 'GET' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const response = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

const userId = async (email: string) =>
  (await t.database.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

describe('roles and their rules', () => {
  it('lists every role with its level and rules', async () => {
    const { status, body } = await call(calltaker, 'GET', '/api/roles');
    expect(status).toBe(200);
    expect(body.items.map((r: { code: string }) => r.code)).toEqual([
      'call_taker',
      'social_worker',
      'unit_officer',
      'unit_head',
      'province_coordinator',
      'ministry_executive',
      'central_admin',
    ]);
    const head = body.items.find((r: { code: string }) => r.code === 'unit_head');
    expect(head.rules).toContainEqual({ action: 'organisations.manage', conditions: [['in_scope', 'own_unit']] });
  });

  it('changes what a role may do at its holders’ next request, and audits the change', async () => {
    const before = await call(calltaker, 'GET', '/api/users?limit=100');
    expect(before.body.total).toBe(1); // only themselves
    const roles = (await call(admin, 'GET', '/api/roles')).body.items;
    const current = roles.find((r: { code: string }) => r.code === 'call_taker');
    const rules = [
      ...current.rules.filter((rule: { action: string }) => rule.action !== 'users.read'),
      { action: 'users.read', conditions: [['in_scope'], ['self']] },
    ];
    const updated = await call(admin, 'PUT', '/api/roles/call_taker/rules', { rules });
    expect(updated.status).toBe(200);
    const after = await call(calltaker, 'GET', '/api/users?limit=100');
    expect(after.body.total).toBeGreaterThan(1); // a call taker's scope is the nation
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'before_state', 'after_state'])
      .where('entity_type', '=', 'role')
      .where('entity_id', '=', 'call_taker')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('role.update');
    expect(JSON.stringify(audit.before_state)).toContain('"self"');
    expect(JSON.stringify(audit.after_state)).toContain('"in_scope"');
  });

  it('refuses unknown actions and conditions, duplicates, locking the administrators out, and non-administrators', async () => {
    const bad = [
      { rules: [{ action: 'cases.delete_everything', conditions: [['everywhere']] }] },
      { rules: [{ action: 'users.read', conditions: [['anywhere']] }] },
      {
        rules: [
          { action: 'users.read', conditions: [['self']] },
          { action: 'users.read', conditions: [['everywhere']] },
        ],
      },
    ];
    for (const payload of bad) {
      const { status, body } = await call(admin, 'PUT', '/api/roles/call_taker/rules', payload);
      expect(status, JSON.stringify(payload)).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    }
    const lockout = await call(admin, 'PUT', '/api/roles/central_admin/rules', {
      rules: [{ action: 'users.read', conditions: [['everywhere']] }],
    });
    expect(lockout.status).toBe(400);
    expect(lockout.body.error.fields[0].code).toBe('lockout');
    const denied = await call(coordinator, 'PUT', '/api/roles/call_taker/rules', { rules: [] });
    expect(denied.status).toBe(403);
  });
});

describe("changing a person's roles", () => {
  it('lets a coordinator make an officer of their province a unit head — and the new rights work at once', async () => {
    const officerId = await userId('officer@oscc.example');
    const officer = await call(coordinator, 'GET', `/api/users/${officerId}`);
    const unitId = officer.body.unit.id;
    const promoted = await call(coordinator, 'PUT', `/api/users/${officerId}/roles`, {
      version: officer.body.version,
      roles: [{ role: 'unit_head', scopeLevel: 'unit', unitId }],
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.roles).toEqual([
      { role: 'unit_head', scopeLevel: 'unit', scopeRef: unitId, scopeNameTh: officer.body.unit.nameTh },
    ]);
    expect(promoted.body.version).toBe(officer.body.version + 1);

    const officerCookie = await signIn(t.app, 'officer@oscc.example');
    const edit = await call(officerCookie, 'PATCH', `/api/units/${unitId}`, { version: 999_999, phone: '1' });
    expect(edit.status).toBe(409); // allowed now; stopped only by the stale version

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['before_state', 'after_state'])
      .where('action', '=', 'user.roles.update')
      .where('entity_id', '=', officerId)
      .executeTakeFirstOrThrow();
    expect(audit.before_state).toEqual({ roles: [{ role: 'unit_officer', scopeLevel: 'unit', unitId }] });
    expect(audit.after_state).toEqual({ roles: [{ role: 'unit_head', scopeLevel: 'unit', unitId }] });

    const stale = await call(coordinator, 'PUT', `/api/users/${officerId}/roles`, {
      version: officer.body.version,
      roles: [],
    });
    expect(stale.status).toBe(409);
  });

  it('refuses roles beyond the actor’s reach or at the wrong level', async () => {
    const workerId = await userId('socialworker@oscc.example');
    const worker = await call(coordinator, 'GET', `/api/users/${workerId}`);
    const otherProvince = await call(coordinator, 'PUT', `/api/users/${workerId}/roles`, {
      version: worker.body.version,
      roles: [{ role: 'province_coordinator', scopeLevel: 'province', provinceCode: '50' }],
    });
    expect(otherProvince.status).toBe(403);
    const wrongLevel = await call(coordinator, 'PUT', `/api/users/${workerId}/roles`, {
      version: worker.body.version,
      roles: [{ role: 'central_admin', scopeLevel: 'province', provinceCode: '70' }],
    });
    expect(wrongLevel.status).toBe(400);
    const unchanged = await call(coordinator, 'GET', `/api/users/${workerId}`);
    expect(unchanged.body.roles).toEqual(worker.body.roles);
  });

  it('keeps at least one central administrator', async () => {
    const adminId = await userId('admin@oscc.example');
    const self = await call(admin, 'GET', `/api/users/${adminId}`);
    const { status, body } = await call(admin, 'PUT', `/api/users/${adminId}/roles`, {
      version: self.body.version,
      roles: [{ role: 'call_taker', scopeLevel: 'nation' }],
    });
    expect(status).toBe(400);
    expect(body.error.fields[0].code).toBe('last_admin');
    const disable = await call(admin, 'PATCH', `/api/users/${adminId}`, {
      version: self.body.version,
      status: 'disabled',
    });
    expect(disable.status).toBe(400);
    expect(disable.body.error.fields[0]).toMatchObject({ path: 'body.status', code: 'last_admin' });
    expect((await call(admin, 'GET', `/api/users/${adminId}`)).body.status).toBe('active');
  });
});
