import type { CaseDeadline } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { alarmsNewestFirst, deadlinesInOrder } from './case-alarms.ts';

function deadline(id: string, status: CaseDeadline['status'], startedAt: string, dueAt: string): CaseDeadline {
  return {
    id,
    kind: 'step',
    alarm: 'overdue',
    subjectTh: id,
    subjectEn: id,
    unit: null,
    clock: '24x7',
    startedAt,
    dueAt,
    warnAt: dueAt,
    status,
    result: null,
    breachedAt: null,
    closedAt: null,
    alarms: [],
  };
}

describe('deadlinesInOrder', () => {
  it('puts the running clocks first, the soonest due first, then the ended ones, the latest first', () => {
    const ordered = deadlinesInOrder([
      deadline('met-early', 'met', '2026-12-01T01:00:00Z', '2026-12-02T01:00:00Z'),
      deadline('open-late', 'open', '2026-12-01T02:00:00Z', '2026-12-09T00:00:00Z'),
      deadline('met-later', 'met', '2026-12-01T03:00:00Z', '2026-12-02T03:00:00Z'),
      deadline('open-soon', 'open', '2026-12-01T04:00:00Z', '2026-12-02T04:00:00Z'),
      deadline('cancelled', 'cancelled', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'),
    ]);
    expect(ordered.map((item) => item.id)).toEqual(['open-soon', 'open-late', 'met-later', 'met-early', 'cancelled']);
  });
});

describe('alarmsNewestFirst', () => {
  it('lists the latest raised alarm first', () => {
    const alarm = (id: string, level: number, lastRaisedAt: string) => ({
      id,
      kind: 'breach' as const,
      level,
      round: 1,
      raisedAt: lastRaisedAt,
      lastRaisedAt,
      resolvedAt: null,
      acknowledgements: [],
      deliveries: [],
    });
    const sorted = alarmsNewestFirst([
      alarm('warning', 0, '2026-12-01T01:00:00Z'),
      alarm('breach', 1, '2026-12-01T02:00:00Z'),
      alarm('province', 2, '2026-12-01T02:00:00Z'),
    ]);
    expect(sorted.map((item) => item.id)).toEqual(['province', 'breach', 'warning']);
  });
});
