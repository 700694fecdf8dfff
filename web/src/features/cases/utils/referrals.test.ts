import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api.ts';
import { canSendLead, canSendTeam, isWaiting, referralProblem, timeLeft } from './referrals.ts';

const now = new Date('2026-12-01T10:00:00Z');

describe('timeLeft', () => {
  it('counts whole hours left before the due time', () => {
    expect(timeLeft('2026-12-01T15:30:00Z', now)).toEqual({ isOverdue: false, unit: 'hours', count: 5 });
  });

  it('counts the time past the due time as overdue', () => {
    expect(timeLeft('2026-12-01T08:00:00Z', now)).toEqual({ isOverdue: true, unit: 'hours', count: 2 });
  });

  it('uses minutes under an hour and days from two days on', () => {
    expect(timeLeft('2026-12-01T10:45:00Z', now)).toEqual({ isOverdue: false, unit: 'minutes', count: 45 });
    expect(timeLeft('2026-12-01T10:00:00Z', now)).toEqual({ isOverdue: false, unit: 'minutes', count: 0 });
    expect(timeLeft('2026-12-02T09:00:00Z', now)).toEqual({ isOverdue: false, unit: 'hours', count: 23 });
    expect(timeLeft('2026-12-04T12:00:00Z', now)).toEqual({ isOverdue: false, unit: 'days', count: 3 });
    expect(timeLeft('2026-11-28T10:00:00Z', now)).toEqual({ isOverdue: true, unit: 'days', count: 3 });
  });
});

describe('referral rules', () => {
  it('lets only a waiting referral be answered', () => {
    expect(isWaiting({ status: 'sent' })).toBe(true);
    for (const status of ['accepted', 'declined', 'transferred', 'revoked'] as const)
      expect(isWaiting({ status })).toBe(false);
  });

  it('offers the lead referral before the case is worked and the team referral after', () => {
    expect(canSendLead('new')).toBe(true);
    expect(canSendLead('triage')).toBe(true);
    expect(canSendLead('referred')).toBe(false);
    expect(canSendTeam('in_progress')).toBe(true);
    expect(canSendTeam('new')).toBe(false);
    expect(canSendLead('reopened') && canSendTeam('reopened')).toBe(true);
  });

  it('explains the refusals it knows and leaves the rest as they came', () => {
    const refusal = (code: string) => new ApiError({ status: 409, code, messages: { th: 'x', en: 'x' } });
    expect(referralProblem(refusal('TRANSITION_NOT_ALLOWED'))).toBe('transition');
    expect(referralProblem(refusal('CONFLICT'))).toBe('conflict');
    expect(referralProblem(refusal('FORBIDDEN'))).toBeNull();
    expect(referralProblem(new Error('x'))).toBeNull();
  });
});
