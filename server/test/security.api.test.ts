import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';

/**
 * Web security: every public endpoint has a rate limit (proved by reaching
 * it), the security headers and a strict Content-Security-Policy, and the
 * cookies' flags — over plain HTTP and behind an HTTPS proxy.
 */
let t: TestApp;
beforeAll(async () => {
  // A small global limit, so the limits are reached quickly; each public route's own limit is at most this strict.
  t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '8' } });
});
afterAll(async () => t.close());

/**
 * Each public route, with a request to send and how many are let through. With the default global limit (600 a
 * minute per address) sign-in and password links get 30 a minute and the public form 20 an hour — both follow a
 * smaller global limit down (8 here) — while the status check (30 a minute) and the webhooks keep their own.
 */
const PUBLIC: Record<string, { limit: number; payload?: object; url?: string }> = {
  'GET /healthz': { limit: 8 },
  'GET /livez': { limit: 8 },
  'GET /readyz': { limit: 8 },
  'GET /metrics': { limit: 8 },
  'GET /api/openapi.json': { limit: 8 },
  'GET /api/geography/provinces': { limit: 8 },
  'GET /api/geography/provinces/:code/districts': { limit: 8, url: '/api/geography/provinces/70/districts' },
  'GET /api/geography/districts/:code/subdistricts': { limit: 8, url: '/api/geography/districts/7001/subdistricts' },
  'GET /api/geography/search': { limit: 8, url: '/api/geography/search?q=ราชบุรี' },
  'GET /api/auth/password-link': { limit: 8, url: '/api/auth/password-link?token=x' },
  'POST /api/auth/password': { limit: 8, payload: { token: 'x', password: 'not-a-real-one-1' } },
  'POST /api/auth/password-reset': { limit: 8, payload: { email: 'nobody@oscc.example' } },
  'POST /api/auth/sign-in': { limit: 8, payload: { email: 'nobody@oscc.example', password: 'wrong-password-1' } },
  'POST /api/auth/sign-in/second-factor': { limit: 8, payload: { challenge: 'x', code: '000000' } },
  'POST /api/auth/sign-out': { limit: 8 },
  'POST /api/public/reports': { limit: 8, payload: {} }, // an hour
  'POST /api/public/reports/status': { limit: 30, payload: { trackingCode: 'AAAAA-BBBBB', pin: '000000' } },
  // LINE and Messenger deliver in bursts: their own limit is 600 a minute per sender address.
  'POST /api/webhooks/line': { limit: 600, payload: {} },
  'POST /api/webhooks/facebook': { limit: 600, payload: {} },
  'GET /api/webhooks/facebook': { limit: 60, url: '/api/webhooks/facebook?hub.mode=subscribe' },
};

describe('rate limits', () => {
  it('cover every public route: each answers 429 RATE_LIMITED once its limit is reached', async () => {
    const publicRoutes = t.routes
      .filter(
        (route) =>
          route.access &&
          'public' in route.access &&
          !route.url.startsWith('/api/docs') &&
          route.method !== 'HEAD' &&
          route.url !== '/*',
      )
      .map((route) => `${String(route.method)} ${route.url}`);
    expect(publicRoutes.sort()).toEqual(Object.keys(PUBLIC).sort());

    // Each route from its own address, so the global limit (per address) does not carry over from the last.
    const found: Record<string, number | null> = {};
    let address = 0;
    for (const [route, { limit, payload, url }] of Object.entries(PUBLIC)) {
      const [method, path] = route.split(' ') as ['GET' | 'POST', string];
      address += 1;
      const remoteAddress = `10.0.${Math.floor(address / 250)}.${address % 250}`;
      found[route] = null;
      for (let i = 0; i <= limit; i++) {
        const response = await t.app.inject({ method, url: url ?? path, payload, remoteAddress });
        if (response.statusCode === 429) {
          expect(response.json().error.code).toBe('RATE_LIMITED');
          expect(response.json().error.message.th).toBeTruthy();
          found[route] = i;
          break;
        }
      }
    }
    expect(found).toEqual(Object.fromEntries(Object.entries(PUBLIC).map(([route, { limit }]) => [route, limit])));
  });
});

describe('headers', () => {
  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const response = await t.app.inject({ url: '/healthz', remoteAddress: '10.9.0.1' });
    const csp = Object.fromEntries(
      String(response.headers['content-security-policy'])
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'", // no inline scripts, no eval, no third parties
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'connect-src': "'self'",
    });
    expect(Object.values(csp).join(' ')).not.toMatch(/unsafe-eval|\*|http:/);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('cookies', () => {
  it('are HttpOnly and SameSite; Secure behind an HTTPS proxy', async () => {
    const secure = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      for (const [app, https] of [
        [t.app, false],
        [secure.app, true],
      ] as const) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: '10.9.0.2',
          headers: https ? { 'x-forwarded-proto': 'https' } : {},
          payload: { email: 'socialworker@oscc.example', password: 'oscc-demo-1300' },
        });
        expect(response.statusCode).toBe(200);
        const session = response.cookies.find((c) => c.name === 'oscc_session')!;
        const csrf = response.cookies.find((c) => c.name === 'oscc_csrf')!;
        expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
        expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
        expect(!!session.secure).toBe(https);
        expect(!!csrf.secure).toBe(https);
      }
    } finally {
      await secure.close();
    }
  });
});
