import {
  procedureProblems,
  STEP_CLOCKS,
  STEP_COMPLETIONS,
  STEP_RESPONSIBLES,
  type NewProcedureVersionRequest,
  type ProcedureProblem,
  type ProcedureStep,
  type ProcedureVersion,
} from '@oscc/contract';
import { enteredDuration, parseDuration, type EnteredDurationUnit } from '../../../lib/procedure-steps.ts';

export interface ProcedureGroup {
  /** Null: the generic procedure. */
  problemTypeCode: string | null;
  /** The version new cases start with, if any. */
  active: ProcedureVersion | null;
  /** Drafts and retired versions, the newest first. */
  others: ProcedureVersion[];
}

/**
 * The versions by problem type: the generic procedure first, then the problem types in the order the reference
 * list gives them (codes it no longer lists come last, by code).
 */
export function groupProcedures(versions: readonly ProcedureVersion[], typeOrder: readonly string[]): ProcedureGroup[] {
  const groups = new Map<string | null, ProcedureGroup>();
  for (const version of versions) {
    const group = groups.get(version.problemTypeCode) ?? {
      problemTypeCode: version.problemTypeCode,
      active: null,
      others: [],
    };
    if (version.status === 'active') group.active = version;
    else group.others.push(version);
    groups.set(version.problemTypeCode, group);
  }
  const rank = (code: string | null) => {
    if (code === null) return -1;
    const index = typeOrder.indexOf(code);
    return index === -1 ? typeOrder.length : index;
  };
  for (const group of groups.values()) group.others.sort((a, b) => b.version - a.version);
  return [...groups.values()].sort(
    (a, b) =>
      rank(a.problemTypeCode) - rank(b.problemTypeCode) ||
      (a.problemTypeCode ?? '').localeCompare(b.problemTypeCode ?? ''),
  );
}

/** One step as the editor holds it: time frames as typed (a number and a unit). */
export interface StepValues {
  /** Stable for React while steps move; not sent. */
  key: string;
  code: string;
  nameTh: string;
  nameEn: string;
  responsible: ProcedureStep['responsible'];
  durationAmount: string;
  durationUnit: EnteredDurationUnit;
  clock: ProcedureStep['clock'];
  hasCrisis: boolean;
  crisisAmount: string;
  crisisUnit: EnteredDurationUnit;
  completion: ProcedureStep['completion'];
  requiresApproval: boolean;
}

export interface ProcedureFormValues {
  nameTh: string;
  nameEn: string;
  steps: StepValues[];
}

let nextKey = 0;
function newKey(): string {
  nextKey += 1;
  return `step-${nextKey}`;
}

export function stepValues(step: ProcedureStep): StepValues {
  const duration = enteredDuration(step.durationMinutes);
  const crisis = enteredDuration(step.crisisDurationMinutes ?? 24 * 60);
  return {
    key: newKey(),
    code: step.code,
    nameTh: step.nameTh,
    nameEn: step.nameEn,
    responsible: step.responsible,
    durationAmount: duration.amount,
    durationUnit: duration.unit,
    clock: step.clock,
    hasCrisis: step.crisisDurationMinutes !== null,
    crisisAmount: crisis.amount,
    crisisUnit: crisis.unit,
    completion: step.completion,
    requiresApproval: step.requiresApproval,
  };
}

/** A new step: a task done within 7 days by the responsible unit, with a code not used yet. */
export function blankStep(existing: readonly StepValues[], nameTh: string, nameEn: string): StepValues {
  const codes = new Set(existing.map((step) => step.code));
  let number = existing.length + 1;
  while (codes.has(`step_${number}`)) number += 1;
  return {
    key: newKey(),
    code: `step_${number}`,
    nameTh,
    nameEn,
    responsible: 'responsible_unit',
    durationAmount: '7',
    durationUnit: 'days',
    clock: '24x7',
    hasCrisis: false,
    crisisAmount: '24',
    crisisUnit: 'hours',
    completion: 'task_done',
    requiresApproval: false,
  };
}

/** The editor's starting point: a copy of the version in use. */
export function procedureValues(version: Pick<ProcedureVersion, 'nameTh' | 'nameEn' | 'steps'>): ProcedureFormValues {
  return { nameTh: version.nameTh, nameEn: version.nameEn, steps: version.steps.map(stepValues) };
}

/** Moves a step by one place; a move past either end changes nothing. */
export function moveStep<T>(steps: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return [...steps];
  const moved = [...steps];
  [moved[index], moved[target]] = [moved[target]!, moved[index]!];
  return moved;
}

/** The step as the contract has it; a time frame that is not a valid number is NaN (reported by `formProblems`). */
export function stepFromValues(values: StepValues): ProcedureStep {
  return {
    code: values.code.trim(),
    nameTh: values.nameTh.trim(),
    nameEn: values.nameEn.trim(),
    responsible: values.responsible,
    durationMinutes: parseDuration(values.durationAmount, values.durationUnit) ?? Number.NaN,
    crisisDurationMinutes: values.hasCrisis
      ? (parseDuration(values.crisisAmount, values.crisisUnit) ?? Number.NaN)
      : null,
    clock: values.clock,
    completion: values.completion,
    requiresApproval: values.requiresApproval,
  };
}

export type FormProblem = 'required' | 'code' | 'duration' | 'tooMany';

/**
 * What is wrong with single fields (empty names, a code in the wrong form, a time frame that is not a number),
 * by path as the server names them ('nameTh', 'steps.2.durationMinutes').
 */
export function formProblems(values: ProcedureFormValues): Record<string, FormProblem> {
  const problems: Record<string, FormProblem> = {};
  if (!values.nameTh.trim()) problems['nameTh'] = 'required';
  if (!values.nameEn.trim()) problems['nameEn'] = 'required';
  if (values.steps.length > 30) problems['steps'] = 'tooMany';
  values.steps.forEach((step, index) => {
    const at = `steps.${index}`;
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(step.code.trim())) problems[`${at}.code`] = 'code';
    if (!step.nameTh.trim()) problems[`${at}.nameTh`] = 'required';
    if (!step.nameEn.trim()) problems[`${at}.nameEn`] = 'required';
    if (parseDuration(step.durationAmount, step.durationUnit) === null) problems[`${at}.durationMinutes`] = 'duration';
    if (step.hasCrisis && parseDuration(step.crisisAmount, step.crisisUnit) === null)
      problems[`${at}.crisisDurationMinutes`] = 'duration';
  });
  return problems;
}

/** The whole-procedure rules of the contract (order, closure, approval, crisis), checked as the editor types. */
export function wholeProblems(values: ProcedureFormValues): ProcedureProblem[] {
  return procedureProblems(values.steps.map(stepFromValues));
}

export function newVersionRequest(
  values: ProcedureFormValues,
  problemTypeCode: string | null,
  activate: boolean,
): NewProcedureVersionRequest {
  return {
    problemTypeCode,
    nameTh: values.nameTh.trim(),
    nameEn: values.nameEn.trim(),
    steps: values.steps.map(stepFromValues),
    activate,
  };
}

/** The choices of the editor's selects, in the contract's order. */
export const RESPONSIBLE_CHOICES = STEP_RESPONSIBLES;
export const COMPLETION_CHOICES = STEP_COMPLETIONS;
export const CLOCK_CHOICES = STEP_CLOCKS;
