// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The architecture's import rules, checked on every file (ARCHITECTURE.md,
 * "Boundaries"):
 *  1. contract/ imports nothing of ours but itself: server and web build on it.
 *  2. server and web never import each other.
 *  3. server/src/platform/ knows no module (it may read config.ts and the
 *     database-schema.ts type map).
 *  4. A server module reaches another module only through its index.ts.
 *  5. A web feature never imports another feature; shared web code
 *     (lib, components, i18n) imports no feature.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const WORKSPACE_ENTRIES = {
  '@oscc/contract': 'contract/src/index.ts',
  '@oscc/server': 'server/src/index.ts',
  '@oscc/web': 'web/src/main.tsx',
};

/** @param {string} absolute */
export function zoneOf(absolute) {
  const rel = path.relative(repoRoot, absolute).split(path.sep).join('/');
  let m;
  if (rel.startsWith('contract/')) return { kind: 'contract', rel };
  if ((m = /^server\/src\/modules\/([^/]+)\/(.*)$/.exec(rel)))
    return { kind: 'server-module', name: m[1], inner: m[2], rel };
  if (rel.startsWith('server/src/platform/')) return { kind: 'server-platform', rel };
  if (/^server\/src\/[^/]+$/.test(rel)) return { kind: 'server-root', rel };
  if (rel.startsWith('server/')) return { kind: 'server-other', rel };
  if ((m = /^web\/src\/features\/([^/]+)\//.exec(rel))) return { kind: 'web-feature', name: m[1], rel };
  if (/^web\/src\/(lib|components|i18n)\//.test(rel)) return { kind: 'web-shared', rel };
  if (rel.startsWith('web/')) return { kind: 'web-other', rel };
  return { kind: 'other', rel };
}

/**
 * @param {ReturnType<typeof zoneOf>} from
 * @param {ReturnType<typeof zoneOf>} to
 * @returns {string | null} why the import is not allowed, or null
 */
export function violation(from, to) {
  const side = (/** @type {string} */ kind) =>
    kind.startsWith('server') ? 'server' : kind.startsWith('web') ? 'web' : kind;
  if (from.kind === 'contract' && to.kind !== 'contract') return 'contract/ must not import from outside contract/';
  if (side(from.kind) === 'server' && side(to.kind) === 'web') return 'the server must not import the web app';
  if (side(from.kind) === 'web' && side(to.kind) === 'server')
    return 'the web app must not import the server; share shapes through @oscc/contract';
  if (from.kind === 'server-platform' && to.kind === 'server-module') return 'platform/ must not depend on a module';
  if (from.kind === 'server-platform' && to.kind === 'server-root' && !/\/(config|database-schema)\.ts$/.test(to.rel)) {
    return 'platform/ may read only config.ts and database-schema.ts from server/src';
  }
  if (
    from.kind === 'server-module' &&
    to.kind === 'server-module' &&
    from.name !== to.name &&
    to.inner !== 'index.ts'
  ) {
    return `reach module "${to.name}" through its index.ts, not its internals`;
  }
  if (from.kind === 'web-feature' && to.kind === 'web-feature' && from.name !== to.name)
    return 'a web feature must not import another feature';
  if (from.kind === 'web-shared' && to.kind === 'web-feature') return 'shared web code must not import a feature';
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports within the architecture (see ARCHITECTURE.md, Boundaries)' },
    schema: [],
    messages: { boundary: '{{reason}} ({{source}})' },
  },
  create(context) {
    const filename = context.filename;
    const from = zoneOf(filename);
    /** @param {any} node */
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      let target;
      if (source.startsWith('.')) target = path.resolve(path.dirname(filename), source);
      else {
        const entry = Object.entries(WORKSPACE_ENTRIES).find(
          ([name]) => source === name || source.startsWith(`${name}/`),
        );
        if (!entry) return;
        target = path.join(repoRoot, entry[1]);
      }
      const reason = violation(from, zoneOf(target));
      if (reason) context.report({ node: node.source, messageId: 'boundary', data: { reason, source } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'module-boundaries': rule } };
