import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The LINE Messaging API, as far as OSCC uses it: webhook signatures
 * (X-Line-Signature = base64 HMAC-SHA-256 of the raw body under the channel
 * secret) and push messages (POST /v2/bot/message/push).
 */
export { pushLineText, type LineSettings } from '../../platform/line/line-push.ts';

/** The parts of a webhook body OSCC reads (https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects). */
export interface LineWebhookBody {
  destination?: string;
  events?: {
    type?: string;
    webhookEventId?: string;
    timestamp?: number;
    deliveryContext?: { isRedelivery?: boolean };
    source?: { type?: string; userId?: string };
    message?: { id?: string; type?: string; text?: string };
  }[];
}

export function verifyLineSignature(rawBody: string, signature: string | undefined, channelSecret: string): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', channelSecret).update(rawBody, 'utf8').digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
