import { createHmac } from 'node:crypto';
import { ERRORS, ErrorResponse, PublicReportRequest, type ErrorCode } from '@oscc/contract';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD_FOR_TESTS, type TestApp } from './harness.ts';
import {
  applyMutation,
  contentType,
  deepJson,
  encode,
  fileContent,
  malformedJson,
  multipartBody,
  mutation,
  nastyString,
  nastyValue,
  nextAddress,
  pathSegment,
  queryString,
  unroutableSegment,
  type MultipartPart,
} from './support/fuzz.ts';

/**
 * Property-based fuzzing of every public route (no sign-in): whatever is sent, the answer is never a
 * 5xx, every 4xx has the error shape of the contract (a stable code with its Thai and English message),
 * a refused request writes nothing, and an accepted one writes whole records.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run --project api
 * server/test/public-fuzz.api.test.ts (FUZZ_RUNS=<factor> runs every property that many times more).
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const FACTOR = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (numRuns: number) => ({
  seed: SEED,
  numRuns: Math.max(1, Math.round(numRuns * FACTOR)),
  // Shrinking a failure of a big input can take long (each try is a request and a count of every table):
  // stop after a while and report the smallest counterexample found so far.
  interruptAfterTimeLimit: 10_000 * FACTOR,
  markInterruptAsFailure: false,
});
console.info(`public-fuzz: FUZZ_SEED=${SEED}`);

const LINE_SECRET = 'fuzz-line-channel-secret';
const FB_SECRET = 'fuzz-facebook-app-secret';
const FB_VERIFY = 'fuzz-verify-token-1300';

/** The tables a public request may write; each is counted before and after every request. */
const COUNTED = [
  'case_file',
  'case_person',
  'case_problem_type',
  'case_transition',
  'case_attachment',
  'intake_contact',
  'public_report',
  'idempotent_request',
  'deadline',
  'alarm',
  'social_conversation',
  'social_message',
  'webhook_event',
  'line_link_code',
  'audit_event',
  'outbound_email',
  'outbound_email_attachment',
  'user_session',
  'user_token',
  'user_recovery_code',
  'app_user',
] as const;
type Table = (typeof COUNTED)[number];
type Counts = Record<Table, number>;
type Delta = Partial<Record<Table, number>>;

let t: TestApp;
/** The error behind the last 5xx, caught on its way to the error handler (the log is silent in tests). */
let lastServerError: Error | null = null;
const serverError = (): Error | null => lastServerError;
let problemCodes: string[];
let areaCodes: string[];
const demoEmails = ['calltaker@oscc.example', 'admin@oscc.example', 'officer@oscc.example', 'nobody@oscc.example'];
/** Receipts of accepted reports, for the status check to ask about with the right and wrong PINs. */
const receipts: { trackingCode: string; pin: string }[] = [];

beforeAll(async () => {
  t = await createTestApp({
    extend: (app) =>
      app.addHook('onError', async (_request, _reply, error) => {
        lastServerError = error;
      }),
    env: {
      RATE_LIMIT_PER_MINUTE: '100000',
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'fuzz-line-token',
      // Nothing listens there: a push (only for an alarm-link code) fails, which the webhook tolerates.
      LINE_API_URL: 'http://127.0.0.1:9',
      FACEBOOK_APP_SECRET: FB_SECRET,
      FACEBOOK_PAGE_ACCESS_TOKEN: 'fuzz-facebook-token',
      FACEBOOK_VERIFY_TOKEN: FB_VERIFY,
      FACEBOOK_GRAPH_URL: 'http://127.0.0.1:9',
    },
  });
  const db = t.database.db;
  problemCodes = (await db.selectFrom('problem_type').select('code').where('active', '=', true).execute()).map(
    (row) => row.code,
  );
  const provinces = await db.selectFrom('geo_province').select('code').orderBy('code').limit(5).execute();
  const districts = await db.selectFrom('geo_district').select('code').where('code', 'like', '70%').limit(5).execute();
  const subdistricts = await db
    .selectFrom('geo_subdistrict')
    .select('code')
    .where('code', 'like', '70%')
    .limit(5)
    .execute();
  areaCodes = [...provinces, ...districts, ...subdistricts].map((row) => row.code);
});

afterAll(async () => {
  await Promise.allSettled(inFlight);
  await t?.close();
});

async function counts(): Promise<Counts> {
  const select = COUNTED.map((table) => `(select count(*) from ${table})::int as ${table}`).join(', ');
  const { rows } = await sql.raw<Counts>(`select ${select}`).execute(t.database.db);
  return rows[0]!;
}

function difference(before: Counts, after: Counts): Delta {
  const delta: Delta = {};
  for (const table of COUNTED) if (after[table] !== before[table]) delta[table] = after[table] - before[table];
  return delta;
}

const describeResponse = (response: LightMyRequestResponse) =>
  `${response.statusCode} ${response.body.slice(0, 300)}` +
  (response.statusCode >= 500 && serverError() ? ` — on the server: ${serverErrorText(serverError()!)}` : '');

/** The error's name, message and the first line of the product's code on its stack. */
function serverErrorText(error: Error): string {
  const where = error.stack?.split('\n').find((line) => line.includes('/server/src/')) ?? '';
  return `${error.name}: ${error.message.slice(0, 200)} ${where.trim()}`;
}

/** Never a 5xx; a 4xx carries the contract's error shape, its code's status and its code's Thai and English texts. */
function expectWellFormed(response: LightMyRequestResponse): void {
  expect(response.statusCode, describeResponse(response)).toBeLessThan(500);
  if (response.statusCode < 400) return;
  expect(response.headers['content-type'], describeResponse(response)).toMatch(/^application\/json/);
  const parsed = ErrorResponse.safeParse(JSON.parse(response.body));
  expect(parsed.success, describeResponse(response)).toBe(true);
  const error = parsed.data!.error;
  const entry = ERRORS[error.code as ErrorCode];
  expect(entry.status, describeResponse(response)).toBe(response.statusCode);
  expect(error.message).toEqual({ th: entry.th, en: entry.en });
  expect(error.requestId).toBe(response.headers['x-request-id']);
}

const inFlight = new Set<Promise<unknown>>();

/**
 * Sends one request from an address of its own (so the per-address rate limits never answer
 * instead of the route), checks the answer, and checks what it wrote: nothing when refused, and
 * on success what `accepted` says (it gets the change of every counted table and returns nothing or throws).
 */
async function exchange(
  request: InjectOptions,
  accepted: (response: LightMyRequestResponse, delta: Delta) => Promise<void> | void = (_response, delta) =>
    expect(delta).toEqual({}),
): Promise<LightMyRequestResponse> {
  // A property stopped by its time limit leaves its last request running: let it finish first, or its rows
  // would count as this request's.
  await Promise.allSettled(inFlight);
  const before = await counts();
  lastServerError = null;
  const sent = t.app.inject({ ...request, remoteAddress: nextAddress() });
  inFlight.add(sent);
  const response = await sent.finally(() => inFlight.delete(sent));
  const delta = difference(before, await counts());
  // Every problem of one answer is reported: a 5xx that also wrote half a record shows both.
  const failures: string[] = [];
  const check = async (assertion: () => unknown) => {
    try {
      await assertion();
    } catch (error) {
      failures.push((error as Error).message);
    }
  };
  await check(() => expectWellFormed(response));
  if (response.statusCode >= 400)
    await check(() =>
      expect(delta, `a refused request (${response.statusCode}) wrote rows: ${JSON.stringify(delta)}`).toEqual({}),
    );
  else await check(() => accepted(response, delta));
  if (!failures.length) return response;
  if (!COLLECT) throw new Error(failures.join('\n— and —\n'));
  const input = JSON.stringify({ url: request.url, payload: String(request.payload), headers: request.headers });
  for (const failure of failures) {
    const message = failure.replace(/"requestId":"[^"]*"/g, '').replace(/\s+/g, ' ');
    const error = serverError();
    const cause = error ? ` [${error.name}: ${error.message.slice(0, 160)}]` : '';
    const problem = `${request.method} ${String(request.url).split('?')[0]!.slice(0, 60)} → ${message.slice(0, 160)}${cause}`;
    const known = collected.get(problem);
    if (!known || input.length < known.length) collected.set(problem, input);
  }
  return response;
}

/**
 * FUZZ_COLLECT=1: a bug-hunting mode that keeps going after a failure and lists each distinct one
 * (with an input that shows it) at the end, instead of stopping at the first one and shrinking it.
 */
const COLLECT = process.env.FUZZ_COLLECT === '1';
const collected = new Map<string, string>();
afterAll(() => {
  if (COLLECT)
    for (const [problem, input] of collected) console.info(`${problem}\n    shortest input: ${input.slice(0, 800)}`);
});

/** A body as sent: JSON of a value, text that is not quite JSON, or raw bytes; with a content type. */
function bodyOf(value: fc.Arbitrary<unknown>) {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        payload: value.map((v) => JSON.stringify(v) ?? ''),
        type: fc.constant('application/json'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ payload: value.map((v) => JSON.stringify(v) ?? ''), type: contentType }) },
    {
      weight: 1,
      arbitrary: fc.record({ payload: malformedJson, type: fc.constantFrom('application/json', undefined) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        payload: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        type: contentType,
      }),
    },
  );
}

const withType = (headers: Record<string, string>, type: string | undefined) =>
  type === undefined ? headers : { ...headers, 'content-type': type };

/** Every public route has a property below; the keys are "METHOD url" as the routes are registered. */
const COVERED = new Set<string>();
function covers(...keys: string[]) {
  for (const key of keys) COVERED.add(key);
}
const isDocs = (url: string) => url.startsWith('/api/docs');

describe('every public route is fuzzed', () => {
  it('has a property for each public route (a new public route needs one here)', () => {
    const publicRoutes = t.routes
      .filter((route) => route.access && 'public' in route.access)
      .flatMap((route) => (Array.isArray(route.method) ? route.method : [route.method]).map((m) => `${m} ${route.url}`))
      .filter((key) => !key.startsWith('HEAD ') && !isDocs(key.split(' ')[1]!));
    const missing = publicRoutes.filter((key) => !COVERED.has(key));
    console.info(`public-fuzz: public routes fuzzed: ${publicRoutes.join(', ')} and the API documentation`);
    expect(missing, 'public routes without a fuzz property').toEqual([]);
    expect(publicRoutes.length).toBeGreaterThan(15);
  });
});

describe('sign-in and passwords', () => {
  covers(
    'POST /api/auth/sign-in',
    'POST /api/auth/sign-in/second-factor',
    'POST /api/auth/sign-out',
    'GET /api/auth/password-link',
    'POST /api/auth/password',
    'POST /api/auth/password-reset',
  );
  const email = fc.oneof(fc.constantFrom(...demoEmails), fc.emailAddress(), nastyString);
  const password = fc.oneof(fc.constant(DEMO_PASSWORD_FOR_TESTS), fc.constant('wrong-password'), nastyString);

  it('sign-in: a session or a challenge for the right password, nothing written otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyOf(
          fc
            .tuple(fc.record({ email, password }), mutation([['email'], ['password']]))
            .map(([body, change]) => applyMutation(body, change)),
        ),
        async ({ payload, type }) => {
          await exchange(
            { method: 'POST', url: '/api/auth/sign-in', payload, headers: withType({}, type) },
            (response, delta) => {
              expect(response.statusCode).toBe(200);
              const status = (response.json() as { status: string }).status;
              // A challenge replaces an earlier unused one: the tokens may stay as many.
              if (status === 'signed_in') expect(delta).toEqual({ user_session: 1 });
              else expect([{}, { user_token: 1 }]).toContainEqual(delta);
            },
          );
        },
      ),
      {
        ...runs(40),
        examples: [
          [
            {
              payload: JSON.stringify({ email: 'a\u0000@oscc.example', password: 'x\u0000' }),
              type: 'application/json',
            },
          ],
          [
            {
              payload: JSON.stringify({ email: "x' OR '1'='1@oscc.example", password: "' OR 1=1 --" }),
              type: 'application/json',
            },
          ],
        ],
      },
    );
  });

  it('second factor: never a session for a made-up challenge', async () => {
    const challenge = fc.oneof(fc.base64String({ minLength: 20, maxLength: 64 }), nastyString);
    const code = fc.oneof(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^[a-z0-9]{4}-[a-z0-9]{4}$/), nastyString);
    await fc.assert(
      fc.asyncProperty(
        bodyOf(
          fc
            .tuple(fc.record({ challenge, code }), mutation([['challenge'], ['code']]))
            .map(([body, change]) => applyMutation(body, change)),
        ),
        async ({ payload, type }) => {
          await exchange(
            { method: 'POST', url: '/api/auth/sign-in/second-factor', payload, headers: withType({}, type) },
            (response) => expect.fail(`a made-up challenge was accepted: ${describeResponse(response)}`),
          );
        },
      ),
      runs(60),
    );
  });

  it('sign-out: any cookie and body, never a 5xx, nothing written', async () => {
    const cookie = fc.oneof(
      nastyString.map((value) => `oscc_session=${encode(value)}`),
      nastyString.map((value) => `oscc_session=${value.replace(/[^\x20-\x7e]/g, '')}`),
      fc.constantFrom('oscc_session=', 'oscc_session', '=;=;', 'a=b; oscc_session="x"; oscc_session=y', ';;;'),
    );
    await fc.assert(
      fc.asyncProperty(fc.option(cookie), bodyOf(nastyValue), async (header, { payload, type }) => {
        await exchange({
          method: 'POST',
          url: '/api/auth/sign-out',
          payload,
          headers: withType(header === null ? {} : { cookie: header }, type),
        });
      }),
      runs(80),
    );
  });

  it('password link check: a made-up token is never valid', async () => {
    const token = fc.oneof(fc.base64String({ minLength: 20, maxLength: 64 }), nastyString);
    const purpose = fc.oneof(fc.constantFrom('invitation', 'password_reset'), nastyString);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ token, purpose }),
        queryString(['token', 'purpose']),
        async ({ token, purpose }, extra) => {
          const response = await exchange({
            method: 'GET',
            url: `/api/auth/password-link?token=${encode(token)}&purpose=${encode(purpose)}&${extra}`,
          });
          expect(response.statusCode).not.toBe(200);
        },
      ),
      runs(80),
    );
  });

  it('setting a password: a made-up token changes nothing', async () => {
    const token = fc.oneof(fc.base64String({ minLength: 20, maxLength: 64 }), nastyString);
    const purpose = fc.oneof(fc.constantFrom('invitation', 'password_reset'), nastyString);
    await fc.assert(
      fc.asyncProperty(
        bodyOf(
          fc
            .tuple(fc.record({ token, purpose, password }), mutation([['token'], ['purpose'], ['password']]))
            .map(([body, change]) => applyMutation(body, change)),
        ),
        async ({ payload, type }) => {
          await exchange(
            { method: 'POST', url: '/api/auth/password', payload, headers: withType({}, type) },
            (response) => expect.fail(`a made-up link set a password: ${describeResponse(response)}`),
          );
        },
      ),
      runs(80),
    );
  });

  it('password reset: 202 whatever the address; for an active account the link and its e-mail together', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyOf(
          fc.tuple(fc.record({ email }), mutation([['email']])).map(([body, change]) => applyMutation(body, change)),
        ),
        async ({ payload, type }) => {
          await exchange(
            { method: 'POST', url: '/api/auth/password-reset', payload, headers: withType({}, type) },
            (response, delta) => {
              expect(response.statusCode).toBe(202);
              // Nothing for an unknown address; a token and its e-mail (in one transaction) for a known one.
              // (A new link replaces an earlier unused one: the tokens may stay as many.)
              if (Object.keys(delta).length)
                expect([{ outbound_email: 1 }, { user_token: 1, outbound_email: 1 }]).toContainEqual(delta);
            },
          );
        },
      ),
      runs(80),
    );
  });
});

describe('reference data, health and documentation', () => {
  covers(
    'GET /api/geography/provinces',
    'GET /api/geography/provinces/:code/districts',
    'GET /api/geography/districts/:code/subdistricts',
    'GET /api/geography/search',
    'GET /healthz',
    'GET /livez',
    'GET /readyz',
    'GET /metrics',
    'GET /api/openapi.json',
  );

  it('geography lists: any path param or query string, never a 5xx, never a write', async () => {
    const url = fc.oneof(
      queryString().map((query) => `/api/geography/provinces?${query}`),
      fc
        .tuple(fc.oneof(pathSegment, fc.constantFrom('70', '10', '99')), queryString())
        .map(([code, query]) => `/api/geography/provinces/${code}/districts?${query}`),
      fc
        .tuple(fc.oneof(pathSegment, fc.constantFrom('7001', '1001', '9999')), queryString())
        .map(([code, query]) => `/api/geography/districts/${code}/subdistricts?${query}`),
    );
    await fc.assert(
      fc.asyncProperty(url, async (target) => {
        await exchange({ method: 'GET', url: target });
      }),
      runs(150),
    );
  });

  it('geography search: any q and limit', async () => {
    const q = fc.oneof(fc.constantFrom('ราชบุรี', 'bang', '70000', '7001', 'เมือง ราช'), nastyString);
    const limit = fc.oneof(fc.integer({ min: -5, max: 100 }).map(String), nastyString);
    await fc.assert(
      fc.asyncProperty(fc.option(q), fc.option(limit), queryString(['q', 'limit']), async (text, n, extra) => {
        const parts = [text === null ? '' : `q=${encode(text)}`, n === null ? '' : `limit=${encode(n)}`, extra];
        await exchange({ method: 'GET', url: `/api/geography/search?${parts.filter(Boolean).join('&')}` });
      }),
      {
        ...runs(150),
        examples: [
          ['\u0000', null, ''],
          ['%', '5', ''],
          ['_', null, ''],
          ["' OR '1'='1", '1 OR 1=1', ''],
          ['\\', null, ''],
        ],
      },
    );
  });

  it('health, metrics and the OpenAPI document: any query string', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/healthz', '/livez', '/readyz', '/metrics', '/api/openapi.json'),
        queryString(),
        async (path, query) => {
          await exchange({ method: 'GET', url: `${path}?${query}` });
        },
      ),
      runs(40),
    );
  });

  it('a path param the router refuses (an escape that does not decode, over 100 characters): the error shape', async () => {
    const withParams = [
      ...new Set(
        t.routes
          .filter((route) => route.access && 'public' in route.access && /[:*]/.test(route.url))
          .map((route) => route.url),
      ),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withParams), unroutableSegment, async (url, segment) => {
        await exchange({ method: 'GET', url: url.replace(/\*$/, segment).replace(/:[A-Za-z]+/g, segment) });
      }),
      runs(20),
    );
  });

  it('the API documentation (every route under /api/docs): any path and query string', async () => {
    const docs = [
      ...new Set(
        t.routes
          .filter((route) => isDocs(route.url) && route.access && 'public' in route.access)
          .map((route) => route.url),
      ),
    ];
    expect(docs.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...docs), pathSegment, queryString(), async (url, segment, query) => {
        const path = url.replace(/\*$/, segment).replace(/:[A-Za-z]+/g, segment);
        await exchange({ method: 'GET', url: `${path}?${query}` });
      }),
      runs(40),
    );
  });
});

describe('the public report form and the mobile app', () => {
  covers('POST /api/public/reports', 'POST /api/public/reports/status');

  const thaiText = fc.oneof(
    fc.constantFrom('มีเด็กถูกทำร้ายข้างบ้าน ได้ยินเสียงร้องทุกคืน', 'ช่วยด้วยค่ะ', 'Child labour at the factory'),
    nastyString,
  );
  function validReport() {
    return fc.record(
      {
        problemTypes: fc.subarray(problemCodes, { maxLength: 3 }),
        crisis: fc.boolean(),
        location: fc.record(
          {
            areaCode: fc.constantFrom(...areaCodes),
            address: thaiText,
            latitude: fc.double({ min: 5, max: 21, noNaN: true }),
            longitude: fc.double({ min: 97, max: 106, noNaN: true }),
          },
          { requiredKeys: ['areaCode'] },
        ),
        narrative: thaiText,
        reporter: fc.record(
          {
            anonymous: fc.boolean(),
            relation: fc.constantFrom('self', 'family', 'neighbour', 'teacher', 'official', 'other'),
            name: thaiText,
            phone: fc.oneof(
              fc.constantFrom('0812345678', '081-234-5678', '+66 81 234 5678', '๐๘๑๒๓๔๕๖๗๘'),
              nastyString,
            ),
          },
          { requiredKeys: [] },
        ),
        consent: fc.constant(true),
        source: fc.constantFrom('web', 'mobile_app'),
        website: fc.constantFrom('', 'http://spam.example'),
      },
      { requiredKeys: ['location', 'narrative', 'consent'] },
    );
  }
  const REPORT_PATHS = [
    ['problemTypes'],
    ['problemTypes', '0'],
    ['crisis'],
    ['location'],
    ['location', 'areaCode'],
    ['location', 'address'],
    ['location', 'latitude'],
    ['location', 'longitude'],
    ['narrative'],
    ['reporter'],
    ['reporter', 'anonymous'],
    ['reporter', 'relation'],
    ['reporter', 'name'],
    ['reporter', 'phone'],
    ['consent'],
    ['source'],
    ['website'],
  ];
  const report = () =>
    fc.tuple(validReport(), mutation(REPORT_PATHS)).map(([body, change]) => applyMutation(body, change));
  const idempotencyKey = fc.option(
    fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_:.-]{8,20}$/),
      nastyString.map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    ),
  );

  /**
   * What an accepted report must have written, as `submitPublicReport` writes it in one transaction:
   * the case with its problem types, its first transition, its deadline(s), the contact, the public
   * report row, the reporter (when not anonymous and named or with a phone), the photos and the audit
   * record — or, for the honeypot, nothing at all.
   */
  async function expectWholeReport(
    sent: unknown,
    photos: number,
    key: string | null,
    response: LightMyRequestResponse,
    delta: Delta,
  ) {
    expect(response.statusCode, describeResponse(response)).toBe(201);
    const receipt = response.json() as { trackingCode: string; pin: string };
    const input = PublicReportRequest.parse(sent);
    if (input.website) {
      expect(delta).toEqual({});
      return;
    }
    if (key && !delta.case_file) {
      expect(delta).toEqual({}); // a retry under the same key, answered from the first
      return;
    }
    const db = t.database.db;
    const row = await db
      .selectFrom('public_report')
      .innerJoin('case_file', 'case_file.id', 'public_report.case_id')
      .select(['case_file.id', 'case_file.channel', 'case_file.status'])
      .where('public_report.tracking_code', '=', receipt.trackingCode.replace('-', ''))
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe(input.source);
    const perCase = async (
      table:
        'case_problem_type' | 'case_transition' | 'deadline' | 'case_person' | 'case_attachment' | 'intake_contact',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('case_id', '=', row.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const people = !input.reporter.anonymous && (input.reporter.name || input.reporter.phone) ? 1 : 0;
    const problems = new Set(input.problemTypes.length ? input.problemTypes : ['other']).size;
    const deadlines = await perCase('deadline');
    expect(deadlines).toBeGreaterThanOrEqual(1);
    expect(await perCase('case_problem_type')).toBe(problems);
    expect(await perCase('case_transition')).toBe(1);
    expect(await perCase('case_person')).toBe(people);
    expect(await perCase('case_attachment')).toBe(photos);
    expect(await perCase('intake_contact')).toBe(1);
    const audits = Number(
      (
        await db
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity_id', '=', row.id)
          .where('action', '=', 'case.create')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(audits).toBe(1);
    const { audit_event: auditDelta, alarm: _alarms, ...rest } = delta;
    expect(auditDelta).toBeGreaterThanOrEqual(1);
    expect(rest, `rows written: ${JSON.stringify(delta)}`).toEqual({
      case_file: 1,
      public_report: 1,
      intake_contact: 1,
      case_transition: 1,
      case_problem_type: problems,
      deadline: deadlines,
      ...(people ? { case_person: people } : {}),
      ...(photos ? { case_attachment: photos } : {}),
      ...(key ? { idempotent_request: 1 } : {}),
    });
    receipts.push(receipt);
  }

  const SAMPLE_REPORT = {
    problemTypes: ['child_labour'],
    location: { areaCode: '70' },
    narrative: 'เด็กอายุราว 12 ปีทำงานในโรงงานทั้งวัน',
    consent: true,
  };

  it('JSON: a valid report with one field mutated, wrong types, malformed JSON, wrong content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          {
            weight: 6,
            arbitrary: report().map((value) => ({
              payload: JSON.stringify(value),
              type: 'application/json' as string | undefined,
            })),
          },
          { weight: 1, arbitrary: fc.record({ payload: malformedJson, type: contentType }) },
          {
            weight: 1,
            arbitrary: fc.record({ payload: nastyValue.map((v) => JSON.stringify(v) ?? ''), type: contentType }),
          },
          {
            weight: 1,
            arbitrary: fc.record({ payload: deepJson, type: fc.constant<string | undefined>('application/json') }),
          },
        ),
        idempotencyKey,
        async ({ payload, type }, key) => {
          await exchange(
            {
              method: 'POST',
              url: '/api/public/reports',
              payload,
              headers: withType(key === null ? {} : { 'idempotency-key': key }, type),
            },
            (response, delta) => expectWholeReport(JSON.parse(payload), 0, key, response, delta),
          );
        },
      ),
      {
        ...runs(120),
        // A report, its retry and the same key with another report (422); then NUL, the one character
        // PostgreSQL's text refuses (in a clear-text column or a query parameter it is a 5xx), and SQL.
        examples: [
          [{ payload: JSON.stringify(SAMPLE_REPORT), type: 'application/json' }, 'fuzz-key-0001'],
          [{ payload: JSON.stringify(SAMPLE_REPORT), type: 'application/json' }, 'fuzz-key-0001'],
          [{ payload: JSON.stringify({ ...SAMPLE_REPORT, crisis: true }), type: 'application/json' }, 'fuzz-key-0001'],
          [{ payload: JSON.stringify({ ...SAMPLE_REPORT, problemTypes: ['\u0000'] }), type: 'application/json' }, null],
          [{ payload: JSON.stringify({ ...SAMPLE_REPORT, narrative: 'a\u0000b' }), type: 'application/json' }, null],
          [
            {
              payload: JSON.stringify({
                ...SAMPLE_REPORT,
                reporter: { anonymous: false, name: '\u0000', phone: '\u0000' },
              }),
              type: 'application/json',
            },
            null,
          ],
          [
            { payload: JSON.stringify({ ...SAMPLE_REPORT, problemTypes: ["x' OR '1'='1"] }), type: 'application/json' },
            null,
          ],
        ],
      },
    );
  });

  it('multipart: the report field and photos — valid, mutated, missing, too many, not images, broken forms', async () => {
    const boundary = fc.oneof(
      fc.constant('----oscc-fuzz-boundary'),
      fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/),
    );
    const reportPart = fc.oneof(
      {
        weight: 5,
        arbitrary: report().map((value) => ({ name: 'report', content: Buffer.from(JSON.stringify(value)) })),
      },
      { weight: 1, arbitrary: malformedJson.map((text) => ({ name: 'report', content: Buffer.from(text) })) },
      {
        weight: 1,
        arbitrary: fc.record({
          name: nastyString.map((s) => s.replace(/["\r\n]/g, '')),
          content: fc.constant(Buffer.from('{}')),
        }),
      },
    );
    const photoPart = fc.record({
      name: fc.oneof(fc.constant('photos'), fc.constant('report'), fc.constant('other')),
      fileName: fc.oneof(
        fc.constantFrom('photo.png', 'รูป.jpg', '../../x.png', '', 'a.php'),
        nastyString.map((s) => s.replace(/["\r\n]/g, '')),
      ),
      contentType: fc.constantFrom('image/png', 'image/jpeg', 'application/octet-stream', 'text/html'),
      content: fileContent,
    });
    const form = fc.record({
      boundary,
      declared: fc.oneof(
        { weight: 5, arbitrary: fc.constant<string | null>(null) },
        { weight: 1, arbitrary: fc.constantFrom('other', '', '"quoted"') },
      ),
      parts: fc
        .tuple(fc.option(reportPart, { freq: 6 }), fc.array(photoPart, { maxLength: 5 }), fc.boolean())
        .map(([json, photos, photosFirst]) => {
          const list: MultipartPart[] = [...photos];
          if (json) {
            if (photosFirst) list.push(json);
            else list.unshift(json);
          }
          return list;
        }),
      close: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      garbage: fc.option(
        fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
        { freq: 8 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(form, idempotencyKey, async ({ boundary: b, declared, parts, close, garbage }, key) => {
        const body = garbage
          ? Buffer.concat([multipartBody(parts, b, close), garbage])
          : multipartBody(parts, b, close);
        const type = `multipart/form-data; boundary=${declared ?? b}`;
        await exchange(
          {
            method: 'POST',
            url: '/api/public/reports',
            payload: body,
            headers: { 'content-type': type, ...(key === null ? {} : { 'idempotency-key': key }) },
          },
          (response, delta) => {
            const jsonPart = parts.find((part) => part.name === 'report' && part.fileName === undefined);
            // Every non-empty file part is taken as a photo, whatever its field is called (multipart.ts).
            const photos = parts.filter((part) => part.fileName !== undefined && part.content.length > 0).length;
            return expectWholeReport(JSON.parse(jsonPart!.content.toString()), photos, key, response, delta);
          },
        );
      }),
      runs(80),
    );
  });

  it('status check: any code and PIN; the right PIN for a real code answers without writing', async () => {
    // The report properties above must have reached the write path, or they fuzzed the validation only.
    expect(receipts.length, 'no public report was accepted while fuzzing').toBeGreaterThan(0);
    const code = fc.oneof(
      fc.stringMatching(/^[A-Z0-9]{5}-?[A-Z0-9]{5}$/),
      fc.constantFrom(...(receipts.length ? receipts.map((r) => r.trackingCode) : ['AAAAA-BBBBB'])),
      nastyString,
    );
    const pin = fc.oneof(fc.stringMatching(/^\d{6}$/), nastyString);
    const real = fc.option(
      fc.constantFrom(...(receipts.length ? receipts : [{ trackingCode: 'AAAAA-BBBBB', pin: '000000' }])),
    );
    await fc.assert(
      fc.asyncProperty(
        bodyOf(
          fc
            .tuple(fc.record({ trackingCode: code, pin }), mutation([['trackingCode'], ['pin']]))
            .map(([body, change]) => applyMutation(body, change)),
        ),
        real,
        async ({ payload, type }, known) => {
          await exchange(
            {
              method: 'POST',
              url: '/api/public/reports/status',
              payload: known ? JSON.stringify(known) : payload,
              headers: withType({}, known ? 'application/json' : type),
            },
            (response, delta) => {
              expect(response.statusCode).toBe(200);
              expect(delta).toEqual({});
            },
          );
        },
      ),
      runs(60),
    );
  });
});

describe('the LINE and Facebook webhooks', () => {
  covers('POST /api/webhooks/line', 'POST /api/webhooks/facebook', 'GET /api/webhooks/facebook');

  const text = fc.oneof(fc.constantFrom('ช่วยด้วย', 'OSCC 123456', 'hello'), nastyString);
  const id = fc.oneof(fc.stringMatching(/^[0-9A-Z]{26}$/), nastyString);
  const lineEvent = fc
    .tuple(
      fc.record(
        {
          type: fc.constantFrom('message', 'follow', 'unfollow', 'postback'),
          webhookEventId: id,
          timestamp: fc.integer({ min: 0 }),
          deliveryContext: fc.record({ isRedelivery: fc.boolean() }),
          source: fc.record({
            type: fc.constant('user'),
            userId: fc.oneof(fc.stringMatching(/^U[0-9a-f]{32}$/), nastyString),
          }),
          message: fc.record(
            { id: fc.stringMatching(/^\d{1,18}$/), type: fc.constantFrom('text', 'image', 'sticker'), text },
            { requiredKeys: ['type'] },
          ),
        },
        { requiredKeys: ['type'] },
      ),
      mutation([
        ['type'],
        ['webhookEventId'],
        ['source'],
        ['source', 'userId'],
        ['message'],
        ['message', 'type'],
        ['message', 'text'],
        ['message', 'id'],
      ]),
    )
    .map(([event, change]) => applyMutation(event, change));
  const lineBody = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(lineEvent, { maxLength: 3 })
        .map((events) => JSON.stringify({ destination: 'Ufuzz', events })),
    },
    { weight: 1, arbitrary: nastyValue.map((events) => JSON.stringify({ events }) ?? '') },
    { weight: 1, arbitrary: malformedJson },
  );

  const fbEvent = fc
    .tuple(
      fc.record(
        {
          sender: fc.record({ id: fc.oneof(fc.stringMatching(/^\d{10,17}$/), nastyString) }),
          recipient: fc.record({ id: fc.constant('1300') }),
          timestamp: fc.integer({ min: 0 }),
          message: fc.record(
            {
              mid: fc.oneof(fc.stringMatching(/^m_[A-Za-z0-9_-]{10,30}$/), nastyString),
              text,
              is_echo: fc.boolean(),
              attachments: fc.array(fc.record({ type: fc.constantFrom('image', 'file', 'audio') }), { maxLength: 2 }),
            },
            { requiredKeys: ['mid'] },
          ),
        },
        { requiredKeys: ['sender'] },
      ),
      mutation([
        ['sender'],
        ['sender', 'id'],
        ['message'],
        ['message', 'mid'],
        ['message', 'text'],
        ['message', 'is_echo'],
        ['message', 'attachments'],
      ]),
    )
    .map(([event, change]) => applyMutation(event, change));
  const fbBody = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(fc.array(fbEvent, { maxLength: 3 }), { maxLength: 2 })
        .map((entries) =>
          JSON.stringify({ object: 'page', entry: entries.map((messaging) => ({ id: '1300', messaging })) }),
        ),
    },
    { weight: 1, arbitrary: nastyValue.map((entry) => JSON.stringify({ object: 'page', entry }) ?? '') },
    { weight: 1, arbitrary: malformedJson },
  );

  /** A 200 took each new message into a conversation, whole: its event, its message, its conversation and contact. */
  function expectTaken(response: LightMyRequestResponse, delta: Delta) {
    expect(response.statusCode).toBe(200);
    const { taken } = response.json() as { taken: number; skipped: number };
    const { webhook_event: events = 0, social_message: messages = 0, social_conversation: conversations = 0 } = delta;
    const { intake_contact: contacts = 0, line_link_code: _links, ...rest } = delta;
    expect(messages).toBe(taken);
    expect(events).toBeGreaterThanOrEqual(taken); // alarm-link codes take their event too
    expect(contacts).toBe(conversations);
    expect(conversations).toBeLessThanOrEqual(taken);
    for (const table of Object.keys(rest))
      expect(['webhook_event', 'social_message', 'social_conversation']).toContain(table);
  }

  it('LINE: unsigned, wrongly signed and properly signed bodies of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        lineBody,
        fc.constantFrom('right', 'right', 'right', 'wrong', 'none', 'garbage'),
        contentType,
        async (body, signing, type) => {
          const signature =
            signing === 'right'
              ? createHmac('sha256', LINE_SECRET).update(body).digest('base64')
              : signing === 'wrong'
                ? createHmac('sha256', 'not-the-secret').update(body).digest('base64')
                : signing === 'garbage'
                  ? '%%%not base64'
                  : undefined;
          await exchange(
            {
              method: 'POST',
              url: '/api/webhooks/line',
              payload: body,
              headers: withType(
                signature ? { 'x-line-signature': signature } : {},
                signing === 'right' ? 'application/json' : type,
              ),
            },
            expectTaken,
          );
        },
      ),
      {
        ...runs(120),
        // Two messages, the second with a text that is not a string: the first must not stay written.
        examples: [
          [
            JSON.stringify({
              events: [
                {
                  type: 'message',
                  webhookEventId: '01JDFUZZ000000000000000001',
                  source: { type: 'user', userId: 'U00000000000000000000000000000001' },
                  message: { id: '1', type: 'text', text: 'ช่วยด้วย' },
                },
                {
                  type: 'message',
                  webhookEventId: '01JDFUZZ000000000000000002',
                  source: { type: 'user', userId: 'U00000000000000000000000000000002' },
                  message: { id: '2', type: 'text', text: { nested: true } },
                },
              ],
            }),
            'right',
            'application/json',
          ],
        ],
      },
    );
  });

  it('Facebook: unsigned, wrongly signed and properly signed bodies of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fbBody,
        fc.constantFrom('right', 'right', 'right', 'wrong', 'none', 'garbage'),
        contentType,
        async (body, signing, type) => {
          const signature =
            signing === 'right'
              ? `sha256=${createHmac('sha256', FB_SECRET).update(body).digest('hex')}`
              : signing === 'wrong'
                ? `sha256=${createHmac('sha256', 'not-the-secret').update(body).digest('hex')}`
                : signing === 'garbage'
                  ? 'sha1=zz'
                  : undefined;
          await exchange(
            {
              method: 'POST',
              url: '/api/webhooks/facebook',
              payload: body,
              headers: withType(
                signature ? { 'x-hub-signature-256': signature } : {},
                signing === 'right' ? 'application/json' : type,
              ),
            },
            expectTaken,
          );
        },
      ),
      {
        ...runs(120),
        // Two messages, the second with a text that is not a string: the first must not stay written.
        examples: [
          [
            JSON.stringify({
              object: 'page',
              entry: [
                {
                  id: '1300',
                  messaging: [
                    { sender: { id: '1001' }, message: { mid: 'm_fuzz_first', text: 'ช่วยด้วย' } },
                    { sender: { id: '1002' }, message: { mid: 'm_fuzz_second', text: 5 } },
                  ],
                },
              ],
            }),
            'right',
            'application/json',
          ],
        ],
      },
    );
  });

  it('Facebook subscription handshake: any query; the challenge back only for our token', async () => {
    const token = fc.oneof(fc.constant(FB_VERIFY), nastyString);
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.oneof(fc.constant('subscribe'), nastyString)),
        fc.option(token),
        fc.option(nastyString),
        queryString(['hub.mode', 'hub.verify_token', 'hub.challenge']),
        async (mode, verify, challenge, extra) => {
          const query = [
            mode === null ? '' : `hub.mode=${encode(mode)}`,
            verify === null ? '' : `hub.verify_token=${encode(verify)}`,
            challenge === null ? '' : `hub.challenge=${encode(challenge)}`,
            extra,
          ];
          const response = await exchange({
            method: 'GET',
            url: `/api/webhooks/facebook?${query.filter(Boolean).join('&')}`,
          });
          if (response.statusCode === 200) {
            expect(mode).toBe('subscribe');
            expect(verify).toBe(FB_VERIFY);
          }
        },
      ),
      runs(80),
    );
  });
});
