import type { CaseStatus, Referral } from '@oscc/contract';
import { isApiError } from '../../../lib/api.ts';

/** How long until a referral must be answered, or how long ago it should have been: minutes, hours or days. */
export interface TimeLeft {
  isOverdue: boolean;
  unit: 'minutes' | 'hours' | 'days';
  count: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The time left before `dueAt` (or past it), rounded down to what a reader can act on: minutes under an hour,
 * hours under two days, days after that. A referral due this very minute counts as 0 minutes left.
 */
export function timeLeft(dueAt: string, now: Date): TimeLeft {
  const difference = new Date(dueAt).getTime() - now.getTime();
  const isOverdue = difference < 0;
  const span = Math.abs(difference);
  if (span < HOUR) return { isOverdue, unit: 'minutes', count: Math.floor(span / MINUTE) };
  if (span < 2 * DAY) return { isOverdue, unit: 'hours', count: Math.floor(span / HOUR) };
  return { isOverdue, unit: 'days', count: Math.floor(span / DAY) };
}

/** Only a referral still waiting for the unit's answer can be accepted, declined, passed on or withdrawn. */
export function isWaiting(referral: Pick<Referral, 'status'>): boolean {
  return referral.status === 'sent';
}

/** A lead referral makes the unit answer for the case: possible while the case is new, in triage or reopened. */
export function canSendLead(status: CaseStatus): boolean {
  return status === 'new' || status === 'triage' || status === 'reopened';
}

/** A unit of the multidisciplinary team joins a case that is already being worked. */
export function canSendTeam(status: CaseStatus): boolean {
  return status === 'referred' || status === 'in_progress' || status === 'reopened';
}

/** The server's refusals that the referral screens explain in their own words; anything else is shown as it came. */
export type ReferralProblem = 'transition' | 'conflict';

export function referralProblem(error: unknown): ReferralProblem | null {
  if (!isApiError(error)) return null;
  if (error.code === 'TRANSITION_NOT_ALLOWED') return 'transition';
  if (error.code === 'CONFLICT') return 'conflict';
  return null;
}

/** The longest note the server keeps with a referral. */
export const REFERRAL_NOTE_MAX_LENGTH = 2_000;
