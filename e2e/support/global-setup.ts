import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDataDir } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server data folder prepared once for the run, which startServer copies for each file. */
    osccE2eDataTemplate?: string;
  }
}

/**
 * Global setup of the `e2e` project: one server start on an empty data folder does the slow first-start
 * work (migrations, geography, demo data, keys) once; every file's server then starts from its own copy.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await mkdtemp(path.join(tmpdir(), 'oscc-e2e-template-'));
  try {
    await prepareDataDir(template);
  } catch (error) {
    await rm(template, { recursive: true, force: true });
    throw error;
  }
  project.provide('osccE2eDataTemplate', template);
  return async () => {
    await rm(template, { recursive: true, force: true });
  };
}
