import { describe, expect, it } from 'vitest';
import { alarmHeadline, ladderWhen, shareFromPercent, sharePercent, spanText } from './alarm-words.ts';

describe('alarmHeadline', () => {
  it('says a warning before the due time, and past it no service or overdue by the alarm type', () => {
    expect(alarmHeadline({ alarm: 'overdue', kind: 'warning' })).toBe('warning');
    expect(alarmHeadline({ alarm: 'no_service', kind: 'warning' })).toBe('warning');
    expect(alarmHeadline({ alarm: 'no_service', kind: 'breach' })).toBe('no_service');
    expect(alarmHeadline({ alarm: 'overdue', kind: 'breach' })).toBe('breach');
  });
});

describe('spanText', () => {
  const unit = (name: string, count: number) => `${count} ${name}`;
  it('says a span in days and hours, hours and minutes, or minutes', () => {
    expect(spanText(150, unit)).toBe('2 hours 30 minutes');
    expect(spanText(1440, unit)).toBe('1 days');
    expect(spanText(45, unit)).toBe('45 minutes');
    expect(spanText(0, unit)).toBe('0 minutes');
  });
});

describe('ladderWhen', () => {
  it('puts the warning at the share of the time frame and the other levels after the breach', () => {
    expect(ladderWhen({ level: 0, afterMinutes: 0 }, 0.75)).toEqual({ kind: 'warning', percent: '75' });
    expect(ladderWhen({ level: 1, afterMinutes: 0 }, 0.75)).toEqual({ kind: 'atBreach' });
    expect(ladderWhen({ level: 2, afterMinutes: 120 }, 0.75)).toEqual({ kind: 'afterBreach', minutes: 120 });
  });
});

describe('the warning share as a percentage', () => {
  it('reads and writes it without floating-point noise', () => {
    expect(sharePercent(0.75)).toBe('75');
    expect(sharePercent(0.0001)).toBe('0.01');
    expect(sharePercent(0.333)).toBe('33.3');
    expect(shareFromPercent('75')).toBe(0.75);
    expect(shareFromPercent(' 0.01 ')).toBe(0.0001);
    expect(shareFromPercent('33,3')).toBe(0.333);
  });

  it('refuses what is not strictly between 0 and 100', () => {
    for (const text of ['', '0', '100', '150', '-5', 'abc', '7 5']) expect(shareFromPercent(text), text).toBeNull();
  });
});
