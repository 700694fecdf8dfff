import { useLanguage } from '../../../i18n/index.ts';

/** Moves focus to the first input marked invalid, once React has drawn the messages. */
export function focusFirstProblem(form: HTMLFormElement): void {
  window.requestAnimationFrame(() => {
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}

/** "กรุณากรอก…" for each required field left empty, by field name. */
export function useMissingMessages(missing: readonly string[]): Record<string, string> {
  const { t } = useLanguage();
  const messages: Record<string, string> = {};
  for (const field of missing) {
    messages[field] =
      field === 'unitId'
        ? t('people.unitRequired')
        : field.startsWith('roles.')
          ? t('people.scopeRequired')
          : t('people.fieldRequired');
  }
  return messages;
}
