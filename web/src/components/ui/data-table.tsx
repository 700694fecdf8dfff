import type { ReactNode } from 'react';

/** One column of a DataTable: its heading and how a row fills its cell. */
export interface DataTableColumn<Row> {
  /** Tells the columns apart (React key); never shown. */
  key: string;
  /** The column heading, repeated as each cell's `data-label` for the stacked layout on a phone. */
  header: string;
  cell: (row: Row) => ReactNode;
  /** The cell that names the row (at most one column): drawn as `<th scope="row">` for screen readers. */
  isRowHeader?: boolean;
  className?: string;
}

interface DataTableProps<Row> {
  columns: readonly DataTableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  /** Names the table's scrolling region: the id of a heading that names it, or else a label of its own. */
  labelledBy?: string;
  label?: string;
  /** Set while the rows are being replaced (the next page loading), so screen readers wait for them. */
  isBusy?: boolean;
}

/**
 * A table in a focusable scrolling region (so a keyboard can scroll a wide table), every cell labelled with its
 * column's heading: on a narrow screen the stylesheet stacks each row into a card of "heading: value" lines.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowClassName,
  labelledBy,
  label,
  isBusy,
}: DataTableProps<Row>) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} aria-label={label} tabIndex={0}>
      <table className="table" aria-busy={isBusy}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column) =>
                column.isRowHeader ? (
                  <th key={column.key} scope="row" data-label={column.header} className={column.className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} data-label={column.header} className={column.className}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
