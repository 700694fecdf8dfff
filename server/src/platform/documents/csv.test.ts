import type { ReportDocument } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, renderCsv } from './csv.ts';
import { buildSampleReport, INJECTED_FORMULA, INJECTED_SUM, LONG_UNIT_NAME, SAMPLE_PROBLEMS } from './sample-report.ts';

/** A small RFC 4180 reader, independent of the writer: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += char;
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

function tableOf(records: string[][], title: string): string[][] {
  const start = records.findIndex((record) => record[0] === title);
  expect(start).toBeGreaterThan(0);
  const end = records.findIndex((record, index) => index > start && record.length === 1 && record[0] === '');
  return records.slice(start + 1, end === -1 ? undefined : end);
}

describe('CSV report', () => {
  const doc = buildSampleReport();
  const bytes = renderCsv(doc, 'th');
  const text = bytes.toString('utf8');
  const records = parseCsv(text.slice(1));

  it('starts with the UTF-8 byte-order mark and ends every line with CRLF', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('heads the file with the title, period, scope, filters and generation time', () => {
    expect(records.slice(0, 7)).toEqual([
      ['รายงานประจำเดือน ศูนย์ช่วยเหลือสังคม สายด่วน 1300'],
      ['ช่วงเวลา', '1 ตุลาคม 2569 – 31 ตุลาคม 2569'],
      ['ขอบเขต', 'ทั่วประเทศ'],
      ['ตัวกรอง', 'ช่องทาง: โทรศัพท์ 1300'],
      ['', 'จังหวัด: กรุงเทพมหานคร และปริมณฑล'],
      ['จัดทำเมื่อ', '1 พ.ย. 2569 09:15'],
      [''],
    ]);
  });

  it('gives every section as a titled block with the same figures as the document', () => {
    for (const section of doc.sections) {
      const table = tableOf(records, section.title.th);
      const header = section.note ? table[1] : table[0];
      const rows = table.slice(section.note ? 2 : 1);
      expect(header).toHaveLength(section.columns.length);
      expect(rows).toHaveLength(section.rows.length);
      section.rows.forEach((row, r) => {
        section.columns.forEach((column, c) => {
          const field = rows[r]?.[c];
          const cell = row.cells[column.key];
          if (cell === null || cell === undefined) expect(field).toBe('');
          else if (typeof cell === 'number') {
            expect(Number(field)).toBe(column.kind === 'percent' ? Math.round(cell * 10_000) / 100 : cell);
          } else {
            const expected = typeof cell === 'string' ? cell : cell.th;
            expect(field?.replace(/^'/, '')).toBe(expected);
          }
        });
      });
    }
  });

  it('says in the heading how shares and minutes are written', () => {
    const header = tableOf(records, 'เรื่องที่รับแจ้ง แยกตามปัญหา')[1];
    expect(header).toEqual(['ปัญหา', 'เรื่อง', 'วิกฤต', 'ติดต่อภายใน 24 ชม. (%)', 'มัธยฐานเวลาติดต่อ (นาที)', 'หมายเหตุ']);
  });

  it('neutralises texts a spreadsheet would run as formulas with a leading apostrophe', () => {
    const rows = tableOf(records, 'เรื่องที่รับแจ้ง แยกตามปัญหา').slice(2);
    expect(rows[0]?.[5]).toBe(`'${INJECTED_FORMULA}`);
    expect(rows[1]?.[5]).toBe(`'${INJECTED_SUM}`);
    expect(rows[2]?.[5]).toBe(`'@SUM(A1)`);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(neutraliseFormula('\tx')).toBe("'\tx");
    expect(neutraliseFormula('\rx')).toBe("'\rx");
    expect(neutraliseFormula('+1')).toBe("'+1");
    expect(neutraliseFormula('ค้ามนุษย์')).toBe('ค้ามนุษย์');
  });

  it('keeps Thai intact, stacked marks and all', () => {
    for (const problem of SAMPLE_PROBLEMS) expect(text).toContain(problem.th);
    expect(text).toContain(LONG_UNIT_NAME);
  });

  it('quotes commas, quotes and line breaks in a text (RFC 4180)', () => {
    const section = doc.sections[0];
    if (!section) throw new Error('no section');
    const tricky: ReportDocument = {
      ...doc,
      sections: [{ ...section, rows: [{ cells: { problem: 'ก, "ข"\r\nค', cases: 1 } }] }],
    };
    const parsed = parseCsv(renderCsv(tricky, 'en').toString('utf8').slice(1));
    const rows = tableOf(parsed, section.title.en).slice(2);
    expect(rows[0]?.slice(0, 2)).toEqual(['ก, "ข"\r\nค', '1']);
  });

  it('writes the English labels in English', () => {
    const english = parseCsv(renderCsv(doc, 'en').toString('utf8').slice(1));
    expect(english[1]?.[0]).toBe('Period');
    expect(tableOf(english, 'Cases by problem')[2]?.[0]).toBe('Child abuse');
  });
});
