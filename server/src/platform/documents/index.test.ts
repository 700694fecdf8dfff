import { describe, expect, it } from 'vitest';
import { renderReport } from './index.ts';
import { buildSampleReport } from './sample-report.ts';

describe('renderReport', () => {
  it('names each file in ASCII after the report and its Buddhist-era period, with its content type', async () => {
    const doc = buildSampleReport();
    const expected = {
      xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', [0x50, 0x4b]],
      csv: ['text/csv; charset=utf-8', [0xef, 0xbb, 0xbf]],
      pdf: ['application/pdf', [0x25, 0x50, 0x44, 0x46]],
    } as const;
    for (const format of ['xlsx', 'csv', 'pdf'] as const) {
      const file = await renderReport(doc, format, 'en');
      expect(file.fileName).toBe(`oscc-monthly-2569-10-01_2569-10-31.${format}`);
      expect(file.fileName).toMatch(/^[\x20-\x7e]+$/);
      expect(file.contentType).toBe(expected[format][0]);
      expect([...file.bytes.subarray(0, expected[format][1].length)]).toEqual(expected[format][1]);
    }
  });

  it('renders a report with no sections', async () => {
    const doc = { ...buildSampleReport(), sections: [] };
    for (const format of ['xlsx', 'csv', 'pdf'] as const) {
      const file = await renderReport(doc, format, 'th');
      expect(file.bytes.length).toBeGreaterThan(0);
    }
  });
});
