import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { signIn, visible, WAIT_MS } from './pages.ts';

/** What an authenticator app would show for this secret, `stepsAhead` periods of 30 s from now. */
export function authenticatorCode(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/**
 * Signs in someone whose role needs two-step verification and who has not set it up (the demo administrator on a
 * fresh server): sets it up as a person would, from the secret shown for manual entry, and lands on the home page.
 * Returns the secret, for the codes of later sign-ins.
 */
export async function signInAndSetUpTwoStep(page: Page, email: string, password: string): Promise<string> {
  await page.goto('/sign-in');
  await signIn(page, email, password);
  await page.waitForURL('**/two-step-setup', { timeout: WAIT_MS });
  const secret = (await (await visible(page.locator('.secret'))).innerText()).replace(/\s+/g, '');
  await page.getByLabel('รหัส 6 หลักที่แอปแสดง').fill(authenticatorCode(secret));
  await page.getByRole('button', { name: 'ยืนยันและเปิดใช้งาน' }).click();
  await visible(page.getByRole('heading', { name: 'รหัสสำรองของคุณ' }));
  await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: WAIT_MS });
  return secret;
}
