import type { Action, ConditionSet } from '@oscc/contract';
import { useLanguage } from '../../../i18n/index.ts';
import { describeConditions, type ConditionWords } from '../utils/rule-choices.ts';

/** Rules and actions in the reader's language: "ในขอบเขต หรือ ตนเอง", "จัดการผู้ใช้". */
export function useRuleTexts() {
  const { t } = useLanguage();
  const words: ConditionWords = {
    condition: {
      everywhere: t('roles.condition.everywhere'),
      in_scope: t('roles.condition.in_scope'),
      own_unit: t('roles.condition.own_unit'),
      self: t('roles.condition.self'),
    },
    or: t('roles.or'),
    and: t('roles.and'),
    none: t('roles.none'),
  };
  return {
    describe: (conditions: ConditionSet | null | undefined) => describeConditions(conditions, words),
    actionLabel: (action: Action) => t(`roles.action.${action}`),
  };
}
