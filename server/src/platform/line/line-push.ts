/** The LINE Messaging API's push message (POST /v2/bot/message/push), used by the intake chat and the alarms. */
export interface LineSettings {
  channelSecret: string;
  accessToken: string;
  apiUrl: string;
}

/** Sends a text to a LINE user; throws with the provider's status when LINE does not accept it. */
export async function pushLineText(settings: LineSettings, to: string, text: string): Promise<void> {
  const response = await fetch(`${settings.apiUrl}/v2/bot/message/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.accessToken}` },
    body: JSON.stringify({ to, messages: [{ type: 'text', text }] }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`LINE push answered ${response.status}`);
}
