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

// `npm start` on the embedded database (DATABASE_URL emptied): CI's PostgreSQL pass would only repeat it.
describe.skipIf(!!process.env.DATABASE_URL)('the server process', () => {
  it('starts on an empty data folder, prints the demo sign-ins, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/start.mjs'], {
      cwd: serverDir,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        // The most a log can say: what debug logs, production logs less of.
        LOG_LEVEL: 'debug',
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

    // An intake with every kind of personal data, through the public form and the hotline console — and the
    // same data in requests that fail (validation, a bad ID number, a malformed body) — then the logs are read.
    await intakeWithPersonalData(`http://127.0.0.1:${port}`);

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
    // The intake's requests were logged (by their route pattern) — the scan below reads real lines about them.
    for (const route of ['/api/public/reports', '/api/intake/contacts', '/api/cases/:id'])
      expect(
        logLines.some((line) => line.includes(route)),
        route,
      ).toBe(true);
    expect(output).not.toContain('0812345678');
    // None of the intake's personal data in anything the process wrote: its logs (debug level), the e-mails it
    // wrote to its outbox folder.
    const written = [output, ...filesUnder(path.join(dataDir, 'mail')).map((file) => fs.readFileSync(file, 'utf8'))];
    for (const text of written) for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
  }, 120_000);
});

/** Personal data sent in the intake, each as it could show up (also the number as it is stored normalised). */
const PERSON = {
  name: 'นางสาวลับเฉพาะ ไม่ควรปรากฏ',
  phone: '0897654321',
  idNumber: '1101200023452',
  narrative: 'ผู้เสียหายถูกกักขังในห้องเช่าซอยลับเฉพาะ',
  address: 'บ้านเลขที่ 77/7 ซอยความลับ',
};
const SECRETS = [PERSON.name, 'ลับเฉพาะ', '897654321', PERSON.idNumber, PERSON.narrative, 'ซอยความลับ'];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

async function intakeWithPersonalData(base: string): Promise<void> {
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const location = { areaCode: '700101', address: PERSON.address };
  // The public form: accepted, then refused twice (bad body, no consent) with the same data in it.
  const report = {
    problemTypes: ['human_trafficking'],
    location,
    narrative: PERSON.narrative,
    reporter: { anonymous: false, relation: 'family', name: PERSON.name, phone: PERSON.phone },
    consent: true,
  };
  expect((await fetch(`${base}/api/public/reports`, json(report))).status).toBe(201);
  expect((await fetch(`${base}/api/public/reports`, json({ ...report, consent: false }))).status).toBe(400);
  expect(
    (
      await fetch(`${base}/api/public/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"narrative": "${PERSON.narrative}", "reporter": {"name": "${PERSON.name}"`,
      })
    ).status,
  ).toBe(400);

  // The hotline console, signed in as the call taker.
  const signIn = await fetch(
    `${base}/api/auth/sign-in`,
    json({ email: 'calltaker@oscc.example', password: 'oscc-demo-1300' }),
  );
  expect(signIn.status).toBe(200);
  const cookies = signIn.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
  const csrf = cookies.find((cookie) => cookie.startsWith('oscc_csrf='))!.slice('oscc_csrf='.length);
  const staff = { cookie: cookies.join('; '), 'x-csrf-token': csrf };
  const contact = {
    channel: 'hotline',
    callerPhone: PERSON.phone,
    outcome: 'case',
    case: {
      problemTypes: ['human_trafficking'],
      location,
      narrative: PERSON.narrative,
      people: [
        {
          role: 'victim',
          name: PERSON.name,
          idType: 'thai_id',
          idNumber: PERSON.idNumber,
          sex: 'female',
          phone: PERSON.phone,
        },
      ],
    },
  };
  const recorded = await fetch(`${base}/api/intake/contacts`, json(contact, staff));
  expect(recorded.status).toBe(201);
  const caseId = ((await recorded.json()) as { case: { id: string } }).case.id;
  // A wrong check digit, the number in a search, a read of the case: all leave the data out of the logs.
  const badId = structuredClone(contact);
  badId.case.people[0]!.idNumber = '1101200023453';
  expect((await fetch(`${base}/api/intake/contacts`, json(badId, staff))).status).toBe(400);
  expect((await fetch(`${base}/api/intake/callers?phone=${PERSON.phone}`, { headers: staff })).status).toBe(200);
  expect((await fetch(`${base}/api/cases/${caseId}`, { headers: staff })).status).toBe(200);
  // Without the CSRF token: refused, and the refusal is logged without the body.
  expect((await fetch(`${base}/api/intake/contacts`, json(contact, { cookie: staff.cookie }))).status).toBe(403);
}
