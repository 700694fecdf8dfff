/**
 * Moves focus to the first thing marked wrong once React has drawn the messages: an invalid input, or a group
 * (office hours, areas, problem types) marked with data-problem; failing that, the form's alert.
 */
export function focusFirstProblem(form: HTMLElement): void {
  window.requestAnimationFrame(() => {
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"], [data-problem="true"]') ??
      form.querySelector<HTMLElement>('[role="alert"]');
    if (target && !target.matches('input, select, textarea, button') && !target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }
    target?.focus();
  });
}
