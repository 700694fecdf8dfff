import {
  ACTIONS,
  CONDITIONS,
  type Action,
  type Condition,
  type ConditionSet,
  type PermissionRule,
  type RoleInfo,
} from '@oscc/contract';

/**
 * The condition sets an administrator picks from when editing a role: the ones the default roles use, plus "not
 * allowed". A rule stored with any other set (written through the API) shows as 'custom' and is kept as it is
 * unless another choice is made.
 */
export const RULE_CHOICES = [
  'none',
  'everywhere',
  'in_scope',
  'in_scope_or_self',
  'in_scope_and_own_unit',
  'self',
] as const;
export type RuleChoice = (typeof RULE_CHOICES)[number] | 'custom';

const CHOICE_CONDITIONS: Record<Exclude<RuleChoice, 'none' | 'custom'>, ConditionSet> = {
  everywhere: [['everywhere']],
  in_scope: [['in_scope']],
  in_scope_or_self: [['in_scope'], ['self']],
  in_scope_and_own_unit: [['in_scope', 'own_unit']],
  self: [['self']],
};

/** The conditions a choice stands for; null for "not allowed" (no rule) and for 'custom' (whatever is stored). */
export function conditionsOfChoice(choice: RuleChoice): ConditionSet | null {
  return choice === 'none' || choice === 'custom' ? null : CHOICE_CONDITIONS[choice];
}

/**
 * One spelling per meaning: conditions in the vocabulary's order without repeats, alternatives sorted and without
 * repeats — so [['self'], ['in_scope']] and [['in_scope'], ['self']] compare equal.
 */
export function canonicalConditions(conditions: ConditionSet): string {
  const alternatives = conditions.map((alternative) =>
    [...new Set(alternative)].sort((a, b) => CONDITIONS.indexOf(a) - CONDITIONS.indexOf(b)).join('+'),
  );
  return [...new Set(alternatives)].sort().join('|');
}

/** The choice that a stored rule matches: 'none' when the role has no rule for the action. */
export function choiceOfConditions(conditions: ConditionSet | null | undefined): RuleChoice {
  if (!conditions || conditions.length === 0) return 'none';
  const wanted = canonicalConditions(conditions);
  for (const [choice, set] of Object.entries(CHOICE_CONDITIONS)) {
    if (canonicalConditions(set) === wanted) return choice as RuleChoice;
  }
  return 'custom';
}

export type RuleChoices = Record<Action, RuleChoice>;

/** A role's conditions for one action, or null when the role may not do it. */
export function conditionsFor(rules: readonly PermissionRule[], action: Action): ConditionSet | null {
  return rules.find((rule) => rule.action === action)?.conditions ?? null;
}

/** The editor's starting point: each action's current rule as a choice. */
export function choicesFromRules(rules: readonly PermissionRule[]): RuleChoices {
  return Object.fromEntries(
    ACTIONS.map((action) => [action, choiceOfConditions(conditionsFor(rules, action))]),
  ) as RuleChoices;
}

/**
 * The rules to send (PUT /api/roles/:code/rules), in the order of the actions: "not allowed" sends no rule,
 * 'custom' keeps the stored conditions.
 */
export function rulesFromChoices(current: readonly PermissionRule[], choices: RuleChoices): RoleInfo['rules'] {
  const rules: RoleInfo['rules'] = [];
  for (const action of ACTIONS) {
    const choice = choices[action];
    const conditions = choice === 'custom' ? conditionsFor(current, action) : conditionsOfChoice(choice);
    if (conditions && conditions.length > 0) {
      rules.push({ action, conditions: conditions.map((alternative) => [...alternative]) });
    }
  }
  return rules;
}

export interface RuleChange {
  action: Action;
  before: ConditionSet | null;
  after: ConditionSet | null;
}

/** What saving would change, action by action, for the confirmation. */
export function ruleChanges(current: readonly PermissionRule[], next: readonly PermissionRule[]): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const action of ACTIONS) {
    const before = conditionsFor(current, action);
    const after = conditionsFor(next, action);
    const beforeText = before ? canonicalConditions(before) : '';
    const afterText = after ? canonicalConditions(after) : '';
    if (beforeText !== afterText) changes.push({ action, before, after });
  }
  return changes;
}

export interface MatrixRow {
  action: Action;
  cells: { role: RoleInfo['code']; conditions: ConditionSet | null }[];
}

/** The permission matrix: one row per action of the contract, one cell per role (null: not allowed). */
export function ruleMatrix(
  roles: readonly { code: RoleInfo['code']; rules: readonly PermissionRule[] }[],
): MatrixRow[] {
  return ACTIONS.map((action) => ({
    action,
    cells: roles.map((role) => ({ role: role.code, conditions: conditionsFor(role.rules, action) })),
  }));
}

/** The words a rule is written with, from the dictionary of the reader's language. */
export interface ConditionWords {
  condition: Record<Condition, string>;
  or: string;
  and: string;
  none: string;
}

/**
 * A rule as a reader says it: "ในขอบเขต หรือ ตนเอง", "ในขอบเขต และ หน่วยงานของตน"; "—" when not allowed. An
 * alternative of several conditions is put in brackets when there are other alternatives, so "(A และ B) หรือ C"
 * cannot be read as "A และ (B หรือ C)".
 */
export function describeConditions(conditions: ConditionSet | null | undefined, words: ConditionWords): string {
  if (!conditions || conditions.length === 0) return words.none;
  const alternatives = conditions.map((alternative) => {
    const text = alternative.map((condition) => words.condition[condition]).join(` ${words.and} `);
    return conditions.length > 1 && alternative.length > 1 ? `(${text})` : text;
  });
  return alternatives.join(` ${words.or} `);
}
