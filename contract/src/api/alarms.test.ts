import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDERS, ladderProblems } from './alarms.ts';

describe('an escalation ladder', () => {
  it('as shipped has no problems', () => {
    expect(ladderProblems(DEFAULT_LADDERS.overdue)).toEqual([]);
    expect(ladderProblems(DEFAULT_LADDERS.no_service)).toEqual([]);
  });

  it('is refused with levels out of order, a level earlier than the one before, no in-app channel, a stray digest', () => {
    const [warning, first, second] = DEFAULT_LADDERS.overdue;
    expect(ladderProblems([warning!]).map((problem) => problem.path)).toEqual(['']);
    expect(ladderProblems([warning!, { ...second!, level: 1 }, { ...first!, level: 2 }]).map((p) => p.path)).toEqual([
      '2.afterMinutes',
    ]);
    expect(ladderProblems([warning!, { ...first!, level: 3 }]).map((p) => p.path)).toEqual(['1.level']);
    expect(ladderProblems([{ ...warning!, channels: ['email'] }, first!]).map((p) => p.path)).toEqual(['0.channels']);
    expect(ladderProblems([warning!, { ...first!, digestAudiences: ['ministry'] }]).map((p) => p.path)).toEqual([
      '1.digestAudiences',
    ]);
  });
});
