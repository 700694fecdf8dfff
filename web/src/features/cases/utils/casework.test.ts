import type { CaseTask, TimelineEntry } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import {
  bangkokDateTimeToIso,
  bangkokToday,
  detailText,
  newestFirst,
  openFollowUp,
  recordedText,
  tasksByUnit,
} from './casework.ts';

const unit = (id: string, lead = false) => ({ id, nameTh: id, nameEn: null, lead });
const task = (id: string, unitId: string, kind: CaseTask['kind'] = 'task', status: CaseTask['status'] = 'open') =>
  ({ id, unit: { id: unitId, nameTh: unitId, nameEn: null }, kind, status }) as CaseTask;
const entry = (at: string, text: string) =>
  ({ at, kind: 'note', actor: null, unit: null, text, details: { n: 1, s: 'x', b: true } }) as TimelineEntry;

describe('casework helpers', () => {
  it('reads the day and a typed time in Bangkok, whatever the device’s zone', () => {
    // 20:30 UTC on 31 December is already 1 January in Bangkok.
    expect(bangkokToday(new Date('2026-12-31T20:30:00Z'))).toBe('2027-01-01');
    expect(bangkokDateTimeToIso('2026-12-05T17:00')).toBe('2026-12-05T10:00:00.000Z');
    expect(bangkokDateTimeToIso('')).toBeNull();
    expect(bangkokDateTimeToIso('5/12/2569 17:00')).toBeNull();
  });

  it('groups tasks by the units of the team, and keeps tasks of a unit that left it', () => {
    const groups = tasksByUnit({
      teamUnits: [unit('station', true), unit('shelter')],
      tasks: [task('a', 'shelter'), task('b', 'station'), task('c', 'gone')],
    });
    expect(groups.map((group) => [group.unit.id, group.isLead, group.tasks.map((t) => t.id)])).toEqual([
      ['station', true, ['b']],
      ['shelter', false, ['a']],
      ['gone', false, ['c']],
    ]);
  });

  it('finds the follow-up still to be recorded', () => {
    expect(openFollowUp({ tasks: [task('a', 'u'), task('f', 'u', 'follow_up', 'cancelled')] })).toBeNull();
    expect(openFollowUp({ tasks: [task('f', 'u', 'follow_up', 'cancelled'), task('g', 'u', 'follow_up')] })?.id).toBe(
      'g',
    );
  });

  it('shows the timeline latest first, keeping the server’s order for the same moment', () => {
    const entries = [
      entry('2026-12-01T01:00:00Z', 'a'),
      entry('2026-12-01T02:00:00Z', 'b'),
      entry('2026-12-01T02:00:00Z', 'c'),
    ];
    expect(newestFirst(entries).map((e) => e.text)).toEqual(['c', 'b', 'a']);
    expect(detailText(entries[0]!, 's')).toBe('x');
    expect(detailText(entries[0]!, 'n')).toBe('1');
    expect(detailText(entries[0]!, 'b')).toBe('');
    expect(detailText(entries[0]!, 'missing')).toBe('');
  });
});

describe('recordedText', () => {
  const words = {
    closureReason: (code: string) => `reason:${code}`,
    followUpOutcome: (code: string) => `outcome:${code}`,
    referralAccepted: 'รับเรื่องแล้ว',
  };

  it('says the codes the server records in words, and leaves what people typed as it is', () => {
    expect(recordedText('goals_met', words)).toBe('reason:goals_met');
    expect(recordedText('stable', words)).toBe('outcome:stable');
    expect(recordedText('referral accepted', words)).toBe('รับเรื่องแล้ว');
    expect(recordedText('ถูกไล่ออกจากบ้านอีกครั้ง', words)).toBe('ถูกไล่ออกจากบ้านอีกครั้ง');
  });
});
