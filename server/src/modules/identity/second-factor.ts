import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * TOTP (RFC 6238: 6 digits, 30 s, SHA-1 — what every authenticator app
 * reads) with one step of clock drift allowed either way, and single-use
 * recovery codes for a lost phone.
 */
const ISSUER = 'OSCC 1300';

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function totpEnrolment(secretBase32: string, email: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = totpFor(secretBase32, email).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { uri, qrSvg };
}

/**
 * The 30-second step whose code `code` is — the step of `at`, or the one
 * before or after it (clock drift) — or null. The caller refuses a step at or
 * before the last one accepted, so a code works once.
 */
export function verifyTotp(secretBase32: string, code: string, at: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32, 'check').validate({ token, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 30_000) + delta;
}

/** The code an authenticator shows at `at` (for tests and the demo tooling). */
export function currentTotp(secretBase32: string, at: Date): string {
  return totpFor(secretBase32, 'check').generate({ timestamp: at.getTime() });
}

/** Ten recovery codes like "k7qm-2xfd-9prt", shown once; only their hashes are kept. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}
