import {
  ALARM_AUDIENCES,
  ALARM_CHANNELS,
  ALARM_TYPES,
  ladderProblems,
  type AlarmAudience,
  type AlarmChannel,
  type AlarmLadder,
  type AlarmLadderLevel,
  type AlarmType,
  type SaveAlarmLadderRequest,
} from '@oscc/contract';
import { shareFromPercent, sharePercent } from '../../../lib/alarm-words.ts';

/** One level as the editor holds it: numbers as typed, so a half-typed value is not lost or coerced. */
export interface LevelDraft {
  afterMinutes: string;
  audiences: AlarmAudience[];
  channels: AlarmChannel[];
  repeats: boolean;
  repeatMinutes: string;
  digestAudiences: AlarmAudience[];
}

export interface LadderDraft {
  warningPercent: string;
  ladders: Record<AlarmType, LevelDraft[]>;
}

/** What the editor finds wrong before asking the server: a code the dictionaries word, or the contract's words. */
export type DraftProblem = { code: 'share' | 'minutes' | 'repeat' | 'audiences' | 'channels' } | { message: string };

/** Field keys as the server's field problems name them without 'body.': 'warningShare', 'ladders.overdue.1.channels'. */
export const levelKey = (alarm: AlarmType, index: number, field: keyof AlarmLadderLevel) =>
  `ladders.${alarm}.${index}.${field}`;

const MAX_AFTER_MINUTES = 60 * 24 * 60;
const REPEAT_MIN = 15;
const REPEAT_MAX = 7 * 24 * 60;
const DEFAULT_REPEAT = 60;

export function draftFromLadder(ladder: Pick<AlarmLadder, 'warningShare' | 'ladders'>): LadderDraft {
  const levels = (list: AlarmLadderLevel[]): LevelDraft[] =>
    list.map((level) => ({
      afterMinutes: String(level.afterMinutes),
      audiences: [...level.audiences],
      channels: [...level.channels],
      repeats: level.repeatMinutes !== null,
      repeatMinutes: String(level.repeatMinutes ?? DEFAULT_REPEAT),
      digestAudiences: [...level.digestAudiences],
    }));
  return {
    warningPercent: sharePercent(ladder.warningShare),
    ladders: { no_service: levels(ladder.ladders.no_service), overdue: levels(ladder.ladders.overdue) },
  };
}

/** A new top level: an hour after the one below it, to the central desk, in the app and by e-mail. */
export function addLevel(levels: readonly LevelDraft[]): LevelDraft[] {
  const last = levels.at(-1);
  const lastMinutes = last && levels.length > 1 ? Number(last.afterMinutes) || 0 : 0;
  return [
    ...levels,
    {
      afterMinutes: String(lastMinutes + 60),
      audiences: ['central'],
      channels: ['in_app', 'email'],
      repeats: false,
      repeatMinutes: String(DEFAULT_REPEAT),
      digestAudiences: [],
    },
  ];
}

/** The levels without one; the ones above it move down a number (levels always run 0, 1, 2, …). */
export function removeLevel(levels: readonly LevelDraft[], index: number): LevelDraft[] {
  return levels.filter((_, position) => position !== index);
}

/** Adds or removes one choice, keeping the contract's order so the saved ladder reads the same every time. */
export function toggleChoice<T extends string>(all: readonly T[], chosen: readonly T[], value: T, on: boolean): T[] {
  return all.filter((item) => (item === value ? on : chosen.includes(item)));
}

const wholeNumber = (text: string): number | null => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);

/**
 * The request the draft stands for, or what is wrong with it by field: first what a form can see (numbers, empty
 * choices), then the contract's rules for a ladder as a whole (ladderProblems, the same the server applies).
 */
export function ladderRequest(draft: LadderDraft): {
  request: SaveAlarmLadderRequest | null;
  problems: Record<string, DraftProblem>;
} {
  const problems: Record<string, DraftProblem> = {};
  const warningShare = shareFromPercent(draft.warningPercent);
  if (warningShare === null) problems.warningShare = { code: 'share' };
  const ladders = {} as Record<AlarmType, AlarmLadderLevel[]>;
  for (const alarm of ALARM_TYPES) {
    ladders[alarm] = draft.ladders[alarm].map((level, index) => {
      const after = index === 0 ? 0 : wholeNumber(level.afterMinutes);
      if (after === null || after > MAX_AFTER_MINUTES)
        problems[levelKey(alarm, index, 'afterMinutes')] = { code: 'minutes' };
      const repeat = level.repeats ? wholeNumber(level.repeatMinutes) : null;
      if (level.repeats && (repeat === null || repeat < REPEAT_MIN || repeat > REPEAT_MAX))
        problems[levelKey(alarm, index, 'repeatMinutes')] = { code: 'repeat' };
      if (level.audiences.length === 0) problems[levelKey(alarm, index, 'audiences')] = { code: 'audiences' };
      if (level.channels.length === 0) problems[levelKey(alarm, index, 'channels')] = { code: 'channels' };
      return {
        level: index,
        afterMinutes: after ?? 0,
        audiences: ALARM_AUDIENCES.filter((audience) => level.audiences.includes(audience)),
        channels: ALARM_CHANNELS.filter((channel) => level.channels.includes(channel)),
        repeatMinutes: repeat,
        digestAudiences: ALARM_AUDIENCES.filter((audience) => level.digestAudiences.includes(audience)),
      };
    });
    for (const problem of ladderProblems(ladders[alarm])) {
      const key = problem.path ? `ladders.${alarm}.${problem.path}` : `ladders.${alarm}`;
      problems[key] ??= { message: problem.message };
    }
  }
  if (Object.keys(problems).length > 0 || warningShare === null) return { request: null, problems };
  return { request: { warningShare, ladders }, problems };
}
