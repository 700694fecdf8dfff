import { SocialConversation } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { th } from '../i18n/th.ts';
import {
  deliveryLabel,
  firstLine,
  isSendKey,
  lastMessage,
  MESSAGE_KINDS,
  messageKindLabel,
  orderMessages,
} from './social-thread.ts';

const message = (
  id: string,
  createdAt: string,
  overrides: Partial<{ direction: 'in' | 'out'; delivery: 'received' | 'sent' | 'failed'; text: string | null }> = {},
) => ({
  id,
  direction: 'in' as const,
  kind: 'text',
  text: `text ${id}`,
  delivery: 'received' as const,
  createdAt,
  ...overrides,
});

describe('orderMessages', () => {
  it('puts the oldest message first, as a chat is read, whatever order the server sent', () => {
    const ordered = orderMessages([
      message('c', '2026-12-01T10:05:00.000Z'),
      message('a', '2026-12-01T10:00:00.000Z'),
      message('b', '2026-12-01T10:01:00+07:00'),
    ]);
    expect(ordered.map((m) => m.id)).toEqual(['b', 'a', 'c']);
  });

  it('keeps the server’s order for messages of the same instant, and does not change what it was given', () => {
    const given = [message('x', '2026-12-01T10:00:00.000Z'), message('y', '2026-12-01T10:00:00.000Z')];
    expect(orderMessages(given).map((m) => m.id)).toEqual(['x', 'y']);
    expect(orderMessages([...given].reverse()).map((m) => m.id)).toEqual(['y', 'x']);
    expect(given.map((m) => m.id)).toEqual(['x', 'y']);
  });
});

describe('lastMessage', () => {
  it('is the newest message, or null for a conversation without any', () => {
    expect(
      lastMessage({
        messages: [message('new', '2026-12-01T11:00:00.000Z'), message('old', '2026-12-01T09:00:00.000Z')],
      })?.id,
    ).toBe('new');
    expect(lastMessage({ messages: [] })).toBeNull();
  });
});

describe('firstLine', () => {
  it('is the first line with words in it, trimmed', () => {
    expect(firstLine('\n  ช่วยด้วย มีเด็กถูกทำร้าย  \r\nบ้านเลขที่ 99')).toBe('ช่วยด้วย มีเด็กถูกทำร้าย');
    expect(firstLine('บรรทัดเดียว')).toBe('บรรทัดเดียว');
  });

  it('is null when there is no text to show', () => {
    expect(firstLine(null)).toBeNull();
    expect(firstLine(' \n ')).toBeNull();
  });
});

describe('deliveryLabel', () => {
  it('shows sent or failed under staff replies, and nothing under the person’s messages', () => {
    expect(deliveryLabel({ direction: 'out', delivery: 'sent' })).toBe('sent');
    expect(deliveryLabel({ direction: 'out', delivery: 'failed' })).toBe('failed');
    expect(deliveryLabel({ direction: 'in', delivery: 'received' })).toBeNull();
  });
});

describe('messageKindLabel', () => {
  it('names the attachment kinds it knows and calls the rest "other"', () => {
    expect(messageKindLabel('sticker')).toBe('sticker');
    expect(messageKindLabel('image')).toBe('image');
    expect(messageKindLabel('unknown')).toBe('other');
    expect(messageKindLabel('template')).toBe('other');
  });
});

describe('isSendKey', () => {
  it('sends on Enter, but not on Shift+Enter or while an input method is composing', () => {
    expect(isSendKey({ key: 'Enter', shiftKey: false })).toBe(true);
    expect(isSendKey({ key: 'Enter', shiftKey: true })).toBe(false);
    expect(isSendKey({ key: 'Enter', shiftKey: false, isComposing: true })).toBe(false);
    expect(isSendKey({ key: 'a', shiftKey: false })).toBe(false);
  });
});

describe('the texts of the messages page', () => {
  it('name every message kind, delivery state and provider the page shows, in Thai and English', () => {
    for (const dictionary of [th, en]) {
      const texts = dictionary.intake.messages;
      expect(Object.keys(texts.kind).sort()).toEqual([...MESSAGE_KINDS, 'other'].sort());
      expect(Object.keys(texts.delivery).sort()).toEqual(['failed', 'sent']);
      expect(Object.keys(texts.provider).sort()).toEqual([...SocialConversation.shape.provider.options].sort());
    }
    expect(th.intake.messages.delivery).toEqual({ sent: 'ส่งแล้ว', failed: 'ส่งไม่สำเร็จ' });
  });
});
