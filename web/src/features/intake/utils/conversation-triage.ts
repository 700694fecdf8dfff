import type { SocialConversation, TriageConversationRequest } from '@oscc/contract';
import { emptyIntakeForm, OUTCOME_SHORTCUTS, toRecordContactRequest, type IntakeFormValues } from './intake-form.ts';
import { orderMessages } from '../../../lib/social-thread.ts';

/**
 * The outcomes a conversation can be triaged to, in the hotline console's order: the same choices and words, so
 * a call-taker decides a chat as they decide a call.
 */
export const TRIAGE_OUTCOMES = OUTCOME_SHORTCUTS.map(({ outcome }) => outcome);

/** What the person wrote, oldest first, one message a paragraph: the case's narrative to start from. */
export function inboundNarrative(conversation: Pick<SocialConversation, 'messages'>): string {
  return orderMessages(conversation.messages)
    .filter((message) => message.direction === 'in')
    .map((message) => message.text?.trim() ?? '')
    .filter((text) => text !== '')
    .join('\n');
}

/** The triage form of a conversation: the hotline's form, its narrative prefilled with the person's messages. */
export function emptyTriageForm(conversation: Pick<SocialConversation, 'messages'>): IntakeFormValues {
  return { ...emptyIntakeForm(), narrative: inboundNarrative(conversation) };
}

/** The request for the form: the outcome, the summary when given, and the case (and whom it is handed to) only for the outcome `case`. */
export function toTriageRequest(values: IntakeFormValues): TriageConversationRequest {
  const { outcome, summary, case: newCase, handTo } = toRecordContactRequest(values);
  return {
    outcome,
    ...(summary ? { summary } : {}),
    ...(newCase ? { case: newCase } : {}),
    ...(handTo ? { handTo } : {}),
  };
}
