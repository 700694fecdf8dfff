import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from './harness.ts';

/**
 * What operators and orchestrators read: liveness (the process answers),
 * readiness (and its database does), and Prometheus metrics — counts by
 * route pattern and of the work waiting, with nothing about anyone.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('probes', () => {
  it('liveness asks nothing of the database; readiness does, and turns 503 when it is gone', async () => {
    const probe = await createTestApp({ demo: false });
    try {
      expect((await probe.app.inject({ url: '/livez' })).json()).toMatchObject({ status: 'ok' });
      const ready = await probe.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ok', database: 'up' });

      await probe.database.close(); // the database goes away under the running process
      const notReady = await probe.app.inject({ url: '/readyz' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toMatchObject({ status: 'unavailable', database: 'down' });
      expect((await probe.app.inject({ url: '/healthz' })).statusCode).toBe(503);
      // Still alive: restarting it would not bring the database back.
      expect((await probe.app.inject({ url: '/livez' })).statusCode).toBe(200);
    } finally {
      await probe.app.close();
    }
  });
});

describe('metrics', () => {
  it('counts answers by route pattern and status, and what is waiting — with no personal data', async () => {
    const calltaker = await signIn(t.app, 'calltaker@oscc.example');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/intake/contacts',
      headers: { cookie: calltaker },
      payload: {
        callerPhone: '0891112233',
        outcome: 'case',
        case: {
          problemTypes: ['human_trafficking'],
          location: { areaCode: '700101' },
          narrative: 'ผู้เสียหายชื่อมาลีถูกกักขัง',
          people: [{ role: 'victim', name: 'มาลี ลับมาก', idType: 'none', sex: 'female' }],
        },
      },
    });
    expect(created.statusCode).toBe(201);
    const caseId = created.json().case.id as string;
    await t.app.inject({ url: `/api/cases/${caseId}`, headers: { cookie: calltaker } });
    await t.app.inject({ url: `/api/intake/callers?phone=0891112233`, headers: { cookie: calltaker } });

    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toMatch(/oscc_http_request_duration_seconds_count\{[^}]*route="\/api\/cases\/:id"[^}]*\} 1/);
    expect(text).toMatch(
      /oscc_http_request_duration_seconds_count\{[^}]*route="\/api\/intake\/contacts"[^}]*status="201"/,
    );
    expect(text).toMatch(/oscc_waiting\{[^}]*kind="open_deadlines"[^}]*\} [1-9]/);
    expect(text).toMatch(/oscc_waiting\{[^}]*kind="unsealed_audit_events"/);
    expect(text).toMatch(/oscc_process_resident_memory_bytes/);
    expect(text).toMatch(/oscc_nodejs_eventloop_lag_seconds/);
    // Patterns, never URLs: not the case id, not the number searched for, not a name.
    for (const secret of [caseId, '0891112233', '891112233', 'มาลี']) expect(text).not.toContain(secret);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'a-metrics-token-of-enough-length';
    const guarded = await createTestApp({ demo: false, env: { METRICS_TOKEN: token } });
    try {
      expect((await guarded.app.inject({ url: '/metrics' })).statusCode).toBe(403);
      expect(
        (await guarded.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-of-some-length' } }))
          .statusCode,
      ).toBe(403);
      const allowed = await guarded.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('oscc_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});
