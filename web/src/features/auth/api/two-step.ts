import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';

export interface TotpEnrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Starts (or restarts) set-up: a new secret each time, so it is a mutation, not a cached query. */
export function useStartTotpSetup() {
  return useMutation({
    mutationFn: () => apiRequest<TotpEnrolment>('/api/auth/totp/setup', { method: 'POST', body: {} }),
  });
}

export function useConfirmTotp() {
  return useMutation({
    mutationFn: (code: string) =>
      apiRequest<{ recoveryCodes: string[] }>('/api/auth/totp/confirm', { method: 'POST', body: { code } }),
  });
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type by hand. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** The QR code as an image source: the SVG never becomes part of the page's markup, so it cannot run anything. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
