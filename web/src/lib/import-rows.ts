/** Rows drawn at a time: a national or provincial file holds thousands, and a table that long helps nobody. */
export const IMPORT_ROWS_STEP = 200;

/** What an import report's row table shows at the moment. */
export interface ImportRowsView<Row> {
  /** How many rows have a problem, whatever is shown (for the "only rows with problems" label). */
  problemCount: number;
  /** The rows the filter lets through: all of them, or only those with a problem. */
  matching: readonly Row[];
  /** The first `limit` of the matching rows: what the table draws. */
  shown: readonly Row[];
  /** How many more rows the next "show more" draws (0 when all are shown). */
  moreCount: number;
}

/**
 * The rows of an import report to draw: all of them or only those with a problem, cut to the first `limit`
 * (which grows by IMPORT_ROWS_STEP each time the reader asks for more).
 */
export function selectImportRows<Row>(
  rows: readonly Row[],
  { isOnlyProblems, limit, hasProblem }: { isOnlyProblems: boolean; limit: number; hasProblem: (row: Row) => boolean },
): ImportRowsView<Row> {
  const withProblems = rows.filter(hasProblem);
  const matching = isOnlyProblems ? withProblems : rows;
  const shown = matching.slice(0, limit);
  return {
    problemCount: withProblems.length,
    matching,
    shown,
    moreCount: Math.min(IMPORT_ROWS_STEP, matching.length - shown.length),
  };
}
