import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the real server (API + built web app) on a free port with an empty
 * data directory, so every run begins from a fresh database with demo data.
 * The first start loads the geography reference and seeds demo users, which
 * takes a while; hence the generous deadline. PUBLIC_URL is the address the
 * browser uses, so links in e-mails lead back to this server.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = await findFreePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'oscc-e2e-'));
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
      ...options.env,
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

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const exited = await Promise.race([
        waitForExit(child).then(() => true),
        sleep(STOP_DEADLINE_MS).then(() => false),
      ]);
      if (!exited) {
        child.kill('SIGKILL');
        await waitForExit(child);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${output.join('')}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { baseUrl, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`The server did not answer /healthz within ${STARTUP_DEADLINE_MS / 1000} s:\n${output.join('')}`);
}
