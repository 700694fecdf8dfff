import {
  AliasNode,
  DeleteQueryNode,
  InsertQueryNode,
  MergeQueryNode,
  RawNode,
  SelectQueryNode,
  TableNode,
  UpdateQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** Statements written as SQL text: the table after the verb that writes to it. */
const RAW_WRITE =
  /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

/**
 * Tells who asked which tables this process is about to write to — any statement sent through the Kysely instance
 * the plugin is on: query builders (also inside WITH), and SQL text. Used by in-process caches to stop serving
 * what a write of their own process is changing, without waiting for the database's notification of the commit.
 */
export class WriteWatchPlugin implements KyselyPlugin {
  readonly #watchers = new Set<{ tables: ReadonlySet<string>; onWrite: (table: string) => void }>();

  /** Calls `onWrite` before any statement that writes to one of `tables` is sent. Returns how to stop. */
  watch(tables: Iterable<string>, onWrite: (table: string) => void): () => void {
    const watcher = { tables: new Set(tables), onWrite };
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (this.#watchers.size > 0) for (const table of writtenTables(node)) this.#tell(table);
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }

  #tell(table: string) {
    for (const watcher of this.#watchers) if (watcher.tables.has(table)) watcher.onWrite(table);
  }
}

/** The tables a statement writes to (a select without data-modifying WITH queries writes to none). */
export function writtenTables(node: OperationNode): string[] {
  const found: string[] = [];
  const visit = (current: OperationNode): void => {
    if (
      SelectQueryNode.is(current) ||
      InsertQueryNode.is(current) ||
      UpdateQueryNode.is(current) ||
      DeleteQueryNode.is(current)
    )
      for (const cte of current.with?.expressions ?? []) visit(cte.expression);
    if (InsertQueryNode.is(current)) found.push(...tableNames(current.into));
    else if (UpdateQueryNode.is(current)) found.push(...tableNames(current.table));
    else if (DeleteQueryNode.is(current)) for (const from of current.from.froms) found.push(...tableNames(from));
    else if (MergeQueryNode.is(current)) found.push(...tableNames(current.into));
    else if (RawNode.is(current))
      for (const match of current.sqlFragments.join(' ').matchAll(RAW_WRITE)) found.push(match[1]!.toLowerCase());
  };
  visit(node);
  return found;
}

/** A table reference's name: a table, or an aliased table. */
function tableNames(node: OperationNode | undefined): string[] {
  if (!node) return [];
  if (AliasNode.is(node)) return tableNames(node.node);
  if (TableNode.is(node)) return [node.table.identifier.name];
  return [];
}
