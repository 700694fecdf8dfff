import path from 'node:path';
import { z } from 'zod';
import { parseFieldKeys } from './platform/crypto/field-protection.ts';

/**
 * Configuration is read from the environment once, at boot, into a frozen
 * typed object. Nothing else in the server reads process.env. Every bad
 * variable is reported in one error so an operator fixes them in one go.
 */
const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const PostgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: PostgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * A direct connection to the primary (not through a transaction-mode pooler such as PgBouncer): LISTEN and the
   * migration lock need a session of their own. Defaults to DATABASE_URL.
   */
  DATABASE_DIRECT_URL: PostgresUrl.optional(),
  /** A read replica (hot standby) that the reports read from; a report may be a moment stale. */
  READ_DATABASE_URL: PostgresUrl.optional(),
  /** Connections per process to the read replica (default: DATABASE_POOL_SIZE). */
  READ_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOBS: z.enum(['embedded', 'off']).default('embedded'),
  DEMO_DATA: z.enum(['auto', 'true', 'false']).default('auto'),
  /** How many synthetic contacts (about a third become cases) the demo data set gets. */
  DEMO_CONTACTS: z.coerce.number().int().min(0).max(100_000).default(7000),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  TRUST_PROXY: booleanFromString.default(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  WEB_DIST_DIR: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('OSCC 1300 <no-reply@oscc.localhost>'),
  MAIL_DIR: z.string().min(1).optional(),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  PASSWORD_RESET_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** Keys of the protected (encrypted) fields: "id:base64,…", the first current. See platform/crypto. */
  FIELD_KEYS: z.string().min(1).optional(),
  FIELD_HASH_KEY: z.string().min(1).optional(),
  /** LINE Official Account (Messaging API): the channel secret signs webhooks, the token sends replies. */
  LINE_CHANNEL_SECRET: z.string().min(1).optional(),
  LINE_CHANNEL_ACCESS_TOKEN: z.string().min(1).optional(),
  LINE_API_URL: z.url().default('https://api.line.me'),
  /** Facebook Messenger: the app secret signs webhooks, the page token sends replies, the verify token subscribes. */
  FACEBOOK_APP_SECRET: z.string().min(1).optional(),
  FACEBOOK_PAGE_ACCESS_TOKEN: z.string().min(1).optional(),
  FACEBOOK_VERIFY_TOKEN: z.string().min(8).optional(),
  FACEBOOK_GRAPH_URL: z.url().default('https://graph.facebook.com'),
  /** SMS for alarms: an HTTP gateway. `json` posts {to, text, sender} with a bearer token; `thaibulksms` posts a form with basic auth. */
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  SMS_PROVIDER: z.enum(['json', 'thaibulksms']).default('json'),
  SMS_SENDER: z.string().min(1).max(11).default('OSCC1300'),
  /** How often the alarm checker looks for deadlines that came due (milliseconds). */
  ALARM_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** How long a worker holds an alarm message it is sending before another may retry it (seconds). */
  ALARM_DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  /** When executives get their digest of alarms (cron, Asia/Bangkok). */
  ALARM_DIGEST_CRON: z.string().min(9).default('0 8 * * *'),
  /** When subscribed reports are e-mailed each day (HH:MM, Asia/Bangkok). */
  REPORT_SEND_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00–23:59')
    .default('07:00'),
  /** Years a closed case keeps its identities when its problem types have no period of their own. */
  RETENTION_DEFAULT_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  /** When set, GET /metrics needs `Authorization: Bearer <this>` (otherwise restrict it at the load balancer). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Minutes one break-the-glass opening of a case shows its identities. */
  REVEAL_MINUTES: z.coerce.number().int().min(1).max(480).default(30),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | null;
  readonly database:
    | { readonly engine: 'pglite'; readonly dataDir: string }
    | {
        readonly engine: 'postgres';
        readonly url: string;
        readonly poolSize: number;
        /** Where LISTEN and the migration lock connect: DATABASE_DIRECT_URL, or the same as `url`. */
        readonly directUrl: string;
        /** The read replica the reports read from (READ_DATABASE_URL), or null: they read from `url`. */
        readonly read: { readonly url: string; readonly poolSize: number } | null;
      };
  readonly logLevel: string;
  readonly jobs: 'embedded' | 'off';
  /** Seed the demo data set into an empty database at start. */
  readonly demoData: boolean;
  readonly demoContacts: number;
  readonly session: { readonly ttlHours: number; readonly cookieSecure: 'auto' | boolean };
  readonly signIn: { readonly maxFailures: number; readonly lockoutMinutes: number };
  readonly trustProxy: boolean;
  readonly rateLimitPerMinute: number;
  readonly webDistDir: string | null;
  readonly mail: {
    /** smtp://… — or null: messages are written as .eml files to `dir` instead (development, demo). */
    readonly smtpUrl: string | null;
    readonly from: string;
    readonly dir: string;
  };
  /** Where people open the app: the base of links in e-mails. */
  readonly appUrl: string;
  readonly invitationTtlHours: number;
  readonly passwordResetTtlMinutes: number;
  /**
   * The field-protection keys as configured, or null: then the embedded database keeps its own in its folder
   * (PostgreSQL needs them configured, so that every process shares them).
   */
  readonly fieldKeys: { readonly fieldKeys: string; readonly hashKey: string } | null;
  readonly privacy: { readonly retentionDefaultYears: number; readonly revealMinutes: number };
  /** The bearer token /metrics asks for, or null: open (restrict it in front of the app). */
  readonly metricsToken: string | null;
  /** null: the LINE channel is not set up (its webhook answers 503). */
  readonly line: { readonly channelSecret: string; readonly accessToken: string; readonly apiUrl: string } | null;
  /** null: no SMS gateway (alarms go by the other channels). */
  readonly sms: {
    readonly url: string;
    readonly token: string | null;
    readonly provider: 'json' | 'thaibulksms';
    readonly sender: string;
  } | null;
  readonly alarms: {
    readonly checkIntervalMs: number;
    readonly deliveryLeaseSeconds: number;
    readonly digestCron: string;
  };
  /** Scheduled reports: the Bangkok time of day they are sent. */
  readonly reports: { readonly sendHour: number; readonly sendMinute: number };
  /** null: Messenger is not set up (its webhook answers 503). */
  readonly facebook: {
    readonly appSecret: string;
    readonly pageAccessToken: string;
    readonly verifyToken: string;
    readonly graphUrl: string;
  } | null;
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (!!e.FIELD_KEYS !== !!e.FIELD_HASH_KEY) problems.push('FIELD_KEYS and FIELD_HASH_KEY: give both or neither');
  else if (e.FIELD_KEYS && e.FIELD_HASH_KEY) {
    try {
      parseFieldKeys(e.FIELD_KEYS, e.FIELD_HASH_KEY);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : 'FIELD_KEYS: invalid');
    }
  }
  if (e.DATABASE_URL && !e.FIELD_KEYS)
    problems.push(
      'FIELD_KEYS and FIELD_HASH_KEY are required with DATABASE_URL: every process must protect fields with the same keys (npx oscc generate-keys)',
    );
  if (!e.DATABASE_URL) {
    // The embedded database is one process's own: there is no replica or direct connection to speak of.
    for (const name of ['READ_DATABASE_URL', 'READ_DATABASE_POOL_SIZE', 'DATABASE_DIRECT_URL'] as const)
      if (e[name] !== undefined)
        problems.push(`${name}: needs DATABASE_URL (PostgreSQL): the embedded database has no replica or pooler`);
  }
  if (problems.length) throw new ConfigError(problems);
  const database: Config['database'] = e.DATABASE_URL
    ? {
        engine: 'postgres',
        url: e.DATABASE_URL,
        poolSize: e.DATABASE_POOL_SIZE,
        directUrl: e.DATABASE_DIRECT_URL ?? e.DATABASE_URL,
        read: e.READ_DATABASE_URL
          ? Object.freeze({
              url: e.READ_DATABASE_URL,
              poolSize: e.READ_DATABASE_POOL_SIZE ?? e.DATABASE_POOL_SIZE,
            })
          : null,
      }
    : { engine: 'pglite', dataDir: path.resolve(cwd, e.DATA_DIR) };
  const demoData =
    e.DEMO_DATA === 'auto' ? database.engine === 'pglite' && e.NODE_ENV !== 'production' : e.DEMO_DATA === 'true';
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? null,
    database: Object.freeze(database),
    logLevel: e.LOG_LEVEL,
    jobs: e.JOBS,
    demoData,
    demoContacts: e.DEMO_CONTACTS,
    session: Object.freeze({
      ttlHours: e.SESSION_TTL_HOURS,
      cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    }),
    signIn: Object.freeze({ maxFailures: e.SIGN_IN_MAX_FAILURES, lockoutMinutes: e.SIGN_IN_LOCKOUT_MINUTES }),
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    webDistDir: e.WEB_DIST_DIR ? path.resolve(cwd, e.WEB_DIST_DIR) : null,
    mail: Object.freeze({
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      dir: path.resolve(cwd, e.MAIL_DIR ?? path.join(e.DATA_DIR, 'mail')),
    }),
    appUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    invitationTtlHours: e.INVITATION_TTL_HOURS,
    passwordResetTtlMinutes: e.PASSWORD_RESET_TTL_MINUTES,
    fieldKeys:
      e.FIELD_KEYS && e.FIELD_HASH_KEY ? Object.freeze({ fieldKeys: e.FIELD_KEYS, hashKey: e.FIELD_HASH_KEY }) : null,
    line:
      e.LINE_CHANNEL_SECRET && e.LINE_CHANNEL_ACCESS_TOKEN
        ? Object.freeze({
            channelSecret: e.LINE_CHANNEL_SECRET,
            accessToken: e.LINE_CHANNEL_ACCESS_TOKEN,
            apiUrl: e.LINE_API_URL.replace(/\/+$/, ''),
          })
        : null,
    sms: e.SMS_GATEWAY_URL
      ? Object.freeze({
          url: e.SMS_GATEWAY_URL,
          token: e.SMS_GATEWAY_TOKEN ?? null,
          provider: e.SMS_PROVIDER,
          sender: e.SMS_SENDER,
        })
      : null,
    alarms: Object.freeze({
      checkIntervalMs: e.ALARM_CHECK_INTERVAL_MS,
      deliveryLeaseSeconds: e.ALARM_DELIVERY_LEASE_SECONDS,
      digestCron: e.ALARM_DIGEST_CRON,
    }),
    metricsToken: e.METRICS_TOKEN ?? null,
    privacy: Object.freeze({ retentionDefaultYears: e.RETENTION_DEFAULT_YEARS, revealMinutes: e.REVEAL_MINUTES }),
    reports: Object.freeze({
      sendHour: Number(e.REPORT_SEND_TIME.slice(0, 2)),
      sendMinute: Number(e.REPORT_SEND_TIME.slice(3, 5)),
    }),
    facebook:
      e.FACEBOOK_APP_SECRET && e.FACEBOOK_PAGE_ACCESS_TOKEN && e.FACEBOOK_VERIFY_TOKEN
        ? Object.freeze({
            appSecret: e.FACEBOOK_APP_SECRET,
            pageAccessToken: e.FACEBOOK_PAGE_ACCESS_TOKEN,
            verifyToken: e.FACEBOOK_VERIFY_TOKEN,
            graphUrl: e.FACEBOOK_GRAPH_URL.replace(/\/+$/, ''),
          })
        : null,
  });
}

/** The variables and their meaning, for `oscc config` and the README. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
