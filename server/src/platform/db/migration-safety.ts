import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

/**
 * Expand/contract, checked: a migration never destroys data — or breaks the
 * previous release's code, which still runs while an upgrade rolls out — in
 * one step. `migration-safety.test.ts` runs every migration file through
 * `recordMigrationSql` (its `up` against a database that records each
 * statement and answers every query with no rows: the SQL that would run,
 * whether written with `sql` templates or the schema builder) and
 * `checkMigrations`, which lists every destructive step that is not declared.
 *
 * Destructive to data (or to the running code), so a step needing a contract:
 * DROP TABLE / SCHEMA / TYPE / DOMAIN / SEQUENCE (and any other object that
 * holds data), DROP COLUMN, renaming or moving a table or column, ALTER COLUMN
 * … TYPE, SET NOT NULL on an existing column that has neither a default nor a
 * backfill in an earlier migration, ADD COLUMN … NOT NULL without a default,
 * DROP DEFAULT, TRUNCATE, DELETE without WHERE, renaming or dropping an enum's
 * values, dropping a constraint that the same migration does not re-create,
 * and DROP … CASCADE of code (a function's cascade reaches generated columns).
 * The same operations inside a DO block (it runs now) count too.
 *
 * Replaceable code, never a finding: creating and dropping indexes, views,
 * materialized views, functions, procedures, triggers, rules and policies;
 * function bodies (they run later, as the application's code); and anything
 * done to a table, column, type or sequence the same migration created.
 *
 * A destructive step is allowed when the migration says so, for a reviewer to
 * see: `export const contract: MigrationContract = { since, reason, steps }`,
 * where `since` is the earlier migration since which nothing reads what this
 * one destroys (that migration shipped in an earlier release), and `steps`
 * names each step exactly as the finding does (e.g. `drop column
 * case_file.legacy`). The few such steps in migrations that shipped before
 * this check are in `KNOWN_DESTRUCTIVE_STEPS`, each with why it is safe.
 */
export interface MigrationContract {
  /** The earlier migration since which no code reads or writes what this one destroys. */
  readonly since: string;
  /** Why it is safe now. */
  readonly reason: string;
  /** Each destructive step, named as the check names it, e.g. `drop column case_file.legacy`. */
  readonly steps: readonly string[];
}

/** A destructive step in a migration that shipped before this check, judged safe by a person. */
export interface KnownDestructiveStep {
  readonly migration: string;
  readonly step: string;
  readonly reason: string;
}

export const KNOWN_DESTRUCTIVE_STEPS: readonly KnownDestructiveStep[] = [
  {
    migration: '0002-organisations-people',
    step: 'delete all from role_permission',
    reason:
      'role_permission is reference data owned by the code (the contract package’s role definitions), not by ' +
      'users: before 0002 only upsertDefaultRoles() wrote it (no screen edited it), so every row was a seeded ' +
      'default. 0002 gave rules conditions and emptied the old unconditional rows, which would have granted too ' +
      'much; upsertDefaultRoles() seeds them again, with their conditions, at every start.',
  },
];

export interface MigrationSql {
  readonly name: string;
  /** The statements `up` runs, in order. */
  readonly statements: readonly string[];
  /** The module's `contract` export, if any (checked here, since a file may export anything). */
  readonly contract?: unknown;
}

export interface DestructiveStep {
  readonly migration: string;
  /** How a contract names it, e.g. `drop column case_file.legacy`. */
  readonly step: string;
  readonly statement: string;
  readonly why: string;
}

export interface MigrationViolation {
  readonly migration: string;
  readonly statement: string;
  readonly problem: string;
}

// ── Recording the SQL a migration runs ────────────────────────────────────────

class RecordingConnection implements DatabaseConnection {
  readonly #statements: string[];
  constructor(statements: string[]) {
    this.#statements = statements;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    this.#statements.push(compiledQuery.sql);
    return { rows: [] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('A migration is recorded, not streamed');
  }
}

class RecordingDriver implements Driver {
  readonly #connection: RecordingConnection;
  constructor(statements: string[]) {
    this.#connection = new RecordingConnection(statements);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * The statements a migration's `up` runs, on PostgreSQL's SQL compiler, with
 * every query answered by no rows (as on an empty database). A migration that
 * branched on what it read would show the empty-database branch only; none
 * does, and none should — a migration is the same steps on every database.
 */
export async function recordMigrationSql(migration: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration works on any schema
  up(db: Kysely<any>): Promise<void>;
}): Promise<string[]> {
  const statements: string[] = [];
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new RecordingDriver(statements),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
  const db = new Kysely<unknown>({ dialect });
  try {
    await migration.up(db);
  } finally {
    await db.destroy();
  }
  return statements;
}

// ── Reading SQL ───────────────────────────────────────────────────────────────

interface MaskedSql {
  /** Lower case, comments gone, strings as '', quoted identifiers unquoted, dollar-quoted bodies as $bodyN$. */
  readonly text: string;
  readonly bodies: readonly string[];
}

function maskSql(source: string): MaskedSql {
  let out = '';
  const bodies: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '-' && next === '-') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      out += ' ';
    } else if (c === "'") {
      const escapes = /(^|[^a-z0-9_])e$/i.test(out);
      let j = i + 1;
      while (j < source.length) {
        if (escapes && source[j] === '\\') j += 2;
        else if (source[j] === "'" && source[j + 1] === "'") j += 2;
        else if (source[j] === "'") break;
        else j += 1;
      }
      out += "''";
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      let name = '';
      while (j < source.length) {
        if (source[j] === '"' && source[j + 1] === '"') {
          name += '"';
          j += 2;
        } else if (source[j] === '"') break;
        else name += source[j++];
      }
      out += name.replace(/[^A-Za-z0-9_$.]/g, '_');
      i = j + 1;
    } else if (c === '$' && !/[a-z0-9_$]$/i.test(out) && /^\$([a-z_][a-z0-9_]*)?\$/i.test(source.slice(i))) {
      const tag = /^\$([a-z_][a-z0-9_]*)?\$/i.exec(source.slice(i))![0];
      const end = source.indexOf(tag, i + tag.length);
      bodies.push(source.slice(i + tag.length, end < 0 ? source.length : end));
      out += ` $body${bodies.length - 1}$ `;
      i = end < 0 ? source.length : end + tag.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return { text: out.toLowerCase(), bodies };
}

/** Splits at `separator` where no parenthesis is open. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.replace(/\s+/g, ' ').trim()).filter((part) => part !== '');
}

/** The text with whatever is inside parentheses taken out: `check (c is not null)` → `check ()`. */
function withoutParentheses(text: string): string {
  let out = '';
  let depth = 0;
  for (const c of text) {
    if (c === '(') {
      if (depth === 0) out += '(';
      depth++;
    } else if (c === ')') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) out += ')';
    } else if (depth === 0) out += c;
  }
  return out;
}

/** From `start` to where the enclosing parenthesis closes (or the end), at that depth only. */
function clauseFrom(text: string, start: number): string {
  let depth = 0;
  let end = text.length;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth < 0) {
      end = i;
      break;
    }
  }
  return withoutParentheses(text.slice(start, end));
}

/** What is between the parenthesis at `open` and the one that closes it. */
function insideParentheses(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** Where `pattern` (anchored with ^) first matches with no parenthesis open; the length if nowhere. */
function topLevelSearch(text: string, pattern: RegExp): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (depth === 0 && pattern.test(text.slice(i))) return i;
  }
  return text.length;
}

const NAME = String.raw`[a-z_][a-z0-9_$]*(?:\.[a-z_][a-z0-9_$]*)?`;
const unqualified = (name: string) => name.replace(/^public\./, '');
const names = (list: string) =>
  list
    .split(',')
    .map((name) => unqualified(name.trim().replace(/\*$/, '').trim()))
    .filter((name) => name !== '');

/** Objects that hold no data of their own: dropping and re-creating them loses nothing. */
const REPLACEABLE = new Set([
  'index',
  'view',
  'materialized view',
  'function',
  'procedure',
  'routine',
  'trigger',
  'rule',
  'policy',
  'aggregate',
  'operator',
  'statistics',
  'cast',
  'event trigger',
]);
/** Of those, the ones whose CASCADE reaches only other code (a function's reaches generated columns, a type's columns). */
const CASCADE_SAFE = new Set(['index', 'view', 'materialized view', 'trigger', 'rule', 'policy', 'statistics']);
const CREATABLE = new Set(['type', 'domain', 'sequence', 'schema', 'table', 'foreign table']);

const WHY = {
  dropTable: 'destroys the table and every row in it',
  dropColumn: 'destroys the column’s values, and the previous release’s code still reads or writes it',
  rename: 'the previous release’s code, still running during the upgrade, no longer finds it by its old name',
  alterType: 'rewrites every value (a lossy cast loses data) and locks the table while it does',
  setNotNull:
    'the previous release may still write null: give the column a default, or backfill it in an earlier migration',
  addNotNull: 'fails on a table with rows, and the previous release’s inserts (which do not know it) fail too',
  dropDefault: 'the previous release’s inserts may rely on the default',
  deleteAll: 'removes every row',
  truncate: 'removes every row',
  dropConstraint: 'removes a rule the data and the code rely on; re-create it in the same migration',
  dropObject: 'destroys what it holds, or whatever depends on it',
  cascade: 'CASCADE also drops whatever depends on it, which may be a table’s columns',
  alterEnum: 'existing values and the previous release’s code refer to the old names',
  doBlock: 'a DO block runs now: its destructive statements count like any other',
} as const;

// ── The schema as the migrations build it ─────────────────────────────────────

interface History {
  /** `table.column` that has a default (or is generated). */
  readonly defaults: Set<string>;
  /** `table.column` → the first migration that backfilled it with an UPDATE. */
  readonly backfilled: Map<string, string>;
}

interface Local {
  readonly migration: string;
  /** Tables, types, sequences… this migration created (so far): anything done to them destroys nothing old. */
  readonly created: Set<string>;
  /** `table.column` added by this migration (so far). */
  readonly columns: Set<string>;
  /** `table.constraint` added by this migration, with the statement index. */
  readonly constraintsAdded: readonly { key: string; index: number }[];
}

/** A column definition that fills the column by itself. */
const HAS_DEFAULT = /\b(default|generated|serial|bigserial|smallserial|serial4|serial8|serial2)\b/;

function recordColumnDefinition(table: string, definition: string, local: Local, history: History) {
  const column = new RegExp(`^(${NAME})\\s`).exec(definition)?.[1];
  if (!column || /^(constraint|primary|unique|check|foreign|exclude|like)$/.test(column)) return;
  const key = `${table}.${column}`;
  local.columns.add(key);
  if (HAS_DEFAULT.test(withoutParentheses(definition))) history.defaults.add(key);
  return key;
}

function addedConstraints(statements: readonly string[]): { key: string; index: number }[] {
  const added: { key: string; index: number }[] = [];
  statements.forEach((statement, index) => {
    for (const piece of splitTopLevel(maskSql(statement).text, ';')) {
      const alter = new RegExp(`^alter table (?:if exists )?(?:only )?(${NAME})\\*? (.*)$`, 's').exec(piece);
      if (!alter) continue;
      for (const action of splitTopLevel(alter[2]!, ','))
        for (const match of action.matchAll(new RegExp(`\\badd constraint (${NAME})`, 'g')))
          added.push({ key: `${unqualified(alter[1]!)}.${match[1]}`, index });
    }
  });
  return added;
}

/** The destructive steps of one migration, in order; updates `history` with what it did. */
function destructiveStepsOf(migration: MigrationSql, history: History): DestructiveStep[] {
  const local: Local = {
    migration: migration.name,
    created: new Set(),
    columns: new Set(),
    constraintsAdded: addedConstraints(migration.statements),
  };
  const steps: DestructiveStep[] = [];
  migration.statements.forEach((original, index) => {
    const oneLine = original.replace(/\s+/g, ' ').trim();
    const shown = oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
    const masked = maskSql(original);
    const found = (step: string, why: string) => steps.push({ migration: migration.name, step, statement: shown, why });
    for (const statement of splitTopLevel(masked.text, ';'))
      classify(statement, masked.bodies, index, local, history, found);
  });
  return steps;
}

function classify(
  s: string,
  bodies: readonly string[],
  index: number,
  local: Local,
  history: History,
  found: (step: string, why: string) => void,
): void {
  const isNew = (name: string) => local.created.has(unqualified(name));
  let m: RegExpExecArray | null;

  // CREATE: what this migration makes, it may change or drop.
  if (
    (m = new RegExp(
      `^create (?:(?:global |local )?(?:temp|temporary|unlogged) )?table (?:if not exists )?(${NAME})`,
    ).exec(s))
  ) {
    const table = unqualified(m[1]!);
    local.created.add(table);
    const open = s.indexOf('(');
    if (open >= 0 && !/ as /.test(s.slice(0, open)))
      for (const definition of splitTopLevel(insideParentheses(s, open), ','))
        recordColumnDefinition(table, definition, local, history);
    return;
  }
  if ((m = new RegExp(`^create (type|domain|sequence|schema) (?:if not exists )?(${NAME})`).exec(s))) {
    local.created.add(unqualified(m[2]!));
    return;
  }

  // DO runs its body now; a function's body is code that runs later.
  if (/^do\b/.test(s)) {
    for (const body of s.matchAll(/\$body(\d+)\$/g)) scanDoBlock(bodies[Number(body[1])] ?? '', found);
    return;
  }

  // DROP
  if (
    (m =
      /^drop (materialized view|foreign table|event trigger|text search \w+|[a-z]+) (?:concurrently )?(?:if exists )?(.*)$/.exec(
        s,
      ))
  ) {
    const kind = m[1]!;
    const rest = m[2]!;
    const cascade = /\bcascade$/.test(rest);
    const targets = names(rest.replace(/\s+(cascade|restrict)$/, '').replace(/\(.*$/, ''));
    if (REPLACEABLE.has(kind)) {
      if (cascade && !CASCADE_SAFE.has(kind)) found(`drop ${kind} ${targets.join(', ')} cascade`, WHY.cascade);
      return;
    }
    for (const target of targets) {
      if (CREATABLE.has(kind) && isNew(target)) {
        local.created.delete(target);
        continue;
      }
      const label = kind === 'foreign table' ? 'table' : kind;
      found(`drop ${label} ${target}`, label === 'table' ? WHY.dropTable : WHY.dropObject);
    }
    return;
  }

  if (
    (m = new RegExp(
      `^truncate (?:table )?(?:only )?(.*?)(?: restart identity| continue identity)?(?: cascade| restrict)?$`,
    ).exec(s))
  ) {
    for (const target of names(m[1]!)) if (!isNew(target)) found(`truncate ${target}`, WHY.truncate);
    return;
  }

  // DELETE without WHERE, also inside a WITH.
  for (const del of s.matchAll(new RegExp(`\\bdelete from (?:only )?(${NAME})`, 'g'))) {
    const table = unqualified(del[1]!);
    if (!/\bwhere\b/.test(clauseFrom(s, del.index)) && !isNew(table)) found(`delete all from ${table}`, WHY.deleteAll);
  }

  // UPDATE … SET: a backfill, which later makes SET NOT NULL safe.
  if (
    (m = new RegExp(`^update (?:only )?(${NAME})\\*?(?: (?:as )?(?!set\\b)[a-z_][a-z0-9_]*)? set (.*)$`, 's').exec(s))
  ) {
    const table = unqualified(m[1]!);
    const assignments = m[2]!;
    const setClause = assignments.slice(0, topLevelSearch(assignments, /^ (from|where|returning) /));
    for (const item of splitTopLevel(setClause, ',')) {
      const columns = /^\(([^)]*)\)\s*=/.exec(item)?.[1]?.split(',') ?? [new RegExp(`^(${NAME})\\s*=`).exec(item)?.[1]];
      for (const column of columns) {
        const key = `${table}.${column?.trim().replace(/^.*\./, '')}`;
        if (column && !history.backfilled.has(key)) history.backfilled.set(key, local.migration);
      }
    }
    return;
  }

  if ((m = new RegExp(`^alter type (${NAME}) (.*)$`).exec(s))) {
    const type = unqualified(m[1]!);
    const change = /^(rename value|rename attribute|rename|drop attribute|alter attribute|set schema)\b/.exec(m[2]!);
    if (change && !isNew(type)) found(`alter type ${type} ${change[1]}`, WHY.alterEnum);
    return;
  }
  if ((m = new RegExp(`^alter schema (${NAME}) rename\\b`).exec(s))) {
    if (!isNew(m[1]!)) found(`rename schema ${m[1]}`, WHY.rename);
    return;
  }

  if ((m = new RegExp(`^alter (?:foreign )?table (?:if exists )?(?:only )?(${NAME})\\*? (.*)$`, 's').exec(s)))
    alterTable(unqualified(m[1]!), m[2]!, index, local, history, found);
}

function alterTable(
  table: string,
  rest: string,
  index: number,
  local: Local,
  history: History,
  found: (step: string, why: string) => void,
): void {
  const isNewTable = local.created.has(table);
  const isNewColumn = (column: string) => isNewTable || local.columns.has(`${table}.${column}`);
  let m: RegExpExecArray | null;

  if ((m = new RegExp(`^rename to (${NAME})$`).exec(rest))) {
    if (isNewTable) local.created.add(unqualified(m[1]!));
    else found(`rename table ${table}`, WHY.rename);
    return;
  }
  if (/^rename constraint /.test(rest)) return;
  if ((m = new RegExp(`^rename (?:column )?(${NAME}) to (${NAME})$`).exec(rest))) {
    if (isNewColumn(m[1]!)) local.columns.add(`${table}.${m[2]}`);
    else found(`rename column ${table}.${m[1]}`, WHY.rename);
    return;
  }
  if (/^set schema /.test(rest)) {
    if (!isNewTable) found(`rename table ${table}`, WHY.rename);
    return;
  }

  for (const action of splitTopLevel(rest, ',')) {
    if (/^add (constraint|primary key|unique|check|foreign key|exclude)\b/.test(action)) continue;
    if ((m = new RegExp(`^add (?:column )?(?:if not exists )?(${NAME} .*)$`, 's').exec(action))) {
      const definition = m[1]!;
      const key = recordColumnDefinition(table, definition, local, history);
      const flat = withoutParentheses(definition);
      if (key && !isNewTable && /\bnot null\b/.test(flat) && !HAS_DEFAULT.test(flat))
        found(`add not null column ${key}`, WHY.addNotNull);
      continue;
    }
    if ((m = new RegExp(`^drop constraint (?:if exists )?(${NAME})`).exec(action))) {
      const key = `${table}.${m[1]}`;
      const recreated = local.constraintsAdded.some((added) => added.key === key && added.index >= index);
      if (!recreated && !isNewTable) found(`drop constraint ${key}`, WHY.dropConstraint);
      continue;
    }
    if ((m = new RegExp(`^drop (?:column )?(?:if exists )?(${NAME})`).exec(action))) {
      if (!isNewColumn(m[1]!)) found(`drop column ${table}.${m[1]}`, WHY.dropColumn);
      continue;
    }
    if ((m = new RegExp(`^alter (?:column )?(${NAME}) (.*)$`, 's').exec(action))) {
      const column = m[1]!;
      const change = m[2]!;
      const key = `${table}.${column}`;
      if (/^(set data )?type\b/.test(change)) {
        if (!isNewColumn(column)) found(`alter column type ${key}`, WHY.alterType);
      } else if (/^set not null\b/.test(change)) {
        const backfilledBefore = (history.backfilled.get(key) ?? local.migration) !== local.migration;
        if (!isNewTable && !history.defaults.has(key) && !backfilledBefore)
          found(`set not null ${key}`, WHY.setNotNull);
      } else if (/^set default\b/.test(change)) {
        history.defaults.add(key);
      } else if (/^drop default\b/.test(change)) {
        history.defaults.delete(key);
        if (!isNewColumn(column)) found(`drop default ${key}`, WHY.dropDefault);
      }
    }
  }
}

/** A DO block's body is PL/pgSQL that runs now, often with dynamic SQL in strings: looked at word by word. */
function scanDoBlock(body: string, found: (step: string, why: string) => void): void {
  const code = body
    .replace(/--[^\n]*/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  const patterns: [RegExp, string][] = [
    [/\bdrop (table|schema|type|domain|sequence|owned|database|extension)\b/, 'drop $1'],
    [/\bdrop column\b/, 'drop column'],
    [/\btruncate\b/, 'truncate'],
    [/\brename (to|column|value)\b/, 'rename'],
    [/\b(set data type|alter column \S+ type)\b/, 'alter column type'],
    [/\bset not null\b/, 'set not null'],
  ];
  for (const piece of code.split(';')) {
    for (const [pattern, label] of patterns) {
      const match = pattern.exec(piece);
      if (match) found(`do block: ${label.replace('$1', match[1] ?? '')}`, WHY.doBlock);
    }
    if (/\bdelete from\b/.test(piece) && !/\bwhere\b/.test(piece.slice(piece.indexOf('delete from'))))
      found('do block: delete all', WHY.doBlock);
  }
}

// ── The check ─────────────────────────────────────────────────────────────────

/** Every destructive step of each migration, the migrations given in the order they run. */
export function findDestructiveSteps(migrations: readonly MigrationSql[]): DestructiveStep[] {
  const history: History = { defaults: new Set(), backfilled: new Map() };
  return migrations.flatMap((migration) => destructiveStepsOf(migration, history));
}

function contractProblems(migration: MigrationSql, order: readonly string[]): string[] {
  const contract = migration.contract as Partial<Record<keyof MigrationContract, unknown>> | undefined;
  if (contract === undefined) return [];
  const problems: string[] = [];
  if (typeof contract !== 'object' || contract === null) return ['`contract` must be { since, reason, steps }'];
  const position = order.indexOf(migration.name);
  const since = typeof contract.since === 'string' ? order.indexOf(contract.since) : -1;
  if (since < 0 || since >= position)
    problems.push(
      `contract.since (${JSON.stringify(contract.since)}) must name an earlier migration, since which nothing reads what this one destroys`,
    );
  if (typeof contract.reason !== 'string' || contract.reason.trim().length < 10)
    problems.push('contract.reason must say why the step is safe now');
  if (
    !Array.isArray(contract.steps) ||
    contract.steps.length === 0 ||
    contract.steps.some((s) => typeof s !== 'string')
  )
    problems.push('contract.steps must name each destructive step, as the check names it');
  return problems;
}

/**
 * Every destructive step not declared by its migration's contract (nor in the
 * known list), every malformed contract, every declared step the migration does
 * not take, and every known-list entry that matches nothing. Empty is good.
 */
export function checkMigrations(
  migrations: readonly MigrationSql[],
  known: readonly KnownDestructiveStep[] = KNOWN_DESTRUCTIVE_STEPS,
): MigrationViolation[] {
  const order = migrations.map((migration) => migration.name);
  const steps = findDestructiveSteps(migrations);
  const violations: MigrationViolation[] = [];
  const usedKnown = new Set<KnownDestructiveStep>();
  for (const migration of migrations) {
    const own = steps.filter((step) => step.migration === migration.name);
    const problems = contractProblems(migration, order);
    for (const problem of problems) violations.push({ migration: migration.name, statement: '(contract)', problem });
    const declared =
      problems.length === 0 && migration.contract !== undefined ? (migration.contract as MigrationContract).steps : [];
    for (const step of own) {
      const knownEntry = known.find((entry) => entry.migration === step.migration && entry.step === step.step);
      if (knownEntry) usedKnown.add(knownEntry);
      else if (!declared.includes(step.step))
        violations.push({
          migration: step.migration,
          statement: step.statement,
          problem: `${step.step}: ${step.why} — split it into expand and contract, or declare it in \`contract.steps\``,
        });
    }
    for (const step of declared)
      if (!own.some((taken) => taken.step === step))
        violations.push({
          migration: migration.name,
          statement: '(contract)',
          problem: `contract.steps names "${step}", which this migration does not take`,
        });
  }
  for (const entry of known)
    if (!usedKnown.has(entry) && order.includes(entry.migration))
      violations.push({
        migration: entry.migration,
        statement: '(KNOWN_DESTRUCTIVE_STEPS)',
        problem: `the known step "${entry.step}" is not in this migration any more`,
      });
  return violations;
}

export function formatViolation(violation: MigrationViolation): string {
  return `${violation.migration}.ts: ${violation.problem}\n    ${violation.statement}`;
}
