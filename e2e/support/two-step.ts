import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { csrfHeaders, openHome } from './pages.ts';

/** What an authenticator app would show for this secret, `stepsAhead` periods of 30 s from now. */
export function authenticatorCode(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/**
 * Signs in someone whose role needs two-step verification and who has not set it up (the demo administrator on a
 * fresh server), sets it up with a code made from its secret, and opens the home page, once its menu is shown.
 * Returns the secret, for the codes of later sign-ins. For tests about what comes after: it asks the API as the
 * sign-in and set-up pages do, which spares loading the app twice and the pages' steps (two-step.e2e.test.ts
 * tests those pages, as a person goes through them).
 */
export async function signInAndSetUpTwoStep(page: Page, email: string, password: string): Promise<string> {
  const answer = async (step: string, response: Awaited<ReturnType<Page['request']['post']>>) => {
    const body: unknown = await response.json();
    if (response.status() !== 200)
      throw new Error(`${step} for ${email}: ${response.status()} ${JSON.stringify(body)}`);
    return body;
  };
  const signedIn = (await answer(
    'sign-in',
    await page.request.post('/api/auth/sign-in', { data: { email, password } }),
  )) as { status?: string; secondFactor?: string };
  if (signedIn.status !== 'signed_in' || signedIn.secondFactor !== 'enrolment_required') {
    throw new Error(`${email} was not asked to set up two-step verification: ${JSON.stringify(signedIn)}`);
  }
  const { secret } = (await answer(
    'two-step set-up',
    await page.request.post('/api/auth/totp/setup', { headers: await csrfHeaders(page), data: {} }),
  )) as { secret: string };
  const confirmed = (await answer(
    'two-step confirmation',
    await page.request.post('/api/auth/totp/confirm', {
      headers: await csrfHeaders(page),
      data: { code: authenticatorCode(secret) },
    }),
  )) as { recoveryCodes?: string[] };
  if (!confirmed.recoveryCodes?.length) throw new Error(`no recovery codes for ${email}: ${JSON.stringify(confirmed)}`);
  await openHome(page);
  return secret;
}
