import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSmtpSink, type ReceivedMail } from '../../server/test/smtp-sink.ts';
import { openBrowser } from './browser.ts';
import { newContext, SCREENSHOTS } from './pages.ts';
import { startServer, type RunningServer } from './server.ts';

type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

export interface AppUnderTest {
  newContext(options: { width: number; height: number; mobile?: boolean }): Promise<BrowserContext>;
  /** The address the browser and the e-mailed links use. */
  baseUrl(): string;
  /**
   * The first e-mail the server sent that `matches` (with `smtp: true`), waiting for it: the server sends from
   * its outbox in a background job, so the message arrives a moment after the request that queued it.
   */
  waitForMail(matches: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
}

/**
 * One real server (fresh data folder) for a test file, and the run's Chromium (or one of its own without the
 * global setup), ready before its tests and stopped (disconnected) after them. With `smtp: true` the
 * server sends its e-mails to a real SMTP server inside the test process.
 */
export function useAppUnderTest(
  options: {
    smtp?: boolean;
    /**
     * More environment for the server, asked for just before it starts — so a test can first start what the
     * server should talk to (a local server playing LINE's API) and point it there.
     */
    env?: () => Promise<Record<string, string>>;
  } = {},
): AppUnderTest {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let smtp: SmtpSink | undefined;
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    if (options.smtp) smtp = await startSmtpSink();
    const env: Record<string, string> = {
      ...(smtp ? { SMTP_URL: smtp.url } : {}),
      ...(options.env ? await options.env() : {}),
    };
    [server, browser] = await Promise.all([startServer({ env }), openBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });
  return {
    newContext(contextOptions) {
      if (!server || !browser) throw new Error('the app under test has not started');
      return newContext(browser, server.baseUrl, contextOptions);
    },
    baseUrl() {
      if (!server) throw new Error('the app under test has not started');
      return server.baseUrl;
    },
    async waitForMail(matches, timeoutMs = 30_000) {
      if (!smtp) throw new Error('start the app with { smtp: true } to receive its e-mails');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = smtp.messages.find(matches);
        if (found) return found;
        if (Date.now() > deadline) {
          const received = smtp.messages.map((mail) => `${mail.to}: ${mail.subject}`).join('\n') || '(none)';
          throw new Error(`no matching e-mail within ${timeoutMs / 1000} s; received:\n${received}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
