import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** The repository root: e2e/support/ is two levels below it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const STARTUP_DEADLINE_MS = 120_000;
const STOP_DEADLINE_MS = 15_000;

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  /** More environment for the server process (SMTP_URL for a test's own SMTP server, …). */
  env?: Record<string, string>;
}

/** Asks the operating system for a port nobody is listening on. */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

/** `unref`: a wait that should not keep the process alive (the global setup's, when the run is over). */
function sleep(ms: number, unref = false): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address of the global setup's pool of servers started ahead of time (server-pool.ts). */
    osccE2eServerPool?: string;
  }
}

/** A value the global setup provided, if this is a Vitest worker of a run that has it. */
function provided<K extends 'osccE2eDataTemplate' | 'osccE2eServerPool'>(key: K): string | undefined {
  try {
    return inject(key);
  } catch {
    return undefined; // not inside a Vitest worker
  }
}

/** The data folder the global setup prepared (global-setup.ts), if this run has one. */
function preparedDataDir(): string | undefined {
  const template = provided('osccE2eDataTemplate');
  return template && existsSync(template) ? template : undefined;
}

/**
 * Starts the real server (API + built web app) on a free port with a fresh
 * data directory, so every file begins from the same fresh database with demo
 * data: a copy of the folder the global setup prepared once for the run or,
 * without one, an empty folder the server prepares itself (the first start
 * loads the geography reference and seeds demo users, which takes a while;
 * hence the generous deadline). PUBLIC_URL is the address the browser uses,
 * so links in e-mails lead back to this server.
 *
 * A server with no environment of its own comes from the global setup's pool: the same fresh server, started
 * while the previous file ran, so no file waits for one to start.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? {};
  const pool = provided('osccE2eServerPool');
  if (pool && Object.keys(env).length === 0) return takeFromPool(pool);
  return startServerFrom(preparedDataDir(), env);
}

/** A fresh server on a copy of `template` (or on an empty folder without one); stop() removes the copy. */
export async function startServerFrom(
  template: string | undefined,
  env: Record<string, string>,
  signal?: AbortSignal,
): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'oscc-e2e-'));
  try {
    if (template) await cp(template, dataDir, { recursive: true });
    signal?.throwIfAborted();
    const server = await launchServer(dataDir, env, signal);
    return {
      baseUrl: server.baseUrl,
      async stop() {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function takeFromPool(pool: string): Promise<RunningServer> {
  const response = await fetch(`${pool}/take`, {
    method: 'POST',
    signal: AbortSignal.timeout(STARTUP_DEADLINE_MS + 30_000),
  });
  if (response.status !== 200) throw new Error(`The server pool could not give a server: ${await response.text()}`);
  const { id, baseUrl } = (await response.json()) as { id: string; baseUrl: string };
  return {
    baseUrl,
    async stop() {
      // The pool stops the server and removes its data folder in the background, and waits for that at the end.
      await fetch(`${pool}/stop/${id}`, { method: 'POST' });
    },
  };
}

/**
 * Prepares `dataDir` as startServer would on its first start (migrations, geography, demo data, the
 * field-protection keys), then stops the server cleanly, so later servers can start from a copy.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  const server = await launchServer(dataDir, {});
  // Longer than the server's own 20 s shutdown limit: a slow stop is reported as such, not cut short.
  const exit = await server.stop(30_000);
  if (exit.code !== 0) {
    throw new Error(
      `The server preparing ${dataDir} did not stop cleanly (${exit.signal ?? `code ${exit.code}`}):\n${server.output()}`,
    );
  }
  // Released on a clean stop; a copy must never look locked.
  await rm(path.join(dataDir, 'oscc.lock'), { force: true });
}

interface LaunchedServer {
  baseUrl: string;
  /** The last lines the server wrote. */
  output(): string;
  /** SIGTERM (SIGKILL after `deadlineMs`); resolves with how the process ended. */
  stop(deadlineMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the server on `dataDir` and waits until /healthz answers (or `signal` gives up on it: SIGKILL). */
async function launchServer(
  dataDir: string,
  env: Record<string, string>,
  signal?: AbortSignal,
): Promise<LaunchedServer> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output: string[] = [];

  const child = spawn(process.execPath, ['server/bin/start.mjs'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      PUBLIC_URL: baseUrl,
      // The suites count case numbers from the first; the synthetic demo contacts are tested on the API.
      DEMO_CONTACTS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept for the failure message only: a server that will not start should say why.
  const remember = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);

  const stop = async (deadlineMs = STOP_DEADLINE_MS) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const exited = await Promise.race([
        waitForExit(child).then(() => true),
        sleep(deadlineMs, true).then(() => false),
      ]);
      if (!exited) {
        child.kill('SIGKILL');
        await waitForExit(child);
      }
    }
    return { code: child.exitCode, signal: child.signalCode };
  };

  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (signal?.aborted) {
      child.kill('SIGKILL');
      await waitForExit(child);
      throw new Error('The server was no longer needed before it was ready');
    }
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${output.join('')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { baseUrl, stop, output: () => output.join('') };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`The server did not answer /healthz within ${STARTUP_DEADLINE_MS / 1000} s:\n${output.join('')}`);
}
