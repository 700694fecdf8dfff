import { TriageConversationRequest, type SocialConversation } from '@oscc/contract';
import { describe, expect, it } from 'vitest';
import { emptyTriageForm, inboundNarrative, toTriageRequest, TRIAGE_OUTCOMES } from './conversation-triage.ts';

type Message = SocialConversation['messages'][number];
const message = (overrides: Partial<Message>): Message => ({
  id: crypto.randomUUID(),
  direction: 'in',
  kind: 'text',
  text: null,
  delivery: 'received',
  createdAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

const conversation = {
  messages: [
    message({ text: 'อยู่ในเมืองราชบุรีค่ะ', createdAt: '2026-12-01T10:02:00.000Z' }),
    message({
      direction: 'out',
      delivery: 'sent',
      text: 'ศูนย์ 1300 รับเรื่องแล้วค่ะ',
      createdAt: '2026-12-01T10:01:00.000Z',
    }),
    message({ text: '  น้องสาวถูกทำร้าย  ', createdAt: '2026-12-01T10:00:00.000Z' }),
    message({ kind: 'sticker', createdAt: '2026-12-01T10:03:00.000Z' }),
  ],
};

describe('triaging a LINE or Facebook conversation', () => {
  it('offers the hotline console’s outcomes, in its order, without “pending”', () => {
    expect(TRIAGE_OUTCOMES).toEqual([
      'advice',
      'information',
      'referred_elsewhere',
      'prank',
      'silent',
      'wrong_number',
      'case',
    ]);
  });

  it('starts the narrative from what the person wrote, oldest first, without staff replies or stickers', () => {
    expect(inboundNarrative(conversation)).toBe('น้องสาวถูกทำร้าย\nอยู่ในเมืองราชบุรีค่ะ');
    expect(emptyTriageForm(conversation).narrative).toBe('น้องสาวถูกทำร้าย\nอยู่ในเมืองราชบุรีค่ะ');
    expect(emptyTriageForm(conversation).outcome).toBeNull();
  });

  it('sends only the outcome (and a summary when given) for a quick outcome', () => {
    const form = { ...emptyTriageForm(conversation), outcome: 'advice' as const, summary: ' ' };
    expect(toTriageRequest(form)).toEqual({ outcome: 'advice' });
    expect(toTriageRequest({ ...form, summary: ' ให้คำแนะนำแล้ว ' })).toEqual({
      outcome: 'advice',
      summary: 'ให้คำแนะนำแล้ว',
    });
  });

  it('sends the case for the outcome “case”, as the contract takes it', () => {
    const request = toTriageRequest({
      ...emptyTriageForm(conversation),
      outcome: 'case',
      problemTypes: ['violence'],
      place: { provinceCode: '70', districtCode: '7001', subdistrictCode: '' },
      relation: 'family',
    });
    expect(request.case?.location).toEqual({ areaCode: '7001' });
    expect(request.case?.narrative).toBe('น้องสาวถูกทำร้าย\nอยู่ในเมืองราชบุรีค่ะ');
    expect(request).not.toHaveProperty('channel');
    expect(TriageConversationRequest.safeParse(request).success).toBe(true);
  });

  it('hands the case to the social worker chosen', () => {
    const request = toTriageRequest({
      ...emptyTriageForm(conversation),
      outcome: 'case',
      problemTypes: ['violence'],
      place: { provinceCode: '70', districtCode: '', subdistrictCode: '' },
      handTo: '4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6',
    });
    expect(request.handTo).toBe('4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6');
    expect(TriageConversationRequest.safeParse(request).success).toBe(true);
    expect(
      toTriageRequest({
        ...emptyTriageForm(conversation),
        outcome: 'advice',
        handTo: '4f2c9a7e-1b3d-4c5e-8f60-718293a4b5c6',
      }),
    ).toEqual({
      outcome: 'advice',
    });
  });
});
