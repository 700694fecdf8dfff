import { describe, expect, it } from 'vitest';
import { formatCell, formatDuration, formatShare, type DurationWords } from './report-format.ts';

const words: DurationWords = {
  minutes: (count) => `${count} นาที`,
  hours: (count) => `${count} ชั่วโมง`,
  days: (count) => `${count} วัน`,
};

describe('report figures in words', () => {
  it('says a duration in minutes, hours or days', () => {
    expect(formatDuration(45, 'th', words)).toBe('45 นาที');
    expect(formatDuration(210, 'th', words)).toBe('3.5 ชั่วโมง');
    expect(formatDuration(6048, 'th', words)).toBe('4.2 วัน');
  });

  it('formats a report cell by its column’s kind, and text in the reader’s language', () => {
    expect(formatCell(1234, 'count', 'th', words)).toBe('1,234');
    expect(formatCell(0.852, 'percent', 'th', words)).toBe(formatShare(0.852, 'th'));
    expect(formatShare(0.852, 'en')).toBe('85.2%');
    expect(formatCell(90, 'minutes', 'th', words)).toBe('1.5 ชั่วโมง');
    expect(formatCell({ th: 'ราชบุรี', en: 'Ratchaburi' }, 'text', 'en', words)).toBe('Ratchaburi');
    expect(formatCell(null, 'count', 'th', words)).toBe('–');
  });
});
