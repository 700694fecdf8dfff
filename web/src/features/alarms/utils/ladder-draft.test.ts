import { DEFAULT_LADDERS } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { addLevel, draftFromLadder, ladderRequest, removeLevel, toggleChoice } from './ladder-draft.ts';

const ladder = { warningShare: 0.75, ladders: DEFAULT_LADDERS };

describe('the ladder editor’s draft', () => {
  it('gives back the ladder it was made from, unchanged', () => {
    const { request, problems } = ladderRequest(draftFromLadder(ladder));
    expect(problems).toEqual({});
    expect(request).toEqual({ warningShare: 0.75, ladders: DEFAULT_LADDERS });
  });

  it('adds a level an hour above the last, and renumbers the levels when one is removed', () => {
    const draft = draftFromLadder(ladder);
    const added = addLevel(draft.ladders.overdue);
    expect(added).toHaveLength(5);
    expect(added[4]).toMatchObject({ afterMinutes: '1500', audiences: ['central'], channels: ['in_app', 'email'] });
    const removed = removeLevel(added, 2);
    const { request } = ladderRequest({ ...draft, ladders: { ...draft.ladders, overdue: removed } });
    expect(request?.ladders.overdue.map((level) => [level.level, level.afterMinutes])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1440],
      [3, 1500],
    ]);
  });

  it('keeps choices in the contract’s order', () => {
    expect(toggleChoice(['a', 'b', 'c'], ['c'], 'a', true)).toEqual(['a', 'c']);
    expect(toggleChoice(['a', 'b', 'c'], ['a', 'c'], 'a', false)).toEqual(['c']);
  });

  it('names each field that is wrong: share, minutes, repeats, empty choices', () => {
    const draft = draftFromLadder(ladder);
    const overdue = draft.ladders.overdue.map((level) => ({ ...level }));
    overdue[1] = { ...overdue[1]!, repeats: true, repeatMinutes: '5', audiences: [] };
    overdue[2] = { ...overdue[2]!, afterMinutes: 'two hours', channels: [] };
    const { request, problems } = ladderRequest({
      warningPercent: '100',
      ladders: { ...draft.ladders, overdue },
    });
    expect(request).toBeNull();
    expect(problems).toMatchObject({
      warningShare: { code: 'share' },
      'ladders.overdue.1.repeatMinutes': { code: 'repeat' },
      'ladders.overdue.1.audiences': { code: 'audiences' },
      'ladders.overdue.2.afterMinutes': { code: 'minutes' },
      'ladders.overdue.2.channels': { code: 'channels' },
    });
  });

  it('applies the contract’s rules for the ladder as a whole, at the same field paths as the server', () => {
    const draft = draftFromLadder(ladder);
    const overdue = draft.ladders.overdue.map((level) => ({ ...level }));
    overdue[3] = { ...overdue[3]!, afterMinutes: '60', channels: ['email'], digestAudiences: ['province'] };
    const { request, problems } = ladderRequest({
      ...draft,
      ladders: { no_service: draft.ladders.no_service.slice(0, 1), overdue },
    });
    expect(request).toBeNull();
    expect(Object.keys(problems).sort()).toEqual([
      'ladders.no_service',
      'ladders.overdue.3.afterMinutes',
      'ladders.overdue.3.channels',
      'ladders.overdue.3.digestAudiences',
    ]);
    expect(problems['ladders.overdue.3.channels']).toEqual({
      message: 'ทุกระดับต้องแจ้งในระบบ / every level is shown in the app',
    });
  });
});
