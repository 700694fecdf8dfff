import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type OperationNode,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../database-schema.ts';
import { WriteWatchPlugin, writtenTables } from './write-watch.ts';

const watched = new WriteWatchPlugin();
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [watched],
});
const node = (query: { toOperationNode(): OperationNode }) => query.toOperationNode();

describe('which tables a statement writes to', () => {
  it('finds the table of an insert, an update (also aliased), a delete, and of each data-modifying WITH query', () => {
    expect(writtenTables(node(db.insertInto('unit').values({ code: 'X' } as never)))).toEqual(['unit']);
    expect(writtenTables(node(db.updateTable('unit_area as a').set({ code: '10' })))).toEqual(['unit_area']);
    expect(writtenTables(node(db.deleteFrom('unit_problem_type').where('unit_id', '=', 'x')))).toEqual([
      'unit_problem_type',
    ]);
    const statement = db
      .with('made', (qc) =>
        qc
          .insertInto('case_file')
          .values({ id: 'x' } as never)
          .returning('id'),
      )
      .with('kept', (qc) => qc.updateTable('problem_type').set({ active: false }))
      .selectFrom('made')
      .select('id');
    expect(writtenTables(node(statement)).sort()).toEqual(['case_file', 'problem_type']);
  });

  it('finds the table in SQL text, whatever its case and quoting, and none in a read', () => {
    expect(writtenTables(node(sql`UPDATE "unit" set active = ${false} where code = ${'X'}`))).toEqual(['unit']);
    expect(writtenTables(node(sql`insert into geo_province (code) values (${'99'})`))).toEqual(['geo_province']);
    expect(writtenTables(node(sql`truncate table agency cascade`))).toEqual(['agency']);
    expect(writtenTables(node(sql`select * from unit where updated_at > now()`))).toEqual([]);
    expect(writtenTables(node(db.selectFrom('unit').select('code').where('active', '=', true)))).toEqual([]);
  });

  it('tells a watcher before a write to its tables is sent, and nobody about other tables or after it stops', async () => {
    const told: string[] = [];
    const stop = watched.watch(['unit', 'agency'], (table) => told.push(table));
    await db.updateTable('unit').set({ active: false }).execute();
    await db.updateTable('case_file').set({ status: 'closed' }).execute();
    await sql`delete from agency where code = ${'X'}`.execute(db);
    stop();
    await db.updateTable('unit').set({ active: true }).execute();
    expect(told).toEqual(['unit', 'agency']);
  });
});
