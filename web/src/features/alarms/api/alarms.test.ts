import { describe, expect, it } from 'vitest';
import { alarmIdOf, parseAlarmList, parseDeliveryTab } from './alarms.ts';

describe('the alarm pages’ addresses', () => {
  it('read the list and the delivery tab, falling back to what needs attention', () => {
    expect(parseAlarmList('all')).toBe('all');
    expect(parseAlarmList(null)).toBe('open');
    expect(parseAlarmList('everything')).toBe('open');
    expect(parseDeliveryTab('digest')).toBe('digest');
    expect(parseDeliveryTab('sent')).toBe('failed');
    expect(parseDeliveryTab(null)).toBe('failed');
  });
});

describe('alarmIdOf', () => {
  it('takes the alarm’s id from the live event, and nothing from anything else', () => {
    expect(alarmIdOf('{"alarmId":"6f1c1a52-8d0e-4a57-9a4e-0d5d7cfa1e11"}')).toBe(
      '6f1c1a52-8d0e-4a57-9a4e-0d5d7cfa1e11',
    );
    expect(alarmIdOf('{"alarmId":42}')).toBeNull();
    expect(alarmIdOf('not json')).toBeNull();
    expect(alarmIdOf('null')).toBeNull();
  });
});
