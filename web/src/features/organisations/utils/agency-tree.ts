import type { Agency } from '@oscc/contract';

/** One agency in the hierarchy, with the agencies directly below it and the units of its whole branch. */
export interface AgencyNode {
  agency: Agency;
  depth: number;
  children: AgencyNode[];
  /** Active units of this agency and of every agency below it. */
  branchUnitCount: number;
}

const byThaiName = (a: Agency, b: Agency) => a.nameTh.localeCompare(b.nameTh, 'th') || a.code.localeCompare(b.code);

/**
 * The agencies as a tree: ministries (no parent) at the top, each level in Thai alphabetical order. The server
 * sends them in tree order but siblings in no meaningful order; an agency whose parent is missing from the list
 * becomes a top-level node rather than disappearing.
 */
export function buildAgencyTree(agencies: readonly Agency[]): AgencyNode[] {
  const ids = new Set(agencies.map((agency) => agency.id));
  const childrenOf = new Map<string | null, Agency[]>();
  for (const agency of agencies) {
    const parent = agency.parentId && ids.has(agency.parentId) ? agency.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), agency]);
  }
  const seen = new Set<string>();
  const build = (parentId: string | null, depth: number): AgencyNode[] =>
    [...(childrenOf.get(parentId) ?? [])].sort(byThaiName).flatMap((agency) => {
      // A cycle in the data must not hang the page: each agency is placed once.
      if (seen.has(agency.id)) return [];
      seen.add(agency.id);
      const children = build(agency.id, depth + 1);
      const branchUnitCount = agency.unitCount + children.reduce((sum, child) => sum + child.branchUnitCount, 0);
      return [{ agency, depth, children, branchUnitCount }];
    });
  return build(null, 0);
}

/** The tree in reading order (each agency followed by everything below it), for indented lists and selects. */
export function flattenAgencyTree(nodes: readonly AgencyNode[]): AgencyNode[] {
  return nodes.flatMap((node) => [node, ...flattenAgencyTree(node.children)]);
}

/** Text before an option's name in a select, one step per level (selects cannot be styled with padding). */
export function indentForDepth(depth: number): string {
  return '\u2003'.repeat(Math.max(0, depth));
}

/** The agency and the agencies above it, top (the ministry) first. */
export function agencyPath(agencies: readonly Agency[], agencyId: string): Agency[] {
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  const path: Agency[] = [];
  let current = byId.get(agencyId);
  while (current && !path.includes(current)) {
    path.unshift(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

/** The agency itself and everything below it: where it cannot be moved to (that would make a cycle). */
export function agencyBranchIds(agencies: readonly Agency[], agencyId: string): Set<string> {
  const branch = new Set([agencyId]);
  let isGrowing = true;
  while (isGrowing) {
    isGrowing = false;
    for (const agency of agencies) {
      if (agency.parentId && branch.has(agency.parentId) && !branch.has(agency.id)) {
        branch.add(agency.id);
        isGrowing = true;
      }
    }
  }
  return branch;
}
