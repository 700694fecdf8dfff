import { chromium, type Browser, type BrowserServer, type LaunchOptions } from 'playwright-core';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The WebSocket address of the Chromium the global setup launched once for the run. */
    osccE2eBrowser?: string;
  }
}

/** Debian's Chromium by default (CI installs it with apt); CHROMIUM_PATH points elsewhere. */
function launchOptions(): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions());
}

/** One Chromium for the whole run (the global setup's), which every file connects to with its own contexts. */
export async function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(launchOptions());
}

/** The run's shared Chromium when the global setup launched one, else a Chromium of this file's own. */
export async function openBrowser(): Promise<Browser> {
  let endpoint: string | undefined;
  try {
    endpoint = inject('osccE2eBrowser');
  } catch {
    // not inside a Vitest worker
  }
  return endpoint ? chromium.connect(endpoint) : launchBrowser();
}
