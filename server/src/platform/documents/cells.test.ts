import { describe, expect, it } from 'vitest';
import {
  buddhistIsoDay,
  formatCell,
  formatCount,
  formatMinutes,
  formatPercent,
  headingLines,
  pageLabel,
  reportFileName,
} from './cells.ts';
import { buildSampleReport } from './sample-report.ts';

describe('report cells', () => {
  it('writes counts with thousands separators in both languages', () => {
    expect(formatCount(1234567, 'th')).toBe('1,234,567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatCell(0, 'count', 'th')).toBe('0');
  });

  it('writes a share as a percentage with one decimal', () => {
    expect(formatPercent(0.875, 'th')).toBe('87.5%');
    expect(formatCell(0.875, 'percent', 'en')).toBe('87.5%');
    expect(formatCell(1, 'percent', 'en')).toBe('100.0%');
    expect(formatCell(0, 'percent', 'th')).toBe('0.0%');
    expect(formatCell(0.33333, 'percent', 'th')).toBe('33.3%');
  });

  it('writes minutes as hours and minutes, and from a day on as days and hours', () => {
    expect(formatMinutes(125, 'th')).toBe('2 ชม. 5 นาที');
    expect(formatMinutes(125, 'en')).toBe('2 h 5 min');
    expect(formatMinutes(45, 'th')).toBe('45 นาที');
    expect(formatMinutes(0, 'en')).toBe('0 min');
    expect(formatMinutes(120, 'th')).toBe('2 ชม.');
    expect(formatMinutes(1439, 'th')).toBe('23 ชม. 59 นาที');
    expect(formatMinutes(24 * 60 + 180, 'th')).toBe('1 วัน 3 ชม.');
    expect(formatMinutes(24 * 60 + 180, 'en')).toBe('1 d 3 h');
    expect(formatMinutes(3 * 24 * 60, 'th')).toBe('3 วัน');
    expect(formatMinutes(90.4, 'en')).toBe('1 h 30 min');
  });

  it('shows an empty figure as a dash and picks the language of a localized text', () => {
    expect(formatCell(null, 'count', 'th')).toBe('–');
    expect(formatCell(undefined, 'minutes', 'en')).toBe('–');
    expect(formatCell({ th: 'ค้ามนุษย์', en: 'Human trafficking' }, 'text', 'th')).toBe('ค้ามนุษย์');
    expect(formatCell({ th: 'ค้ามนุษย์', en: 'Human trafficking' }, 'text', 'en')).toBe('Human trafficking');
    expect(formatCell('-5+3', 'text', 'en')).toBe('-5+3');
  });

  it('dates the heading in the Buddhist era, Bangkok time, in both languages', () => {
    const doc = buildSampleReport();
    expect(headingLines(doc, 'th')).toEqual([
      { label: 'ช่วงเวลา', value: '1 ตุลาคม 2569 – 31 ตุลาคม 2569' },
      { label: 'ขอบเขต', value: 'ทั่วประเทศ' },
      { label: 'ตัวกรอง', value: 'ช่องทาง: โทรศัพท์ 1300' },
      { label: '', value: 'จังหวัด: กรุงเทพมหานคร และปริมณฑล' },
      { label: 'จัดทำเมื่อ', value: '1 พ.ย. 2569 09:15' },
    ]);
    const english = headingLines({ ...doc, filters: [] }, 'en');
    expect(english[0]).toEqual({ label: 'Period', value: '1 October 2569 BE – 31 October 2569 BE' });
    expect(english[2]).toEqual({ label: 'Filters', value: 'None' });
    expect(english[3]?.label).toBe('Generated');
    expect(pageLabel(1, 3, 'th')).toBe('หน้า 1 จาก 3');
    expect(pageLabel(2, 3, 'en')).toBe('Page 2 of 3');
  });

  it('names the file in ASCII with the period in Buddhist-era years', () => {
    expect(buddhistIsoDay('2026-10-01')).toBe('2569-10-01');
    expect(reportFileName(buildSampleReport(), 'xlsx')).toBe('oscc-monthly-2569-10-01_2569-10-31.xlsx');
  });
});
