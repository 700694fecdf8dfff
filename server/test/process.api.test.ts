import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscc-process-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the server process', () => {
  it('starts on an empty data folder, prints the demo sign-ins, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/start.mjs'], {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        // A small demo centre: the full one is measured by `npm start`, not here.
        DEMO_CONTACTS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const deadline = Date.now() + 90_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline) {
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(healthy).toBe(true);
    expect(output).toContain('admin@oscc.example');
    expect(output).toContain('oscc-demo-1300');

    // A search term (it could be a name or a phone number) must not reach the logs.
    expect((await fetch(`http://127.0.0.1:${port}/api/geography/search?q=needle-0812345678`)).status).toBe(200);

    // The embedded database belongs to this process: the CLI is kept out while it runs.
    const cli = spawn(process.execPath, ['bin/oscc.mjs', 'migrate'], {
      cwd: serverDir,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let cliOutput = '';
    cli.stderr.on('data', (chunk: Buffer) => (cliOutput += chunk.toString()));
    expect(await new Promise((resolve) => cli.on('exit', resolve))).toBe(1);
    expect(cliOutput).toContain('is in use by process');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutdown complete');
    // Structured logs carry no personal data: no e-mail addresses in JSON log lines.
    const logLines = output.split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toMatch(/@oscc\.example/);
    expect(logLines.some((line) => line.includes('/api/geography/search'))).toBe(true);
    expect(output).not.toContain('0812345678');
  }, 120_000);
});
