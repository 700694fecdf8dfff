import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES, importContentType, importFileName, importFileProblem } from './import-file.ts';

describe('the import file check', () => {
  it('takes an .xlsx or .csv file of up to 20 MB, whatever the case of its extension', () => {
    expect(importFileProblem({ name: 'front-line-1.xlsx', size: 1 })).toBeNull();
    expect(importFileProblem({ name: 'ราชบุรี.CSV', size: IMPORT_MAX_BYTES })).toBeNull();
  });

  it('says what is wrong before anything is sent', () => {
    expect(importFileProblem(null)).toEqual({ kind: 'missing' });
    expect(importFileProblem({ name: 'front-line-1.xls', size: 10 })).toEqual({
      kind: 'type',
      name: 'front-line-1.xls',
    });
    expect(importFileProblem({ name: 'a.xlsx', size: 0 })).toEqual({ kind: 'empty', name: 'a.xlsx' });
    expect(importFileProblem({ name: 'a.xlsx', size: IMPORT_MAX_BYTES + 1 })).toEqual({
      kind: 'tooLarge',
      name: 'a.xlsx',
      megabytes: '20.1',
    });
  });

  it('sends each kind with the content type the server reads it as', () => {
    expect(importContentType('a.csv')).toBe('text/csv');
    expect(importContentType('a.XLSX')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('shortens a long file name to what the server keeps, extension included', () => {
    const name = importFileName(`${'ก'.repeat(300)}.xlsx`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});
