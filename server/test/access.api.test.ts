import { ACTIONS, DEFAULT_ROLES } from '@oscc/contract';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccessControl, RouteWithoutAccessError } from '../src/platform/http/access.ts';
import { createTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('deny by default', () => {
  it('every route of the app declares who may call it', () => {
    expect(t.routes.length).toBeGreaterThan(10);
    const undeclared = t.routes.filter((route) => !route.access);
    expect(undeclared).toEqual([]);
  });

  it('the app refuses to register a route that declares nothing', async () => {
    const app = Fastify();
    registerAccessControl(app, async () => null);
    expect(() => app.get('/api/forgotten', async () => 'oops')).toThrow(RouteWithoutAccessError);
    await app.close();
  });

  it('lists which routes are public, so a reviewer sees them all in one place', () => {
    const publicRoutes = t.routes
      .filter(
        (route) =>
          route.access && 'public' in route.access && !route.url.startsWith('/api/docs') && route.method !== 'HEAD',
      )
      .map((route) => `${String(route.method)} ${route.url}`)
      .sort();
    expect(publicRoutes).toEqual(
      [
        'GET /api/geography/districts/:code/subdistricts',
        'GET /api/geography/provinces',
        'GET /api/geography/provinces/:code/districts',
        'GET /api/geography/search',
        'GET /api/openapi.json',
        'GET /api/auth/password-link',
        'GET /healthz',
        'GET /livez',
        'GET /readyz',
        'GET /metrics',
        'POST /api/auth/password',
        'POST /api/auth/password-reset',
        'POST /api/auth/sign-in',
        'POST /api/auth/sign-in/second-factor',
        'POST /api/auth/sign-out',
        'POST /api/public/reports',
        'POST /api/public/reports/status',
        'POST /api/webhooks/line',
        'POST /api/webhooks/facebook',
        'GET /api/webhooks/facebook',
      ].sort(),
    );
  });

  it('asks anonymous callers to sign in, and refuses signed-in people without the permission', async () => {
    expect((await t.app.inject({ url: '/api/agencies' })).json().error.code).toBe('SIGN_IN_REQUIRED');
    const officer = await signIn(t.app, 'officer@oscc.example');
    const denied = await t.app.inject({ url: '/api/system/jobs', headers: { cookie: officer } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatchObject({ code: 'FORBIDDEN', message: { th: 'คุณไม่มีสิทธิ์ดำเนินการนี้' } });
    expect((await t.app.inject({ url: '/api/agencies', headers: { cookie: officer } })).statusCode).toBe(200);
  });

  it('takes permissions from the database, so revoking one takes effect at once', async () => {
    const coordinator = await signIn(t.app, 'coordinator@oscc.example');
    expect((await t.app.inject({ url: '/api/units', headers: { cookie: coordinator } })).statusCode).toBe(200);
    await t.database.db
      .deleteFrom('role_permission')
      .where('role_code', '=', 'province_coordinator')
      .where('action', '=', 'organisations.read')
      .execute();
    expect((await t.app.inject({ url: '/api/units', headers: { cookie: coordinator } })).statusCode).toBe(403);
    await t.database.db
      .insertInto('role_permission')
      .values({
        role_code: 'province_coordinator',
        action: 'organisations.read',
        conditions: JSON.stringify([['everywhere']]),
      })
      .execute();
  });
});

describe('roles and scopes as data', () => {
  it('seeds the seven roles with their scope levels and permissions', async () => {
    const roles = await t.database.db.selectFrom('role').selectAll().orderBy('code').execute();
    expect(roles.map((role) => [role.code, role.scope_level])).toEqual(
      [...DEFAULT_ROLES].sort((a, b) => a.code.localeCompare(b.code)).map((role) => [role.code, role.scopeLevel]),
    );
    const permissions = await t.database.db.selectFrom('role_permission').selectAll().execute();
    const adminActions = permissions.filter((p) => p.role_code === 'central_admin').map((p) => p.action);
    expect(adminActions.sort()).toEqual([...ACTIONS].sort());
    const coordinatorUsers = permissions.find(
      (p) => p.role_code === 'province_coordinator' && p.action === 'users.manage',
    );
    expect(coordinatorUsers?.conditions).toEqual([['in_scope']]);
  });

  it('gives every demo account exactly one role bound to a scope of the right level', async () => {
    const assignments = await t.database.db
      .selectFrom('user_role')
      .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
      .select([
        'app_user.email',
        'user_role.role_code',
        'user_role.scope_level',
        'user_role.scope_unit_id',
        'user_role.scope_province_code',
        'user_role.scope_agency_id',
      ])
      .execute();
    expect(assignments).toHaveLength(9);
    for (const assignment of assignments) {
      const expected = DEFAULT_ROLES.find((role) => role.code === assignment.role_code)!;
      expect(assignment.scope_level).toBe(expected.scopeLevel);
      const refs = [assignment.scope_unit_id, assignment.scope_province_code, assignment.scope_agency_id].filter(
        Boolean,
      );
      expect(refs).toHaveLength(assignment.scope_level === 'nation' ? 0 : 1);
    }
  });

  it('rejects a scope that does not fit its level (a database constraint)', async () => {
    const user = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'officer@oscc.example')
      .executeTakeFirstOrThrow();
    await expect(
      t.database.db
        .insertInto('user_role')
        .values({
          user_id: user.id,
          role_code: 'unit_officer',
          scope_level: 'unit',
          scope_unit_id: null,
          scope_province_code: '70',
          scope_agency_id: null,
        })
        .execute(),
    ).rejects.toThrow();
  });
});

describe('cross-site requests', () => {
  it('refuses a state-changing request from another origin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'admin@oscc.example', password: 'oscc-demo-1300' },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CROSS_SITE_REQUEST');
  });

  it('accepts one from its own origin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'admin@oscc.example', password: 'oscc-demo-1300' },
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(response.statusCode).toBe(200);
  });
});
