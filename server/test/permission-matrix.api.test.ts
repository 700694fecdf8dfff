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
