import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Facebook Messenger through the Graph API, as far as OSCC uses it: the
 * webhook verification handshake, signatures (X-Hub-Signature-256 =
 * "sha256=" + hex HMAC-SHA-256 of the raw body under the app secret) and the
 * Send API.
 */
export interface FacebookSettings {
  appSecret: string;
  pageAccessToken: string;
  verifyToken: string;
  graphUrl: string;
}

export function verifyFacebookSignature(rawBody: string, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody, 'utf8').digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Sends a text reply to a person who wrote to the page; throws with the provider's status when it is refused. */
export async function sendFacebookText(settings: FacebookSettings, recipientId: string, text: string): Promise<void> {
  const url = `${settings.graphUrl}/v21.0/me/messages?access_token=${encodeURIComponent(settings.pageAccessToken)}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { id: recipientId }, messaging_type: 'RESPONSE', message: { text } }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Messenger send answered ${response.status}`);
}
