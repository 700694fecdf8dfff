import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFrontLine1Workbook,
  generateFrontLine1People,
} from '../src/modules/people/front-line-1/build-front-line-1-fixture.ts';
import { runCli } from '../src/cli.ts';
import { createTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
let coordinator: string;
let workbook: Buffer;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await signIn(t.app, 'coordinator@oscc.example');
  const people = generateFrontLine1People(6, { emailPrefix: 'fl1', emailDomain: 'ratchaburi.example.go.th' }).map(
    (person) => ({
      ...person,
      unit: { ...person.unit, province: 'ราชบุรี' },
    }),
  );
  people[1] = { ...people[1]!, supervisorName: `${people[0]!.firstNameTh} ${people[0]!.lastNameTh}` };
  people[5] = { ...people[5]!, mobile: '02-123-4567' }; // a landline: an error row
  workbook = await buildFrontLine1Workbook({
    sheets: [{ form: 'province', placeName: 'ราชบุรี', people, misspellHeadings: true }],
  });
});
afterAll(async () => t.close());

const importFile = (apply: boolean) =>
  t.app.inject({
    method: 'POST',
    url: `/api/users/import?apply=${apply}`,
    headers: { cookie: coordinator, 'content-type': XLSX },
    payload: workbook,
  });

describe('importing the Front Line 1 workbook', () => {
  it('a dry run reports every row, in Thai, and changes nothing', async () => {
    const before = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const response = await importFile(false);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.applied).toBe(false);
    expect(report.summary).toMatchObject({ create: 5, update: 0, unchanged: 0, error: 1 });
    const bad = report.rows.find((row: { action: string }) => row.action === 'error');
    expect(bad.problems[0]).toMatchObject({ column: 'โทรศัพท์มือถือ', th: expect.stringMatching(/[ก-๙]/) });
    const after = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('apply creates the users (and missing units), links supervisors, and queues invitations', async () => {
    const report = (await importFile(true)).json();
    expect(report.applied).toBe(true);
    const imported = await t.database.db
      .selectFrom('app_user')
      .select(['email', 'supervisor_id', 'birth_date', 'mobile', 'password_hash'])
      .where('email', 'like', 'fl1%')
      .orderBy('email')
      .execute();
    expect(imported).toHaveLength(5);
    expect(imported.every((user) => user.password_hash === null && /^\+66\d{9}$/.test(user.mobile ?? ''))).toBe(true);
    expect(imported.some((user) => user.supervisor_id !== null)).toBe(true);
    const invitations = await t.database.db
      .selectFrom('outbound_email')
      .select('to_address')
      .where('to_address', 'like', 'fl1%')
      .execute();
    expect(invitations).toHaveLength(5);
  });

  it('re-importing the same file changes nothing', async () => {
    const report = (await importFile(true)).json();
    expect(report.summary).toMatchObject({ create: 0, update: 0, unchanged: 5, error: 1 });
    expect(report.applied).toBe(false);
  });

  it('is refused to people without the import permission', async () => {
    const officer = await signIn(t.app, 'officer@oscc.example');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users/import',
      headers: { cookie: officer, 'content-type': XLSX },
      payload: workbook,
    });
    expect(response.statusCode).toBe(403);
  });

  // The command line works on the embedded database in a folder whatever DATABASE_URL says: CI's PostgreSQL pass
  // would only repeat it.
  it.skipIf(!!process.env.DATABASE_URL)(
    'is available from the command line, dry run by default',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oscc-import-'));
      const file = path.join(dir, 'front-line-1.xlsx');
      fs.writeFileSync(
        file,
        await buildFrontLine1Workbook({
          sheets: [
            {
              form: 'local',
              people: generateFrontLine1People(3, { emailPrefix: 'cli' }).map((p) => ({
                ...p,
                unit: { ...p.unit, province: 'ราชบุรี' },
              })),
            },
          ],
        }),
      );
      const out: string[] = [];
      const io = {
        out: (s: string) => out.push(s),
        err: (s: string) => out.push(s),
        env: { DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' },
        cwd: dir,
        readStdin: async () => '',
      };
      expect(await runCli(['seed-demo'], io)).toBe(0);
      expect(await runCli(['import-users', 'front-line-1.xlsx'], io)).toBe(0);
      expect(out.join('\n')).toContain('สรุป: สร้างใหม่ 3');
      expect(out.join('\n')).toContain('Dry run only');
      expect(await runCli(['import-users', 'front-line-1.xlsx', '--apply'], io)).toBe(0);
      out.length = 0;
      expect(await runCli(['import-users', 'front-line-1.xlsx'], io)).toBe(0);
      expect(out.join('\n')).toContain('ไม่เปลี่ยนแปลง 3');

      // Units come in the same way (npx oscc import-units FILE [--apply]).
      fs.writeFileSync(
        path.join(dir, 'units.csv'),
        'รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภทหน่วยงาน,สังกัด,จังหวัด,เวลาทำการ\nNGO-70-CLI,มูลนิธิทดสอบ,ngo,MSDHS,ราชบุรี,เวลาราชการ\n',
      );
      out.length = 0;
      expect(await runCli(['import-units', 'units.csv'], io)).toBe(0);
      expect(out.join('\n')).toContain('สรุป: สร้างใหม่ 1, ปรับปรุง 0, ไม่เปลี่ยนแปลง 0, ผิดพลาด 0');
      expect(await runCli(['import-units', 'units.csv', '--apply'], io)).toBe(0);
      out.length = 0;
      expect(await runCli(['import-units', 'units.csv'], io)).toBe(0);
      expect(out.join('\n')).toContain('ไม่เปลี่ยนแปลง 1');
      fs.rmSync(dir, { recursive: true, force: true });
    },
    120_000,
  );
});
