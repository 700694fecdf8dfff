import { describe, expect, it } from 'vitest';
import { IMPORT_ROWS_STEP, selectImportRows } from './import-rows.ts';

interface Row {
  rowNumber: number;
  isError: boolean;
}

/** 450 rows, every tenth one with a problem (45 in all). */
const ROWS: Row[] = Array.from({ length: 450 }, (_, index) => ({ rowNumber: index + 2, isError: index % 10 === 0 }));
const hasProblem = (row: Row) => row.isError;

describe('the rows an import report shows', () => {
  it('draws the first step of rows and offers the next step, then what is left', () => {
    const first = selectImportRows(ROWS, { isOnlyProblems: false, limit: IMPORT_ROWS_STEP, hasProblem });
    expect(first.shown).toHaveLength(200);
    expect(first.shown[0]?.rowNumber).toBe(2);
    expect(first.matching).toHaveLength(450);
    expect(first.moreCount).toBe(200);

    const second = selectImportRows(ROWS, { isOnlyProblems: false, limit: 2 * IMPORT_ROWS_STEP, hasProblem });
    expect(second.shown).toHaveLength(400);
    expect(second.moreCount).toBe(50);

    const all = selectImportRows(ROWS, { isOnlyProblems: false, limit: 3 * IMPORT_ROWS_STEP, hasProblem });
    expect(all.shown).toHaveLength(450);
    expect(all.moreCount).toBe(0);
  });

  it('shows only the rows with a problem when asked, in file order, and counts them either way', () => {
    const everything = selectImportRows(ROWS, { isOnlyProblems: false, limit: IMPORT_ROWS_STEP, hasProblem });
    expect(everything.problemCount).toBe(45);

    const problems = selectImportRows(ROWS, { isOnlyProblems: true, limit: IMPORT_ROWS_STEP, hasProblem });
    expect(problems.problemCount).toBe(45);
    expect(problems.matching).toHaveLength(45);
    expect(problems.shown.map((row) => row.rowNumber).slice(0, 3)).toEqual([2, 12, 22]);
    expect(problems.moreCount).toBe(0);
  });

  it('shows nothing, and offers nothing more, when no row matches the filter', () => {
    const clean = ROWS.map((row) => ({ ...row, isError: false }));
    const view = selectImportRows(clean, { isOnlyProblems: true, limit: IMPORT_ROWS_STEP, hasProblem });
    expect(view.problemCount).toBe(0);
    expect(view.shown).toEqual([]);
    expect(view.moreCount).toBe(0);
  });
});
