import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The LINE Messaging API, as far as OSCC uses it: webhook signatures
 * (X-Line-Signature = base64 HMAC-SHA-256 of the raw body under the channel
 * secret) and push messages (POST /v2/bot/message/push).
 */
export { pushLineText, type LineSettings } from '../../platform/line/line-push.ts';

export function verifyLineSignature(rawBody: string, signature: string | undefined, channelSecret: string): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', channelSecret).update(rawBody, 'utf8').digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
