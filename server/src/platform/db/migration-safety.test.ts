import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  checkMigrations,
  findDestructiveSteps,
  formatViolation,
  KNOWN_DESTRUCTIVE_STEPS,
  recordMigrationSql,
  type MigrationContract,
  type MigrationSql,
} from './migration-safety.ts';
import { migrations as listed } from './migrations/index.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

/** Every migration file in the folder — a new one is checked the moment it exists. */
async function migrationFiles(): Promise<MigrationSql[]> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{4}-.+\.ts$/.test(file) && !file.endsWith('.test.ts'))
    .sort();
  const loaded: MigrationSql[] = [];
  for (const file of files) {
    const module = (await import(path.join(MIGRATIONS_DIR, file))) as {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
      up(db: Kysely<any>): Promise<void>;
      contract?: unknown;
    };
    loaded.push({
      name: file.replace(/\.ts$/, ''),
      statements: await recordMigrationSql(module),
      contract: module.contract,
    });
  }
  return loaded;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
type Up = (db: Kysely<any>) => Promise<void>;

/** A synthetic migration: from SQL text (one statement per entry) or an `up` using the schema builder. */
async function migration(name: string, body: string[] | Up, contract?: MigrationContract): Promise<MigrationSql> {
  const up: Up =
    typeof body === 'function'
      ? body
      : async (db) => {
          for (const statement of body) await sql.raw(statement).execute(db);
        };
  return { name, statements: await recordMigrationSql({ up }), contract };
}

/** The schema earlier synthetic migrations built: a table with rows, some columns, a check constraint. */
const base = () =>
  migration('0001-base', [
    `create table case_file (id uuid primary key, status text not null check (status in ('new')), note text,
      legacy text, priority integer default 0)`,
    `create type case_kind as enum ('a', 'b')`,
    `create table case_event (id uuid primary key, case_id uuid references case_file(id))`,
  ]);

/** The violations of one migration on top of the base schema (no known exceptions). */
async function violationsOf(body: string[] | Up, contract?: MigrationContract): Promise<string[]> {
  const checked = [await base(), await migration('0002-under-test', body, contract)];
  return checkMigrations(checked, []).map((violation) => violation.problem);
}

describe('the migrations never destroy data in one step (expand/contract)', () => {
  it('checks every migration file, and every file is in the ordered list', async () => {
    const files = await migrationFiles();
    expect(files.map((file) => file.name)).toEqual(Object.keys(listed));
    for (const file of files) expect(file.statements.length, file.name).toBeGreaterThan(0);
  });

  it('finds no undeclared destructive step in any migration', async () => {
    const violations = checkMigrations(await migrationFiles());
    expect(violations.map(formatViolation)).toEqual([]);
  });

  it('knows each step it lets through without a contract, and why', async () => {
    const steps = findDestructiveSteps(await migrationFiles());
    const known = steps.filter((step) =>
      KNOWN_DESTRUCTIVE_STEPS.some((entry) => entry.migration === step.migration && entry.step === step.step),
    );
    expect(known.map((step) => `${step.migration}: ${step.step}`)).toEqual([
      '0002-organisations-people: delete all from role_permission',
    ]);
    for (const entry of KNOWN_DESTRUCTIVE_STEPS) expect(entry.reason.length).toBeGreaterThan(40);
  });
});

describe('the migration safety check', () => {
  it('records what the schema builder and sql templates run', async () => {
    const recorded = await recordMigrationSql({
      up: async (db) => {
        await db.schema.alterTable('case_file').dropColumn('legacy').execute();
        await sql`update case_file set note = ${'x'}`.execute(db);
      },
    });
    expect(recorded).toEqual(['alter table "case_file" drop column "legacy"', 'update case_file set note = $1']);
  });

  it.each<[string, string[] | Up, string]>([
    ['a plain drop column', ['alter table case_file drop column legacy'], 'drop column case_file.legacy'],
    [
      'a drop column without the word column',
      ['alter table case_file drop legacy cascade'],
      'drop column case_file.legacy',
    ],
    [
      'a drop column by the schema builder',
      async (db) => db.schema.alterTable('case_file').dropColumn('legacy').execute(),
      'drop column case_file.legacy',
    ],
    [
      'a second action of an alter table',
      ['alter table case_file add column x text, drop column note'],
      'drop column case_file.note',
    ],
    ['a column rename', ['alter table case_file rename column note to remark'], 'rename column case_file.note'],
    [
      'a column rename by the schema builder',
      async (db) => db.schema.alterTable('case_file').renameColumn('note', 'remark').execute(),
      'rename column case_file.note',
    ],
    ['a table rename', ['alter table case_file rename to case_record'], 'rename table case_file'],
    ['a table moved to another schema', ['alter table case_file set schema archive'], 'rename table case_file'],
    [
      'an alter column type',
      ['alter table case_file alter column note type varchar(20)'],
      'alter column type case_file.note',
    ],
    [
      'an alter column type by the schema builder',
      async (db) =>
        db.schema
          .alterTable('case_file')
          .alterColumn('priority', (column) => column.setDataType('bigint'))
          .execute(),
      'alter column type case_file.priority',
    ],
    [
      'set not null with no default nor earlier backfill',
      ['alter table case_file alter note set not null'],
      'set not null case_file.note',
    ],
    [
      'set not null backfilled only in the same step',
      ["update case_file set note = ''", 'alter table case_file alter column note set not null'],
      'set not null case_file.note',
    ],
    [
      'set not null by the schema builder',
      async (db) =>
        db.schema
          .alterTable('case_file')
          .alterColumn('note', (column) => column.setNotNull())
          .execute(),
      'set not null case_file.note',
    ],
    [
      'a not-null column without a default',
      ['alter table case_file add column kind text not null'],
      'add not null column case_file.kind',
    ],
    [
      'dropping a default',
      ['alter table case_file alter column priority drop default'],
      'drop default case_file.priority',
    ],
    ['a drop table', ['drop table if exists case_event'], 'drop table case_event'],
    [
      'a drop table by the schema builder',
      async (db) => db.schema.dropTable('case_event').execute(),
      'drop table case_event',
    ],
    ['a truncate', ['truncate table case_event restart identity'], 'truncate case_event'],
    ['a delete without where', ['delete from case_event'], 'delete all from case_event'],
    [
      'a delete without where by the query builder',
      async (db) => {
        await db.deleteFrom('case_event').execute();
      },
      'delete all from case_event',
    ],
    [
      'a delete inside a with',
      ['with gone as (delete from case_event returning id) select count(*) from gone'],
      'delete all from case_event',
    ],
    ['a drop schema', ['drop schema archive cascade'], 'drop schema archive'],
    ['a drop type', ['drop type case_kind'], 'drop type case_kind'],
    ['a type rename', ['alter type case_kind rename to case_sort'], 'alter type case_kind rename'],
    ['an enum value rename', ["alter type case_kind rename value 'a' to 'c'"], 'alter type case_kind rename value'],
    ['a drop sequence', ['drop sequence case_number_2569'], 'drop sequence case_number_2569'],
    [
      'a constraint dropped for good',
      ['alter table case_file drop constraint case_file_status_check'],
      'drop constraint case_file.case_file_status_check',
    ],
    ['a function dropped with cascade', ['drop function case_touch() cascade'], 'drop function case_touch cascade'],
    ['a quoted identifier', ['alter table "case_file" drop column "legacy"'], 'drop column case_file.legacy'],
    [
      'a drop table inside a DO block',
      ["do $$ begin execute 'drop table ' || 'case_event'; end $$"],
      'do block: drop table',
    ],
    ['a delete inside a DO block', ['do $do$ begin delete from case_event; end $do$'], 'do block: delete all'],
  ])('rejects %s', async (_, body, step) => {
    const problems = await violationsOf(body);
    expect(
      problems.some((problem) => problem.startsWith(`${step}:`)),
      problems.join('\n'),
    ).toBe(true);
  });

  it.each<[string, string[] | Up]>([
    [
      'new tables, columns and indexes',
      [
        'create table case_note (id uuid primary key, body text not null)',
        'alter table case_file add column closed_at timestamptz',
        'alter table case_file add column version integer not null default 1',
        'create index case_file_closed_idx on case_file(closed_at)',
      ],
    ],
    [
      'the schema builder adding things',
      async (db) => {
        await db.schema
          .createTable('case_tag')
          .addColumn('id', 'uuid', (c) => c.primaryKey())
          .execute();
        await db.schema.alterTable('case_file').addColumn('tag', 'text').execute();
      },
    ],
    [
      'dropping what the same migration created',
      [
        'create table scratch (id integer)',
        'insert into scratch select 1',
        'alter table scratch rename column id to n',
        'alter table scratch alter column n type bigint',
        'truncate scratch',
        'delete from scratch',
        'drop table scratch',
        'alter table case_file add column draft text',
        'alter table case_file alter column draft type varchar(10)',
        'alter table case_file drop column draft',
      ],
    ],
    [
      'a constraint dropped and re-created',
      [
        'alter table case_file drop constraint case_file_status_check',
        "alter table case_file add constraint case_file_status_check check (status in ('new', 'closed'))",
      ],
    ],
    [
      'replaceable code: functions, triggers, views, indexes',
      [
        'create function case_touch() returns trigger language plpgsql as $$ begin delete from case_event; drop table x; return new; end $$',
        'drop trigger if exists case_touch on case_file',
        'create trigger case_touch after update on case_file for each row execute function case_touch()',
        'drop function if exists case_touch()',
        'create view open_cases as select * from case_file',
        'drop view open_cases cascade',
        'drop materialized view if exists case_counts',
        'drop index concurrently if exists case_file_closed_idx',
      ],
    ],
    [
      'a delete with a where',
      [
        'delete from case_event where case_id is null',
        'delete from case_file using case_event where case_file.id = case_event.case_id',
      ],
    ],
    ['set not null with a default', ['alter table case_file alter column priority set not null']],
    [
      'set not null after a default set in the same step',
      [
        "alter table case_file alter column note set default ''",
        "update case_file set note = '' where note is null",
        'alter table case_file alter column note set not null',
      ],
    ],
    ['an enum value added', ["alter type case_kind add value 'c'"]],
    [
      'words in strings and comments',
      [
        "-- drop table case_file\ninsert into case_event (id) values ('drop table case_file; delete from case_event')",
        "comment on table case_file is 'we never drop column legacy'",
      ],
    ],
    [
      'a DO block that only creates and reads',
      [
        "do $$ declare r record; begin for r in select id from case_file loop execute format('create sequence if not exists %I', 's' || r.id); end loop; end $$",
      ],
    ],
  ])('accepts %s', async (_, body) => {
    expect(await violationsOf(body)).toEqual([]);
  });

  it('accepts set not null on a column backfilled by an earlier migration', async () => {
    const checked = [
      await base(),
      await migration('0002-backfill', [
        `update case_file c set priority = 1, note = coalesce((select min(e.id::text) from case_event e
          where e.case_id = c.id), '') from case_event where c.id in (select case_id from case_event)`,
      ]),
      await migration('0003-not-null', ['alter table case_file alter column note set not null']),
    ];
    expect(checkMigrations(checked, [])).toEqual([]);
  });

  describe('a contract', () => {
    const contract: MigrationContract = {
      since: '0001-base',
      reason: 'Nothing has read case_file.legacy since 0001 stopped writing it, a release ago.',
      steps: ['drop column case_file.legacy'],
    };

    it('lets a declared destructive step through', async () => {
      expect(await violationsOf(['alter table case_file drop column legacy'], contract)).toEqual([]);
    });

    it('covers only the steps it names', async () => {
      const problems = await violationsOf(
        ['alter table case_file drop column legacy', 'alter table case_file drop column note'],
        contract,
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^drop column case_file\.note:/);
    });

    it('must name an earlier migration, a reason and steps the migration takes', async () => {
      const drop = ['alter table case_file drop column legacy'];
      expect(await violationsOf(drop, { ...contract, since: '0002-under-test' })).toContainEqual(
        expect.stringMatching(/^contract\.since/),
      );
      expect(await violationsOf(drop, { ...contract, since: '0099-later' })).toContainEqual(
        expect.stringMatching(/^contract\.since/),
      );
      expect(await violationsOf(drop, { ...contract, reason: '' })).toContainEqual(
        expect.stringMatching(/^contract\.reason/),
      );
      expect(await violationsOf(drop, { ...contract, steps: [...contract.steps, 'drop table case_event'] })).toEqual([
        'contract.steps names "drop table case_event", which this migration does not take',
      ]);
    });
  });

  it('reports a known exception that no longer matches', () => {
    const stale = checkMigrations(
      [{ name: '0001-base', statements: ['select 1'] }],
      [{ migration: '0001-base', step: 'drop table gone', reason: 'for the test' }],
    );
    expect(stale.map((violation) => violation.problem)).toEqual([
      'the known step "drop table gone" is not in this migration any more',
    ]);
  });
});
