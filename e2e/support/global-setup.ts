import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchBrowserServer } from './browser.ts';
import { startServerPool } from './server-pool.ts';
import { prepareDataDir } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server data folder prepared once for the run, which startServer copies for each file. */
    osccE2eDataTemplate?: string;
  }
}

/**
 * Global setup of the `e2e` project: one server start on an empty data folder does the slow first-start
 * work (migrations, geography, demo data, keys) once; every file's server then starts from its own copy —
 * most of them ahead of time, in a pool, while the file before runs. One Chromium serves the whole run;
 * each file connects to it and works in contexts of its own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await mkdtemp(path.join(tmpdir(), 'oscc-e2e-template-'));
  const [prepared, browser] = await Promise.allSettled([prepareDataDir(template), launchBrowserServer()]);
  if (prepared.status === 'rejected' || browser.status === 'rejected') {
    if (browser.status === 'fulfilled') await browser.value.close();
    await rm(template, { recursive: true, force: true });
    throw prepared.status === 'rejected' ? prepared.reason : (browser as PromiseRejectedResult).reason;
  }
  const pool = await startServerPool(template);
  project.provide('osccE2eDataTemplate', template);
  project.provide('osccE2eServerPool', pool.url);
  project.provide('osccE2eBrowser', browser.value.wsEndpoint());
  return async () => {
    await Promise.all([pool.close(), browser.value.close()]);
    await rm(template, { recursive: true, force: true });
  };
}
