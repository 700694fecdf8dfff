import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One OSCC process (`node bin/start.mjs`, or with `--worker`) started by a test, with its output kept. */
export interface OsccProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its log lines at level error (50) or above. */
  errorLines(): string[];
  /** The sum of `field` over its JSON log lines whose message is `msg`. */
  sumLogged(msg: string, field: string): number;
  /** Whether it is still running. */
  running(): boolean;
  /** Resolves when it exits (at once when it already has). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits until its output matches `pattern`; rejects when it exits first or the time runs out. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  stop(signal: NodeJS.Signals, graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node server/bin/start.mjs` (`mode` worker: with `--worker`) with `env` — the whole environment the
 * process gets, so nothing of the test runner's leaks in by accident.
 */
export function startOscc(name: string, mode: 'server' | 'worker', env: Record<string, string>): OsccProcess {
  const child = spawn(process.execPath, ['bin/start.mjs', ...(mode === 'worker' ? ['--worker'] : [])], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      for (const waiter of [...waiters]) waiter();
      resolve(exit);
    });
  });

  const handle: OsccProcess = {
    name,
    child,
    exited,
    output: () => text,
    errorLines: () =>
      text.split('\n').filter((line) => {
        const level = /^\{"level":(\d+)/.exec(line)?.[1];
        return level !== undefined && Number(level) >= 50;
      }),
    sumLogged: (msg, field) =>
      text.split('\n').reduce((sum, line) => {
        if (!line.startsWith('{') || !line.includes(`"msg":${JSON.stringify(msg)}`)) return sum;
        const value = (JSON.parse(line) as Record<string, unknown>)[field];
        return sum + (typeof value === 'number' ? value : 0);
      }, 0),
    running: () => exit === null,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text);
          if (match) {
            done();
            resolve(match);
          } else if (exit) {
            done();
            reject(new Error(`${name} exited (${JSON.stringify(exit)}) before ${pattern}:\n${text.slice(-4000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name}: no ${pattern} within ${timeoutMs} ms:\n${text.slice(-4000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal, graceMs = 25_000) {
      if (exit) return exit;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return handle;
}

/** The value at quantile `q` (0…1) of numbers sorted ascending. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers a value that is not undefined; throws after `timeoutMs` with `describe()`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  describe: () => Promise<string> | string,
  everyMs = 200,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await sleep(everyMs);
  }
}
