import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { newContext, SCREENSHOTS } from './pages.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * One real server (fresh data folder) and one Chromium for a test file,
 * started before its tests and stopped after them.
 */
export function useAppUnderTest(): {
  newContext(options: { width: number; height: number; mobile?: boolean }): Promise<BrowserContext>;
} {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    newContext(options) {
      if (!server || !browser) throw new Error('the app under test has not started');
      return newContext(browser, server.baseUrl, options);
    },
  };
}
