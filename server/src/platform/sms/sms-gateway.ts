/**
 * SMS through an HTTP gateway. Thai operators are reached through SMS
 * providers, each with its own API; the adapter is chosen by configuration:
 *  - `json`: POST {to, text, sender} as JSON with `Authorization: Bearer <token>`
 *    (a generic gateway, or one's own relay);
 *  - `thaibulksms`: POST a form (msisdn, message, sender) with HTTP basic
 *    auth `<key>:<secret>` as the token — ThaiBulkSMS's API v2.
 * A gateway that does not answer 2xx within 10 s is an error the caller retries.
 */
export interface SmsSettings {
  url: string;
  token: string | null;
  provider: 'json' | 'thaibulksms';
  sender: string;
}

export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

/** A Thai mobile number as the providers want it: 66 and nine digits. */
export function toMsisdn(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.startsWith('66')) return digits;
  if (digits.startsWith('0')) return `66${digits.slice(1)}`;
  return digits;
}

export function createSmsSender(settings: SmsSettings): SmsSender {
  return {
    async send(to, text) {
      const msisdn = toMsisdn(to);
      const response =
        settings.provider === 'thaibulksms'
          ? await fetch(settings.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                ...(settings.token ? { authorization: `Basic ${Buffer.from(settings.token).toString('base64')}` } : {}),
              },
              body: new URLSearchParams({ msisdn, message: text, sender: settings.sender }).toString(),
              signal: AbortSignal.timeout(10_000),
            })
          : await fetch(settings.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
              },
              body: JSON.stringify({ to: msisdn, text, sender: settings.sender }),
              signal: AbortSignal.timeout(10_000),
            });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}
