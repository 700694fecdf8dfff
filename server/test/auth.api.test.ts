import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const signInAs = (email: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, headers });

describe('sign-in', () => {
  it('opens a session with an HttpOnly, SameSite=Lax cookie and returns the person, roles and permissions', async () => {
    const response = await signInAs('coordinator@oscc.example', 'oscc-demo-1300');
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'oscc_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy(); // plain http in this test
    const body = response.json();
    expect(body.user.name.th).toBe('นางอรุณี ทองคำ');
    expect(body.user.roles).toEqual([
      expect.objectContaining({
        role: 'province_coordinator',
        scope: expect.objectContaining({ level: 'province', ref: '70' }),
      }),
    ]);
    expect(body.user.permissions).toContain('organisations.read');
    expect(body.user.permissions).not.toContain('system.jobs.read');
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const secure = await createTestApp({ demo: true, env: { TRUST_PROXY: 'true' } });
    try {
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'admin@oscc.example', password: 'oscc-demo-1300' },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.find((c) => c.name === 'oscc_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', '=', 'admin@oscc.example')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('answers a wrong password and an unknown e-mail alike, in Thai and English', async () => {
    const wrong = await signInAs('officer@oscc.example', 'not-the-password');
    const unknown = await signInAs('nobody@oscc.example', 'not-the-password');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        message: { th: 'อีเมลหรือรหัสผ่านไม่ถูกต้อง', en: expect.any(String) },
      });
    }
  });

  it('rejects a malformed sign-in with a validation error naming the field', async () => {
    const response = await signInAs('not-an-email', '');
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
  });

  it('locks the account after five failures, even for the right password, until the lock-out passes', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await signInAs('head@oscc.example', `wrong-${attempt}`)).statusCode).toBe(401);
    }
    const fifth = await signInAs('head@oscc.example', 'wrong-5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(fifth.headers['retry-after'])).toBe(15 * 60);

    const rightButLocked = await signInAs('head@oscc.example', 'oscc-demo-1300');
    expect(rightButLocked.statusCode).toBe(423);

    t.clock.advanceMinutes(15);
    expect((await signInAs('head@oscc.example', 'oscc-demo-1300')).statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('app_user')
      .select(['failed_sign_ins', 'locked_until'])
      .where('email', '=', 'head@oscc.example')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_sign_ins: 0, locked_until: null });
  });

  it('refuses a disabled account', async () => {
    await t.database.db
      .updateTable('app_user')
      .set({ status: 'disabled' })
      .where('email', '=', 'executive@oscc.example')
      .execute();
    const response = await signInAs('executive@oscc.example', 'oscc-demo-1300');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ACCOUNT_DISABLED');
    await t.database.db
      .updateTable('app_user')
      .set({ status: 'active' })
      .where('email', '=', 'executive@oscc.example')
      .execute();
  });
});

describe('session', () => {
  it('is required for /api/auth/session and ends at sign-out', async () => {
    expect((await t.app.inject({ url: '/api/auth/session' })).statusCode).toBe(401);
    const cookie = await signIn(t.app, 'socialworker@oscc.example');
    const session = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.email).toBe('socialworker@oscc.example');

    const signOut = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } });
    expect(signOut.statusCode).toBe(204);
    expect(signOut.cookies.find((c) => c.name === 'oscc_session')?.value).toBe('');
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('expires after the configured lifetime (12 hours by default)', async () => {
    const cookie = await signIn(t.app, 'calltaker@oscc.example');
    t.clock.advanceHours(11);
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(200);
    t.clock.advanceHours(1);
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('keeps only a hash of the session token in the database', async () => {
    const cookie = await signIn(t.app, 'officer@oscc.example');
    const token = cookie.split('=')[1]!;
    const rows = await t.database.db.selectFrom('user_session').select('token_hash').execute();
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });
});
