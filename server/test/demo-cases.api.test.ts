import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../src/modules/demo/index.ts';
import { createFieldProtector, parseFieldKeys } from '../src/platform/crypto/field-protection.ts';
import { createTestApp, TEST_FIELD_KEYS, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('the demo centre’s contacts and cases', () => {
  it('are written through intake itself: every contact kept, cases numbered, routed and protected', async () => {
    const fields = createFieldProtector(parseFieldKeys(TEST_FIELD_KEYS.FIELD_KEYS, TEST_FIELD_KEYS.FIELD_HASH_KEY));
    const result = await seedDemoCases({ db: t.database.db, clock: t.clock, fields, count: 90 });
    const db = t.database.db;
    const contacts = await db.selectFrom('intake_contact').select(['outcome', 'channel', 'received_at']).execute();
    expect(contacts).toHaveLength(90);
    expect(new Set(contacts.map((c) => c.outcome)).size).toBeGreaterThan(3);
    expect(contacts.some((c) => c.channel === 'hotline')).toBe(true);
    expect(contacts.some((c) => c.channel === 'walk_in')).toBe(true);
    // Spread over the past months, not all at one instant.
    const days = new Set(contacts.map((c) => new Date(c.received_at).toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThan(30);

    const cases = await db.selectFrom('case_file').select(['case_number', 'status', 'routing']).execute();
    expect(cases).toHaveLength(result.cases);
    expect(result.cases).toBeGreaterThan(10);
    expect(cases.every((c) => /^25\d\d-\d{6}$/.test(c.case_number))).toBe(true);
    expect(cases.filter((c) => c.status === 'new').length).toBeGreaterThan(cases.length / 2);
    const people = await db.selectFrom('case_person').select(['name_protected']).execute();
    expect(JSON.stringify(people)).not.toMatch(/สมชาย|สมศรี|มาลี/);
  });

  it('come on every channel, with conversations triaged, repeat callers, and the older cases screened', async () => {
    const fields = createFieldProtector(parseFieldKeys(TEST_FIELD_KEYS.FIELD_KEYS, TEST_FIELD_KEYS.FIELD_HASH_KEY));
    const db = t.database.db;
    const before = await db
      .selectFrom('case_file')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const reportsBefore = await db
      .selectFrom('public_report')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const result = await seedDemoCases({ db, clock: t.clock, fields, count: 700, seed: 7 });
    expect(result.publicReports).toBeGreaterThan(10);
    expect(result.conversations).toBeGreaterThan(10);
    const channels = await db.selectFrom('intake_contact').select('channel').distinct().execute();
    expect(channels.map((c) => c.channel).sort()).toEqual(
      ['facebook', 'hotline', 'international', 'line', 'mobile_app', 'walk_in', 'web'].sort(),
    );
    const after = await db
      .selectFrom('case_file')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(result.cases);
    // Public reports have tracking codes; most conversations were triaged, the last days' still wait.
    const reports = await db
      .selectFrom('public_report')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(reports.n) - Number(reportsBefore.n)).toBe(result.publicReports);
    const pending = await db
      .selectFrom('intake_contact')
      .select('received_at')
      .where('outcome', '=', 'pending')
      .execute();
    expect(pending.length).toBeLessThan(result.conversations / 2);
    // Repeat callers: some phone numbers belong to several cases.
    const repeated = await db
      .selectFrom('intake_contact')
      .select('caller_phone_index')
      .where('case_id', 'is not', null)
      .where('caller_phone_index', 'is not', null)
      .groupBy('caller_phone_index')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(repeated.length).toBeGreaterThan(0);
    // The screening queue holds the recent cases; older ones were screened.
    const unscreened = await db
      .selectFrom('case_file')
      .select('created_at')
      .where('screened_at', 'is', null)
      .where('status', '=', 'new')
      .execute();
    const twoDaysAgo = t.clock.now().getTime() - 2 * 86_400_000;
    expect(unscreened.every((c) => new Date(c.created_at).getTime() >= twoDaysAgo)).toBe(true);
    expect(result.screened).toBeGreaterThan(result.cases / 2);

    // The Ratchaburi cases are worked: referred, accepted, helped, closed and followed up.
    const work = result.casework!;
    expect(work.referred).toBeGreaterThan(20);
    expect(work.accepted).toBeGreaterThan(work.declined);
    expect(work.closed).toBeGreaterThan(2);
    expect(work.followedUp).toBeGreaterThan(0);
    const states = await db.selectFrom('case_file').select('status').distinct().execute();
    expect(states.map((s) => s.status)).toEqual(expect.arrayContaining(['referred', 'in_progress', 'closed']));
    // Nothing happened after "now", and every closed case has its follow-up task.
    const now = t.clock.now().getTime();
    const latest = await db
      .selectFrom('case_transition')
      .select((eb) => eb.fn.max('at').as('at'))
      .executeTakeFirstOrThrow();
    expect(new Date(latest.at as Date).getTime()).toBeLessThanOrEqual(now);
    const closedWithoutFollowUp = await db
      .selectFrom('case_file')
      .select('id')
      .where('status', '=', 'closed')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('case_task')
              .select('id')
              .whereRef('case_task.case_id', '=', 'case_file.id')
              .where('kind', '=', 'follow_up'),
          ),
        ),
      )
      .execute();
    expect(closedWithoutFollowUp).toEqual([]);
    // 700 contacts and the work on them through the real services: longer than the suite's default 60 s allows.
  }, 180_000);
});

describe('the deadlines of the demo’s cases, worked through every service', () => {
  it('are exactly the clocks each case has running: first contact, running steps, waiting referrals', async () => {
    const db = t.database.db;
    // What should run, read from the cases themselves…
    const cases = await db.selectFrom('case_file').select(['id', 'status']).execute();
    const steps = await db
      .selectFrom('case_step')
      .innerJoin('case_file', 'case_file.id', 'case_step.case_id')
      .select([
        'case_step.case_id',
        'case_step.position',
        'case_step.code',
        'case_step.status',
        'case_step.due_at',
        'case_step.done_event',
      ])
      .execute();
    const sent = await db
      .selectFrom('referral')
      .select(['id', 'case_id', 'due_at'])
      .where('status', '=', 'sent')
      .execute();
    const expected = new Set<string>();
    const status = new Map(cases.map((kase) => [kase.id, kase.status]));
    for (const kase of cases) {
      if (kase.status === 'merged' || kase.status === 'closed') continue;
      const contacted = steps.some((step) => step.case_id === kase.id && step.done_event === 'first_contact');
      if (!contacted) expected.add(`${kase.id} first_contact`);
    }
    for (const step of steps) {
      if (step.status !== 'open' || step.code === 'accept_referral') continue;
      const state = status.get(step.case_id);
      if (state === 'merged' || (state === 'closed' && step.code !== 'follow_up')) continue;
      expected.add(`${step.case_id} step:${step.position} ${new Date(step.due_at!).toISOString()}`);
    }
    for (const referral of sent)
      if (!['closed', 'merged'].includes(status.get(referral.case_id)!))
        expected.add(`${referral.case_id} referral:${referral.id} ${new Date(referral.due_at).toISOString()}`);
    // …and what the alarm system has.
    const open = await db
      .selectFrom('deadline')
      .select(['case_id', 'subject', 'due_at'])
      .where('status', '=', 'open')
      .execute();
    const actual = new Set(
      open.map((row) =>
        row.subject === 'first_contact'
          ? `${row.case_id} first_contact`
          : `${row.case_id} ${row.subject} ${new Date(row.due_at).toISOString()}`,
      ),
    );
    expect(expected.size).toBeGreaterThan(20);
    expect([...actual].filter((key) => !expected.has(key))).toEqual([]);
    expect([...expected].filter((key) => !actual.has(key))).toEqual([]);
    // Each step's result is written once, and only on a clock that ended or breached.
    const results = await db.selectFrom('deadline').select(['status', 'result']).execute();
    expect(results.filter((row) => row.status !== 'open' && row.result === null && row.status === 'met')).toEqual([]);
  });
});
