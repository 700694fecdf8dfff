import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReferenceCache } from '../src/modules/intake/index.ts';
import { createTestApp, signIn, type TestApp } from './harness.ts';
import { runSql } from './support/pg-cluster.ts';

/**
 * The reference data an intake is checked and routed against is kept in memory (reference-cache.ts) — and must
 * never route a case by units, areas or problem types that have changed: a change in this process counts at once,
 * a change from another process as soon as its notification arrives, and nothing is kept while notifications could
 * be missed.
 */
let t: TestApp;
let calltaker: string;
let admin: string;
const SUBDISTRICT = '380101'; // บึงกาฬ, where the demo has only the provincial office (province level, every problem)

beforeAll(async () => {
  t = await createTestApp();
  calltaker = await signIn(t.app, 'calltaker@oscc.example');
  admin = await signIn(t.app, 'admin@oscc.example');
});
afterAll(async () => t.close());

const intake = async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/intake/contacts',
    headers: { cookie: calltaker },
    payload: {
      outcome: 'case',
      case: {
        problemTypes: ['begging'],
        location: { areaCode: SUBDISTRICT },
        narrative: 'เด็กขอทานหน้าตลาดทุกวัน',
        people: [{ role: 'victim', idType: 'none', sex: 'female' }],
      },
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().case.routing as { unitId: string | null; areaLevel: string | null };
};

/** The name of this file's throw-away database. */
const databaseName = async () =>
  (await sql<{ name: string }>`select current_database() as name`.execute(t.database.db)).rows[0]!.name;

/** A connection of its own: what another API process (or a person with psql) changes. */
async function elsewhere(statement: string): Promise<void> {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${await databaseName()}`;
  await runSql(url.toString(), statement);
}

describe('routing through the kept reference data', () => {
  it('follows a unit made, and then deactivated, by an administrator of this process at once', async () => {
    const provincial = await intake();
    expect(provincial.areaLevel).toBe('province');
    expect(await intake()).toEqual(provincial); // now served from memory

    const agency = await t.database.db
      .selectFrom('agency')
      .select('id')
      .where('code', '=', 'MSDHS-OPS')
      .executeTakeFirstOrThrow();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie: admin },
      payload: {
        agencyId: agency.id,
        code: 'BK-CACHE',
        type: 'ngo',
        nameTh: 'หน่วยทดสอบ BK-CACHE',
        provinceCode: '38',
        areas: [SUBDISTRICT],
        problemTypes: ['begging'],
      },
    });
    expect(created.statusCode).toBe(201);
    const local = created.json() as { id: string; version: number };
    expect(await intake()).toMatchObject({ unitId: local.id, areaLevel: 'subdistrict' });

    const deactivated = await t.app.inject({
      method: 'POST',
      url: `/api/units/${local.id}/active`,
      headers: { cookie: admin },
      payload: { active: false, version: local.version, reason: 'ปิดหน่วยทดสอบ' },
    });
    expect(deactivated.statusCode).toBe(200);
    expect(await intake()).toEqual(provincial);
  });
});

describe('the cache itself, on the real database', () => {
  const counted = () => {
    let loads = 0;
    return {
      load: async () => {
        loads += 1;
        return (await t.database.db.selectFrom('unit').select('code').where('active', '=', true).execute()).length;
      },
      get loads() {
        return loads;
      },
    };
  };

  it('keeps nothing until it listens, then reads once; a write of its own process is never served stale', async () => {
    const cache = createReferenceCache(t.database);
    const reader = counted();
    try {
      // Not listening yet: read, not kept.
      await cache.get('units', reader.load);
      await cache.start();
      const before = await cache.get('units', reader.load);
      expect(await cache.get('units', reader.load)).toBe(before);
      expect(reader.loads).toBe(2);

      await t.database.db
        .insertInto('unit')
        .values(
          await t.database.db
            .selectFrom('unit')
            .select(['agency_id', 'type', 'province_code'])
            .where('active', '=', true)
            .limit(1)
            .executeTakeFirstOrThrow()
            .then((u) => ({ ...u, code: 'BK-CACHE-2', name_th: 'หน่วยทดสอบ BK-CACHE-2', active: true })),
        )
        .execute();
      // The very next read after this process's own write reads again — no waiting for the notification.
      expect(await cache.get('units', reader.load)).toBe(before + 1);
      // Once the notification of the commit is back, it keeps values again.
      await vi.waitFor(async () => {
        await cache.get('units', reader.load);
        const loads = reader.loads;
        await cache.get('units', reader.load);
        expect(reader.loads).toBe(loads);
      });
    } finally {
      await cache.stop();
    }
  });

  it('after a write that was rolled back, trusts itself again only after the pause', async () => {
    let clock = 0;
    const cache = createReferenceCache(t.database, { now: () => clock });
    const reader = counted();
    try {
      await cache.start();
      await cache.get('units', reader.load);
      await t.database.db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('unit').set({ name_en: 'x' }).where('code', '=', 'BK-CACHE-2').execute();
          throw new Error('roll back');
        })
        .catch(() => undefined);
      const loads = reader.loads;
      await cache.get('units', reader.load);
      await cache.get('units', reader.load);
      expect(reader.loads).toBe(loads + 2); // no notification comes: not kept
      clock += 10_001;
      await cache.get('units', reader.load);
      await cache.get('units', reader.load);
      expect(reader.loads).toBe(loads + 3);
    } finally {
      await cache.stop();
    }
  });

  it('keeps at most maxEntries values, letting the least recently used go', async () => {
    const cache = createReferenceCache(t.database, { maxEntries: 2 });
    const reader = counted();
    try {
      await cache.start();
      for (const key of ['a', 'b', 'a', 'c']) await cache.get(key, reader.load);
      expect(cache.size).toBe(2);
      const loads = reader.loads;
      await cache.get('a', reader.load); // kept (used after b)
      expect(reader.loads).toBe(loads);
      await cache.get('b', reader.load); // let go
      expect(reader.loads).toBe(loads + 1);
    } finally {
      await cache.stop();
    }
  });

  describe.runIf(process.env.DATABASE_URL)('with several processes (PostgreSQL)', () => {
    it("forgets what another process's change makes stale when its notification arrives", async () => {
      const cache = createReferenceCache(t.database);
      const reader = counted();
      try {
        await cache.start();
        const before = await cache.get('units', reader.load);
        expect(cache.size).toBe(1);
        await elsewhere(`update unit set active = false where code = 'BK-CACHE-2'`);
        await vi.waitFor(() => expect(cache.size).toBe(0));
        expect(await cache.get('units', reader.load)).toBe(before - 1);
      } finally {
        await cache.stop();
      }
    });

    it('keeps nothing while its listening connection is down, and starts afresh when it is back', async () => {
      const cache = createReferenceCache(t.database);
      const reader = counted();
      try {
        await cache.start();
        const before = await cache.get('units', reader.load);
        const database = await databaseName();
        await sql`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'oscc-listen' and datname = ${database}`.execute(t.database.db);
        await vi.waitFor(() => expect(cache.size).toBe(0));
        // Changed while nobody listens: the notification is lost — and must not matter.
        await elsewhere(`update unit set active = true where code = 'BK-CACHE-2'`);
        const loads = reader.loads;
        await cache.get('units', reader.load);
        await cache.get('units', reader.load);
        expect(reader.loads).toBe(loads + 2);
        // Listening again (after a second): kept again, and fresh.
        await vi.waitFor(
          async () => {
            await cache.get('units', reader.load);
            expect(cache.size).toBe(1);
          },
          { timeout: 10_000, interval: 200 },
        );
        expect(await cache.get('units', reader.load)).toBe(before + 1);
      } finally {
        await cache.stop();
      }
    });
  });
});
