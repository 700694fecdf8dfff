import type { CaseDeadline } from '@oscc/contract';

/** The clocks still running first (the soonest due first), then the ended ones, the latest started first. */
export function deadlinesInOrder(deadlines: readonly CaseDeadline[]): CaseDeadline[] {
  const running = deadlines.filter((deadline) => deadline.status === 'open');
  const ended = deadlines.filter((deadline) => deadline.status !== 'open');
  return [
    ...running.sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
    ...ended.sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
  ];
}

/** A deadline's alarms, the latest first. */
export function alarmsNewestFirst(alarms: readonly CaseDeadline['alarms'][number][]): CaseDeadline['alarms'] {
  return [...alarms].sort((a, b) => b.lastRaisedAt.localeCompare(a.lastRaisedAt) || b.level - a.level);
}
