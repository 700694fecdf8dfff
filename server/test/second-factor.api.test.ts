import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/modules/identity/index.ts';
import { createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie?: string) =>
  t.app.inject({ method: 'POST', url, payload, ...(cookie ? { headers: { cookie } } : {}) });
const cookieOf = (response: { cookies: { name: string; value: string }[] }) =>
  `oscc_session=${response.cookies.find((c) => c.name === 'oscc_session')!.value}`;

describe('two-step sign-in (TOTP)', () => {
  let secret = '';
  let recoveryCodes: string[] = [];

  it('is required of central administrators: until it is set up, nothing else works', async () => {
    const signedIn = await post('/api/auth/sign-in', { email: 'admin@oscc.example', password: 'oscc-demo-1300' });
    expect(signedIn.json()).toMatchObject({ status: 'signed_in', secondFactor: 'enrolment_required' });
    const cookie = cookieOf(signedIn);
    const blocked = await t.app.inject({ url: '/api/agencies', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');

    const setup = await post('/api/auth/totp/setup', {}, cookie);
    expect(setup.statusCode).toBe(200);
    secret = setup.json().secret;
    expect(setup.json().uri).toMatch(/^otpauth:\/\/totp\/OSCC%201300:admin%40oscc\.example\?/);
    expect(setup.json().qrSvg).toContain('<svg');

    expect((await post('/api/auth/totp/confirm', { code: '000000' }, cookie)).json().error.code).toBe(
      'INVALID_SECOND_FACTOR',
    );
    const confirmed = await post('/api/auth/totp/confirm', { code: currentTotp(secret, t.clock.now()) }, cookie);
    expect(confirmed.statusCode).toBe(200);
    recoveryCodes = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect((await t.app.inject({ url: '/api/agencies', headers: { cookie } })).statusCode).toBe(200);
  });

  it('asks for the code at every later sign-in, and accepts one step of clock drift', async () => {
    t.clock.advanceMinutes(2);
    const first = await post('/api/auth/sign-in', { email: 'admin@oscc.example', password: 'oscc-demo-1300' });
    expect(first.json().status).toBe('second_factor_required');
    expect(first.cookies.find((c) => c.name === 'oscc_session')).toBeUndefined();
    const previousStep = currentTotp(secret, new Date(t.clock.now().getTime() - 30_000));
    const second = await post('/api/auth/sign-in/second-factor', {
      challenge: first.json().challenge,
      code: previousStep,
    });
    expect(second.json()).toMatchObject({ status: 'signed_in', secondFactor: 'verified' });
  });

  it('accepts a code only once (RFC 6238 §5.2), so an overheard code is useless', async () => {
    const first = await post('/api/auth/sign-in', { email: 'admin@oscc.example', password: 'oscc-demo-1300' });
    const replayed = currentTotp(secret, new Date(t.clock.now().getTime() - 30_000)); // the code just used
    const response = await post('/api/auth/sign-in/second-factor', {
      challenge: first.json().challenge,
      code: replayed,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('INVALID_SECOND_FACTOR');
  });

  it('refuses a wrong code, counts it towards the lock-out, and a challenge works once and for five minutes', async () => {
    const first = await post('/api/auth/sign-in', { email: 'admin@oscc.example', password: 'oscc-demo-1300' });
    const wrong = await post('/api/auth/sign-in/second-factor', { challenge: first.json().challenge, code: '123456' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_SECOND_FACTOR');
    const row = await t.database.db
      .selectFrom('app_user')
      .select('failed_sign_ins')
      .where('email', '=', 'admin@oscc.example')
      .executeTakeFirstOrThrow();
    expect(row.failed_sign_ins).toBe(2); // the replayed code and this one
    t.clock.advanceMinutes(6);
    const late = await post('/api/auth/sign-in/second-factor', {
      challenge: first.json().challenge,
      code: currentTotp(secret, t.clock.now()),
    });
    expect(late.json().error.code).toBe('SIGN_IN_EXPIRED');
  });

  it('lets a recovery code stand in for a lost phone, once', async () => {
    const first = await post('/api/auth/sign-in', { email: 'admin@oscc.example', password: 'oscc-demo-1300' });
    const withRecovery = await post('/api/auth/sign-in/second-factor', {
      challenge: first.json().challenge,
      code: recoveryCodes[0]!,
    });
    expect(withRecovery.json().status).toBe('signed_in');
    const again = await post('/api/auth/sign-in', { email: 'admin@oscc.example', password: 'oscc-demo-1300' });
    const reused = await post('/api/auth/sign-in/second-factor', {
      challenge: again.json().challenge,
      code: recoveryCodes[0]!,
    });
    expect(reused.statusCode).toBe(401);
  });

  it('is optional for other roles', async () => {
    const signedIn = await post('/api/auth/sign-in', { email: 'officer@oscc.example', password: 'oscc-demo-1300' });
    expect(signedIn.json()).toMatchObject({ status: 'signed_in', secondFactor: 'not_required' });
    expect((await t.app.inject({ url: '/api/agencies', headers: { cookie: cookieOf(signedIn) } })).statusCode).toBe(
      200,
    );
  });
});
