import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildSampleReport, INJECTED_FORMULA, INJECTED_SUM } from './sample-report.ts';
import { renderXlsx, sheetNames } from './xlsx.ts';

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The row whose first cell holds this text. */
function rowStarting(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    if (sheet.getRow(r).getCell(1).value === text) return sheet.getRow(r);
  }
  throw new Error(`no row starts with ${text}`);
}

describe('.xlsx report', () => {
  const doc = buildSampleReport();

  it('gives each section a worksheet with a valid, unique name', async () => {
    const workbook = await readWorkbook(await renderXlsx(doc, 'th'));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'เรื่องที่รับแจ้ง แยกตามปัญหา',
      // "[77 จังหวัด]" does not fit in 31 characters; the name is cut between words.
      'เรื่องที่รับแจ้ง แยกตามจังหวัด',
      'การปฏิบัติตามกรอบเวลา แยกตาม',
      'ผลการดำเนินงานของหน่วยงาน',
    ]);
    expect(sheetNames(['a/b', 'A?B', '', 'x'.repeat(40), 'x'.repeat(40), "'quoted'"])).toEqual([
      'a b',
      'A B (2)',
      'Sheet 3',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
      'quoted',
    ]);
  });

  it('heads every sheet with the title, period, scope, filters and generation time', async () => {
    const workbook = await readWorkbook(await renderXlsx(doc, 'th'));
    for (const sheet of workbook.worksheets) {
      const heading = [1, 2, 3, 4, 5, 6].map((r) => [sheet.getCell(r, 1).value, sheet.getCell(r, 2).value]);
      expect(heading).toEqual([
        ['รายงานประจำเดือน ศูนย์ช่วยเหลือสังคม สายด่วน 1300', null],
        ['ช่วงเวลา', '1 ตุลาคม 2569 – 31 ตุลาคม 2569'],
        ['ขอบเขต', 'ทั่วประเทศ'],
        ['ตัวกรอง', 'ช่องทาง: โทรศัพท์ 1300'],
        [null, 'จังหวัด: กรุงเทพมหานคร และปริมณฑล'],
        ['จัดทำเมื่อ', '1 พ.ย. 2569 09:15'],
      ]);
      expect(sheet.getCell(1, 1).font.name).toBe('Sarabun');
    }
  });

  it('writes every figure as the number the document holds, with its number format', async () => {
    const workbook = await readWorkbook(await renderXlsx(doc, 'th'));
    doc.sections.forEach((section, index) => {
      const sheet = workbook.worksheets[index];
      if (!sheet) throw new Error('missing sheet');
      const header = rowStarting(sheet, section.columns[0]?.label.th ?? '');
      section.columns.forEach((column, c) => {
        const cell = header.getCell(c + 1);
        expect(cell.value).toBe(column.kind === 'minutes' ? `${column.label.th} (นาที)` : column.label.th);
        expect(cell.font.bold).toBe(true);
        expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
      });
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header.number });
      section.rows.forEach((row, r) => {
        const excelRow = sheet.getRow(header.number + 1 + r);
        section.columns.forEach((column, c) => {
          const cell = excelRow.getCell(c + 1);
          const value = row.cells[column.key];
          if (typeof value === 'number') {
            expect(cell.value).toBe(value);
            expect(cell.type).toBe(ExcelJS.ValueType.Number);
            expect(cell.numFmt).toBe({ count: '#,##0', percent: '0.0%', minutes: '#,##0', text: '#,##0' }[column.kind]);
          } else if (value === null || value === undefined) {
            expect(cell.value).toBeNull();
          } else {
            expect(cell.value).toBe(typeof value === 'string' ? value : value.th);
          }
          expect(cell.font.bold === true).toBe(row.total === true);
        });
      });
    });
  });

  it('keeps texts that look like formulas as plain strings', async () => {
    const workbook = await readWorkbook(await renderXlsx(doc, 'en'));
    const sheet = workbook.getWorksheet('Cases by problem');
    if (!sheet) throw new Error('missing sheet');
    const header = rowStarting(sheet, 'Problem');
    for (const [offset, text] of [
      [1, INJECTED_FORMULA],
      [2, INJECTED_SUM],
    ] as const) {
      const cell = sheet.getRow(header.number + offset).getCell(6);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
    }
  });

  it('makes the total row bold and the columns wide enough to read', async () => {
    const workbook = await readWorkbook(await renderXlsx(doc, 'en'));
    const sheet = workbook.getWorksheet('Cases by province 77 provinces');
    if (!sheet) throw new Error('missing sheet');
    const total = rowStarting(sheet, 'Whole country');
    expect(total.getCell(1).font.bold).toBe(true);
    expect(total.getCell(3).font.bold).toBe(true);
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(20);
    expect(sheet.getColumn(2).width).toBeLessThanOrEqual(60);
  });
});
