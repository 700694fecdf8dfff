import { DEFAULT_ROLES } from '@oscc/contract';
import type { FastifyBaseLogger } from 'fastify';
import { backfillDeadlines } from './modules/alarms/index.ts';
import { seedDemo, type SeedDemoResult } from './modules/demo/index.ts';
import { createGeographyRepository, loadGeographyReference } from './modules/geography/index.ts';
import { createUsersRepository, upsertDefaultRoles } from './modules/identity/index.ts';
import type { Clock } from './platform/clock.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';

export interface PrepareOptions {
  /** Seed the demo data set when the database has no users yet. */
  demoData: boolean;
  log?: Pick<FastifyBaseLogger, 'info'>;
}

export interface PrepareOutcome {
  migrationsApplied: string[];
  geography: 'unchanged' | 'loaded';
  demo: SeedDemoResult | null;
}

/**
 * Everything a database needs before the app serves from it: migrations,
 * the roles and their permissions, the geography reference, and — on an
 * empty demo database — the demo data; once, the deadlines of cases that
 * were there before the alarm system. Safe to run at every start.
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  clock: Clock,
  options: PrepareOptions,
): Promise<PrepareOutcome> {
  const { applied } = await migrateToLatest(database.db);
  if (applied.length) options.log?.info({ applied }, 'migrations applied');
  await upsertDefaultRoles(database.db, DEFAULT_ROLES);
  const geography = await createGeographyRepository(database.db).syncReference(loadGeographyReference(), clock.now());
  if (geography === 'loaded') options.log?.info('geography reference loaded');
  const backfilled = await backfillDeadlines(database.db, clock.now());
  if (backfilled) options.log?.info({ cases: backfilled }, 'deadlines given to the cases that were open before alarms');
  let demo: SeedDemoResult | null = null;
  if (options.demoData && (await createUsersRepository(database.db).count()) === 0) {
    demo = await seedDemo(database.db, clock);
    options.log?.info(
      { agencies: demo.agencies, units: demo.units, accounts: demo.accounts.length },
      'demo data seeded',
    );
  }
  return { migrationsApplied: applied, geography, demo };
}
