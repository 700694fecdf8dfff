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
});
