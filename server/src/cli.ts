import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import pino from 'pino';
import { z } from 'zod';
import { prepareDatabase } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './modules/demo/index.ts';
import { createUsersRepository, hashPassword, passwordProblems } from './modules/identity/index.ts';
import { createUnitImportService } from './modules/organisations/index.ts';
import { createUserImportService } from './modules/people/index.ts';
import { anonymiseDueCases, rotateFieldKeys } from './modules/privacy/index.ts';
import { CONSOLE_OPERATOR } from './platform/authorization/console-operator.ts';
import { systemClock } from './platform/clock.ts';
import { sealAuditEvents, verifyAuditChain } from './platform/audit/audit-chain.ts';
import { resolveFieldKeys } from './platform/crypto/field-keys.ts';
import { createFieldProtector, generateFieldKeys } from './platform/crypto/field-protection.ts';
import { backupDatabase, restoreDatabase, RestoreRefusedError } from './platform/db/backup.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads all of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // The CLI is a process entry point like main.ts: it hands the environment to loadConfig.
  // eslint-disable-next-line no-restricted-properties
  env: process.env,
  cwd: process.cwd(),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

const AdminInput = z.object({
  email: z.email(),
  firstName: z.string().trim().min(1),
  lastName: z.string().trim().min(1),
});

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  // Needs no configuration (it is how the configuration of a PostgreSQL installation begins).
  if (argv[0] === 'generate-keys') {
    const keys = generateFieldKeys();
    io.out('# Keys that protect identifying fields. Give the same two to every API and worker process;');
    io.out('# keep them in your secret store and never lose them: without them protected data cannot be read.');
    io.out(`FIELD_KEYS=${keys.fieldKeys}`);
    io.out(`FIELD_HASH_KEY=${keys.hashKey}`);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(io.env, io.cwd);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 78;
    }
    throw error;
  }
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  let exitCode = 0;

  const withDatabase = async (work: (database: DatabaseHandle) => Promise<void>) => {
    const database = await openDatabase(config.database);
    try {
      await work(database);
    } finally {
      await database.close();
    }
  };

  const program = new Command()
    .name('oscc')
    .description('OSCC operators’ commands. Configuration comes from the same environment variables as the server.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });

  program
    .command('generate-keys')
    .description('print new FIELD_KEYS and FIELD_HASH_KEY for a PostgreSQL installation (needs no configuration)');

  program
    .command('migrate')
    .description('apply pending database migrations and load reference data (roles, geography)')
    .action(async () => {
      await withDatabase(async (database) => {
        const outcome = await prepareDatabase(database, systemClock, { demoData: false, log });
        io.out(
          outcome.migrationsApplied.length
            ? `Applied ${outcome.migrationsApplied.length} migration(s): ${outcome.migrationsApplied.join(', ')}`
            : 'The database is up to date.',
        );
        io.out(`Geography reference ${outcome.geography === 'loaded' ? 'loaded' : 'unchanged'}.`);
      });
    });

  program
    .command('seed-demo')
    .description('load the demo data set (agencies, units, one account per role) if it is not there yet')
    .action(async () => {
      await withDatabase(async (database) => {
        await prepareDatabase(database, systemClock, { demoData: false, log });
        const result = await seedDemo(database.db, systemClock);
        io.out(
          result.seeded
            ? `Demo data seeded: ${result.agencies} agencies, ${result.units} units.`
            : 'The demo data is already there.',
        );
        io.out(`Demo sign-ins (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`);
      });
    });

  program
    .command('create-admin')
    .description('create a central administrator (nationwide scope)')
    .requiredOption('--email <email>', 'their e-mail address (their sign-in name)')
    .requiredOption('--first-name <name>', 'first name in Thai')
    .requiredOption('--last-name <name>', 'last name in Thai')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .action(async (options: { email: string; firstName: string; lastName: string; passwordStdin?: boolean }) => {
      const input = AdminInput.safeParse(options);
      if (!input.success) {
        io.err(
          `Invalid input: ${input.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
        );
        exitCode = 2;
        return;
      }
      const generated = !options.passwordStdin;
      const password = generated ? randomBytes(18).toString('base64url') : (await io.readStdin()).replace(/\r?\n$/, '');
      const problems = passwordProblems(password);
      if (problems.length) {
        io.err(`The password needs ${problems.join(', ')}.`);
        exitCode = 2;
        return;
      }
      await withDatabase(async (database) => {
        await prepareDatabase(database, systemClock, { demoData: false, log });
        const users = createUsersRepository(database.db);
        if (await users.findIdByEmail(input.data.email)) {
          io.err(`A user with the e-mail ${input.data.email} already exists.`);
          exitCode = 1;
          return;
        }
        const passwordHash = await hashPassword(password);
        await database.db.transaction().execute(async (trx) => {
          const repository = createUsersRepository(trx);
          const userId = await repository.insert(
            {
              email: input.data.email,
              passwordHash,
              firstNameTh: input.data.firstName,
              lastNameTh: input.data.lastName,
            },
            systemClock.now(),
          );
          await repository.assignRole(userId, { role: 'central_admin', scopeLevel: 'nation' });
        });
        io.out(`Created central administrator ${input.data.email.toLowerCase()}.`);
        if (generated) io.out(`Password (shown once, give it over a safe channel): ${password}`);
      });
    });

  program
    .command('import-users')
    .description('import the Front Line 1 workbook (.xlsx or .csv): a dry run that reports every row, or --apply')
    .argument('<file>', 'the workbook')
    .option('--apply', 'create and update the users and units (default: dry run only)')
    .option('--agency <code>', 'agency of units the workbook names that do not exist yet', 'MOI-DLA')
    .action(async (file: string, options: { apply?: boolean; agency: string }) => {
      const filePath = path.resolve(io.cwd, file);
      if (!fs.existsSync(filePath)) {
        io.err(`No such file: ${filePath}`);
        exitCode = 2;
        return;
      }
      await withDatabase(async (database) => {
        await prepareDatabase(database, systemClock, { demoData: false, log });
        const importer = createUserImportService({
          db: database.db,
          clock: systemClock,
          appUrl: config.appUrl,
          invitationTtlHours: config.invitationTtlHours,
        });
        const report = await importer.importFile(
          CONSOLE_OPERATOR,
          { name: path.basename(filePath), content: fs.readFileSync(filePath) },
          { apply: !!options.apply, agencyCode: options.agency, auditActorId: null },
        );
        for (const sheet of report.sheets) {
          io.out(
            `แผ่นงาน ${sheet.name} (${sheet.form}${sheet.placeName ? `, ${sheet.placeName}` : ''}): ${sheet.rows} แถว`,
          );
          for (const problem of sheet.problems) io.out(`  ! ${problem.th}`);
        }
        const label = { create: 'สร้างใหม่', update: 'ปรับปรุง', unchanged: 'ไม่เปลี่ยนแปลง', error: 'ผิดพลาด' } as const;
        for (const row of report.rows) {
          const detail =
            row.action === 'error'
              ? row.problems.map((p) => `${p.column}: ${p.th}`).join('; ')
              : row.action === 'update'
                ? row.changes.join(', ')
                : row.unit?.action === 'create'
                  ? `หน่วยงานใหม่ ${row.unit.name}`
                  : '';
          io.out(
            `  ${row.sheet} แถว ${row.rowNumber}\t${label[row.action]}\t${row.email ?? '-'}\t${row.nameTh}${detail ? `\t${detail}` : ''}`,
          );
        }
        const s = report.summary;
        io.out(
          `สรุป: สร้างใหม่ ${s.create}, ปรับปรุง ${s.update}, ไม่เปลี่ยนแปลง ${s.unchanged}, ผิดพลาด ${s.error}, หน่วยงานใหม่ ${s.unitsToCreate}`,
        );
        io.out(
          report.applied
            ? 'นำเข้าแล้ว (applied); invitations are queued in the outbox.'
            : 'Dry run only: nothing was changed. Run again with --apply to import.',
        );
        if (s.error > 0 && !report.applied) exitCode = 3;
      });
    });

  program
    .command('import-units')
    .description('import units from .xlsx or .csv (matched by code): a dry run that reports every row, or --apply')
    .argument('<file>', 'the spreadsheet')
    .option('--apply', 'create and update the units (default: dry run only)')
    .action(async (file: string, options: { apply?: boolean }) => {
      const filePath = path.resolve(io.cwd, file);
      if (!fs.existsSync(filePath)) {
        io.err(`No such file: ${filePath}`);
        exitCode = 2;
        return;
      }
      await withDatabase(async (database) => {
        await prepareDatabase(database, systemClock, { demoData: false, log });
        const report = await createUnitImportService({ db: database.db, clock: systemClock }).importFile(
          CONSOLE_OPERATOR,
          { name: path.basename(filePath), content: fs.readFileSync(filePath) },
          { apply: !!options.apply, auditActorId: null },
        );
        for (const problem of report.problems) io.out(`! ${problem.th}`);
        const label = { create: 'สร้างใหม่', update: 'ปรับปรุง', unchanged: 'ไม่เปลี่ยนแปลง', error: 'ผิดพลาด' } as const;
        for (const row of report.rows) {
          if (row.action === 'unchanged') continue;
          const detail =
            row.action === 'error'
              ? row.problems.map((p) => `${p.column}: ${p.th}`).join('; ')
              : row.changes.join(', ');
          io.out(
            `  ${row.sheet} แถว ${row.rowNumber}\t${label[row.action]}\t${row.code ?? '-'}\t${row.nameTh ?? ''}\t${detail}`,
          );
        }
        const s = report.summary;
        io.out(`สรุป: สร้างใหม่ ${s.create}, ปรับปรุง ${s.update}, ไม่เปลี่ยนแปลง ${s.unchanged}, ผิดพลาด ${s.error}`);
        io.out(
          report.applied
            ? 'นำเข้าแล้ว (applied).'
            : 'Dry run only: nothing was changed. Run again with --apply to import.',
        );
        if ((s.error > 0 || report.problems.length > 0) && !report.applied) exitCode = 3;
      });
    });

  program
    .command('backup')
    .description(
      'write a backup of the database to a file (PostgreSQL: pg_dump, online; embedded: stop the server first)',
    )
    .argument('<file>', 'where to write it')
    .action(async (file: string) => {
      const target = path.resolve(io.cwd, file);
      const { bytes } = await backupDatabase(config.database, target);
      io.out(`Backup written to ${target} (${(bytes / 1024 / 1024).toFixed(1)} MiB, readable by its owner only).`);
      io.out(
        config.database.engine === 'pglite'
          ? `The field keys are not in it: keep ${path.join(config.database.dataDir, 'field-keys.json')} safe separately.`
          : 'The field keys are not in it: keep FIELD_KEYS and FIELD_HASH_KEY safe separately.',
      );
    });

  program
    .command('restore')
    .description(
      'restore a backup made by `oscc backup` (never over data without --force; the embedded folder is then moved aside)',
    )
    .argument('<file>', 'the backup')
    .option('--force', 'replace the database that is there (embedded: moved aside, kept)')
    .action(async (file: string, options: { force?: boolean }) => {
      const source = path.resolve(io.cwd, file);
      if (!fs.existsSync(source)) {
        io.err(`No such file: ${source}`);
        exitCode = 2;
        return;
      }
      try {
        const { movedAside } = await restoreDatabase(config.database, source, { force: !!options.force });
        if (movedAside) io.out(`The database that was there is kept in ${movedAside}.`);
      } catch (error) {
        if (!(error instanceof RestoreRefusedError)) throw error;
        io.err(error.message);
        exitCode = 3;
        return;
      }
      // Bring the restored database up to this version's schema.
      await withDatabase(async (database) => {
        const outcome = await prepareDatabase(database, systemClock, { demoData: false, log });
        io.out(
          `Restored from ${source}${outcome.migrationsApplied.length ? `; then applied ${outcome.migrationsApplied.length} migration(s)` : ''}.`,
        );
      });
    });

  program
    .command('verify-audit')
    .description("seal what is waiting, then recompute the audit trail's hash chain and report any break (exit 4)")
    .option('--no-seal', 'only check: do not seal the events written since the sealing job last ran')
    .action(async (options: { seal: boolean }) => {
      await withDatabase(async (database) => {
        const key = createFieldProtector(resolveFieldKeys(config)).derivedKey('audit-chain');
        if (options.seal) {
          const sealed = await sealAuditEvents(database.db, key, systemClock);
          if (sealed) io.out(`Sealed ${sealed} new event(s) into the chain.`);
        }
        const report = await verifyAuditChain(database.db, key);
        io.out(`Checked ${report.sealed} sealed event(s); ${report.unsealed} not sealed yet.`);
        if (report.head) io.out(`Chain head: ${report.head.seq} ${report.head.hash}`);
        if (report.ok) {
          io.out('The audit trail is intact.');
          return;
        }
        for (const problem of report.problems) io.err(`! ${problem}`);
        io.err('The audit trail has been tampered with.');
        exitCode = 4;
      });
    });

  program
    .command('rotate-keys')
    .description('re-encrypt every protected field under the current key (the first of FIELD_KEYS)')
    .action(async () => {
      await withDatabase(async (database) => {
        const fields = createFieldProtector(resolveFieldKeys(config));
        const report = await rotateFieldKeys(database.db, fields, (column, rotated) => {
          if (rotated) io.out(`  ${column}: ${rotated}`);
        });
        io.out(`Re-encrypted ${report.total} value(s). Keys other than the current one can now be retired.`);
      });
    });

  program
    .command('anonymise')
    .description('anonymise now the closed cases past their retention period (the nightly job does the same)')
    .action(async () => {
      await withDatabase(async (database) => {
        await prepareDatabase(database, systemClock, { demoData: false, log });
        const fields = createFieldProtector(resolveFieldKeys(config));
        const done = await anonymiseDueCases(database.db, fields, systemClock, config.privacy.retentionDefaultYears);
        io.out(`Anonymised ${done} case(s).`);
      });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.err(error instanceof Error ? `Failed: ${error.message}` : 'Failed');
    return 1;
  }
  return exitCode;
}
