import type { SocialConversation } from '@oscc/contract';

type SocialMessage = SocialConversation['messages'][number];

/** Attachment kinds LINE and Messenger send that the page names; anything newer shows as "other". */
export const MESSAGE_KINDS = ['image', 'video', 'audio', 'file', 'location', 'sticker'] as const;
export type MessageKindLabel = (typeof MESSAGE_KINDS)[number] | 'other';

/** Oldest first, as a chat is read; messages of the same instant keep the order the server gave them. */
export function orderMessages(messages: readonly SocialMessage[]): SocialMessage[] {
  return messages
    .map((message, index) => ({ message, index, at: Date.parse(message.createdAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ message }) => message);
}

/** The newest message of a conversation, or null for one that has none yet. */
export function lastMessage(conversation: Pick<SocialConversation, 'messages'>): SocialMessage | null {
  return orderMessages(conversation.messages).at(-1) ?? null;
}

/** The first non-empty line of a text, trimmed; null when there is no text (a sticker, a photo). */
export function firstLine(text: string | null): string | null {
  const line = text
    ?.split(/\r?\n/)
    .map((part) => part.trim())
    .find((part) => part !== '');
  return line ?? null;
}

/** What to call a message without text: its kind when the page knows it. */
export function messageKindLabel(kind: string): MessageKindLabel {
  return (MESSAGE_KINDS as readonly string[]).includes(kind) ? (kind as MessageKindLabel) : 'other';
}

/**
 * The delivery state shown under a staff reply; incoming messages show none. A failed reply is kept by the server,
 * so the call-taker sees it and can send it again.
 */
export function deliveryLabel(message: Pick<SocialMessage, 'direction' | 'delivery'>): 'sent' | 'failed' | null {
  if (message.direction !== 'out') return null;
  return message.delivery === 'failed' ? 'failed' : 'sent';
}

/** Enter sends, Shift+Enter starts a new line; a key pressed while an input method composes Thai never sends. */
export function isSendKey(event: { key: string; shiftKey: boolean; isComposing?: boolean }): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing;
}
