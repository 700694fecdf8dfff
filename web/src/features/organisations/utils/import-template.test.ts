import { UNIT_IMPORT_COLUMNS } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { csvField, UNIT_IMPORT_EXAMPLE, unitImportTemplateCsv } from './import-template.ts';

/** A small RFC 4180 reader, to check the template the way a spreadsheet program would read it. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('the units import template', () => {
  const csv = unitImportTemplateCsv();

  it('starts with a byte order mark so Excel reads the Thai as UTF-8', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('has the Thai headings in the importer order, then one example row with a value for every column', () => {
    const rows = readCsv(csv.slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(UNIT_IMPORT_COLUMNS.map((column) => column.th));
    expect(rows[1]).toEqual(UNIT_IMPORT_COLUMNS.map((column) => UNIT_IMPORT_EXAMPLE[column.key]));
    expect(rows[1]?.every((value) => value.trim() !== '')).toBe(true);
    // Lists inside a cell are separated by commas, so those cells must be quoted.
    expect(csv).toContain('"7001, 7005"');
  });

  it('quotes fields with commas, quotes or line breaks', () => {
    expect(csvField('ราชบุรี')).toBe('ราชบุรี');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('ศูนย์ "พึ่งได้"')).toBe('"ศูนย์ ""พึ่งได้"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
  });
});
