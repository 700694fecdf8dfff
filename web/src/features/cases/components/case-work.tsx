import type { CaseWork } from '@oscc/contract';
import { CaseClosureCard } from './case-closure.tsx';
import { CaseNotes } from './case-notes.tsx';
import { CasePlan } from './case-plan.tsx';
import { CaseServices } from './case-services.tsx';
import { CaseTasks } from './case-tasks.tsx';

/** The states in which a case is being worked, or has been: before them there is no plan, service or task yet. */
const WORKED_STATES: readonly CaseWork['status'][] = ['in_progress', 'pending_closure', 'closed', 'reopened'];

/**
 * Working the case, card by card in the order the work goes: closing (and what waits on it) first when it is
 * near, then notes, the plan, services and the team's tasks. People who only read see what was recorded; a card
 * with nothing in it and nothing they may add is left out.
 */
export function CaseWorkCards({ work, userId }: { work: CaseWork; userId: string }) {
  const isWorked = WORKED_STATES.includes(work.status);
  const hasClosure =
    work.can.close ||
    work.can.reopen ||
    work.can.decideClosure ||
    work.closures.length > 0 ||
    work.followUps.length > 0 ||
    work.tasks.some((task) => task.kind === 'follow_up');
  const isClosingNear = work.status === 'pending_closure' || work.status === 'closed';
  // Keyed, so a card keeps its state (the message just shown) when closing moves it to the top.
  const cards = [
    hasClosure ? <CaseClosureCard key="closure" work={work} userId={userId} /> : null,
    work.can.work || work.notes.length > 0 ? <CaseNotes key="notes" work={work} /> : null,
    (work.can.work && isWorked) || work.plan ? <CasePlan key="plan" work={work} /> : null,
    (work.can.work && isWorked) || work.services.length > 0 ? <CaseServices key="services" work={work} /> : null,
    (work.can.work && isWorked) || work.tasks.length > 0 ? <CaseTasks key="tasks" work={work} /> : null,
  ];
  const [closure, ...rest] = cards;
  return <>{isClosingNear ? [closure, ...rest] : [...rest, closure]}</>;
}
