import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createJsonSchemaTransformObject,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { alarmsRoutes, createAlarmFeed, createAlarmsService, type AlarmsService } from './modules/alarms/index.ts';
import { auditRoutes, createAuditRepository } from './modules/audit/index.ts';
import { createPrivacyService, privacyRoutes, type PrivacyService } from './modules/privacy/index.ts';
import { createReportsService, reportsRoutes, type ReportsService } from './modules/reports/index.ts';
import {
  createIntakeService,
  createReferenceCache,
  createSocialService,
  intakeRoutes,
  socialRoutes,
  type IntakeService,
  type ReferenceCache,
  type SocialService,
} from './modules/intake/index.ts';
import { createGeographyRepository, createGeographyService, geographyRoutes } from './modules/geography/index.ts';
import { authRoutes, createAuthService, SESSION_COOKIE, type AuthService } from './modules/identity/index.ts';
import {
  createPeopleService,
  createRolesService,
  createUserImportService,
  peopleRoutes,
  type PeopleService,
  type RolesService,
  type UserImportService,
} from './modules/people/index.ts';
import { SEND_PENDING_EMAILS } from './platform/mail/mail.jobs.ts';
import {
  createOrganisationsService,
  createUnitImportService,
  createHolidaysService,
  createProblemTypesService,
  organisationsRoutes,
  type OrganisationsService,
  type UnitImportService,
  type ProblemTypesService,
} from './modules/organisations/index.ts';
import { systemRoutes } from './modules/system/index.ts';
import {
  casesRoutes,
  caseworkRoutes,
  createCasesService,
  createCaseworkService,
  createMyWorkService,
  type CasesService,
  type CaseworkService,
  type MyWorkService,
} from './modules/cases/index.ts';
import { createProceduresService, proceduresRoutes } from './modules/procedures/index.ts';
import type { Clock } from './platform/clock.ts';
import { resolveFieldKeys } from './platform/crypto/field-keys.ts';
import { createFieldProtector, type FieldProtector } from './platform/crypto/field-protection.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { registerAccessControl, type RouteRecord } from './platform/http/access.ts';
import { AppError } from './platform/http/app-error.ts';
import { frameworkError, registerErrorHandling } from './platform/http/error-handler.ts';
import { loggerOptions } from './platform/http/logging.ts';
import { registerSameOriginCheck } from './platform/http/same-origin.ts';
import { registerCsrfProtection } from './platform/http/csrf.ts';
import { createMetrics } from './platform/http/metrics.ts';
import { describeMultipartRoutes } from './platform/http/multipart.ts';
import { registerWebApp } from './platform/http/web-app.ts';
import type { JobQueue } from './platform/jobs/job-queue.ts';
import { APP_VERSION } from './version.ts';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  jobs: JobQueue | null;
  /** Collects every route and its access rule (for the deny-by-default test). */
  routes?: RouteRecord[];
}

export interface Services {
  /** What checking and routing a case read, kept in memory (stop it when the process stops). */
  referenceCache: ReferenceCache;
  auth: AuthService;
  people: PeopleService;
  importer: UserImportService;
  organisations: OrganisationsService;
  unitImport: UnitImportService;
  problemTypes: ProblemTypesService;
  roles: RolesService;
  /** Protects identifying fields (the case data of intake); keys from configuration or the embedded data folder. */
  fields: FieldProtector;
  intake: IntakeService;
  cases: CasesService;
  casework: CaseworkService;
  myWork: MyWorkService;
  social: SocialService;
  alarms: AlarmsService;
  reports: ReportsService;
  privacy: PrivacyService;
}

export function createServices({
  config,
  database,
  clock,
  jobs,
}: Pick<AppDependencies, 'config' | 'database' | 'clock'> & { jobs?: JobQueue | null }): Services {
  const db = database.db;
  // The outbox row is committed; ask a worker to send it now rather than at the next minute.
  const onEmailQueued = () => void jobs?.send(SEND_PENDING_EMAILS).catch(() => undefined);
  const fields = createFieldProtector(resolveFieldKeys(config));
  const cases = createCasesService({
    db,
    clock,
    fields,
    revealMinutes: config.privacy.revealMinutes,
    appUrl: config.appUrl,
  });
  const alarms = createAlarmsService({ db, clock });
  // Problem types, places, procedures and units, as checking and routing a case read them: kept in memory until
  // the database notifies a change (see reference-cache.ts).
  const referenceCache = createReferenceCache(database);
  return {
    referenceCache,
    alarms,
    reports: createReportsService({
      db,
      // The read replica when READ_DATABASE_URL is set: reports may be a moment stale, writes stay on `db`.
      readDb: database.readDb,
      clock,
      schedule: { ...config.reports, appUrl: config.appUrl },
    }),
    privacy: createPrivacyService({
      db,
      clock,
      fields,
      retentionDefaultYears: config.privacy.retentionDefaultYears,
    }),
    organisations: createOrganisationsService({ db, clock }),
    unitImport: createUnitImportService({ db, clock }),
    problemTypes: createProblemTypesService({ db, clock }),
    roles: createRolesService({ db, clock }),
    fields,
    intake: createIntakeService({ db, clock, fields, referenceCache }),
    cases,
    casework: createCaseworkService({ db, clock, fields, referrals: cases.referrals, alarms }),
    myWork: createMyWorkService({ db, clock, fields }),
    social: createSocialService({ db, clock, fields, line: config.line, facebook: config.facebook }),
    importer: createUserImportService({
      db,
      clock,
      appUrl: config.appUrl,
      invitationTtlHours: config.invitationTtlHours,
      onEmailQueued,
    }),
    auth: createAuthService({
      db,
      clock,
      settings: {
        sessionTtlHours: config.session.ttlHours,
        maxFailures: config.signIn.maxFailures,
        lockoutMinutes: config.signIn.lockoutMinutes,
      },
    }),
    people: createPeopleService({
      db,
      clock,
      settings: {
        appUrl: config.appUrl,
        invitationTtlHours: config.invitationTtlHours,
        passwordResetTtlMinutes: config.passwordResetTtlMinutes,
      },
      onEmailQueued,
    }),
  };
}

/**
 * Builds the whole HTTP app as a value — no port, no process — so tests run
 * it with `inject` and main.ts decides where it listens.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database, clock, jobs } = deps;
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // Only JSON bodies: a cross-site HTML form cannot send one without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  registerErrorHandling(app);
  // Before any route: every answer is counted.
  const metrics = createMetrics(app, database.db, jobs, database.readDb === database.db ? null : database.readDb);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  registerSameOriginCheck(app, config.publicUrl ? [new URL(config.publicUrl).origin] : []);

  const services = createServices({ config, database, clock, jobs });
  registerCsrfProtection(app, {
    key: services.fields.derivedKey('csrf'),
    sessionCookie: SESSION_COOKIE,
    isSecure: (request) =>
      config.session.cookieSecure === 'auto' ? request.protocol === 'https' : config.session.cookieSecure,
  });
  registerAccessControl(
    app,
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      return token ? services.auth.resolveActor(token) : null;
    },
    deps.routes,
  );

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OSCC API — ศูนย์ช่วยเหลือสังคม 1300',
        description:
          "The API of OSCC, the case, referral and alarm system of Thailand's One Stop Crisis Center. " +
          'Sign in with POST /api/auth/sign-in; the session travels in an HttpOnly cookie. ' +
          'Every error has the shape ErrorResponse with a stable code and Thai and English messages.',
        version: APP_VERSION,
      },
      tags: [
        { name: 'auth', description: 'Sign-in and sessions' },
        { name: 'geography', description: 'Provinces, districts and subdistricts (public reference data)' },
        { name: 'organisations', description: 'Agencies and units' },
        { name: 'people', description: 'Users, their roles and invitations' },
        { name: 'intake', description: 'Contacts and new cases on every channel' },
        { name: 'cases', description: 'Screening and the case record: queues, links, merges, attachments' },
        {
          name: 'casework',
          description: 'Working a case: steps, notes, services, plan, tasks, closure, follow-up, timeline; my work',
        },
        { name: 'procedures', description: 'Procedures per problem type: versioned steps with time frames' },
        {
          name: 'alarms',
          description: 'Deadlines and alarms: my alarms (live), acknowledgement, the escalation ladder, deliveries',
        },
        {
          name: 'reports',
          description:
            'Reports for executives: dashboard, standard reports, the cases behind a figure, exports, subscriptions',
        },
        { name: 'audit', description: 'The audit trail: who changed what, when, before and after' },
        { name: 'system', description: 'Health and operations' },
      ],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) =>
      describeMultipartRoutes(
        createJsonSchemaTransformObject({})(input as Parameters<ReturnType<typeof createJsonSchemaTransformObject>>[0]),
      ),
  });
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const db = database.db;
  await app.register(systemRoutes, {
    database,
    jobs,
    version: APP_VERSION,
    metrics,
    metricsToken: config.metricsToken,
  });
  await app.register(authRoutes, {
    auth: services.auth,
    requestPasswordReset: (email) => services.people.requestPasswordReset(email),
    cookieSecure: config.session.cookieSecure,
    signInAttemptsPerMinute: Math.max(5, Math.min(30, config.rateLimitPerMinute)),
  });
  await app.register(geographyRoutes, {
    geography: createGeographyService({ geography: createGeographyRepository(db) }),
  });
  await app.register(organisationsRoutes, {
    organisations: services.organisations,
    unitImport: services.unitImport,
    problemTypes: services.problemTypes,
    holidays: createHolidaysService({ db, clock }),
  });
  await app.register(socialRoutes, { social: services.social, intake: services.intake });
  await app.register(casesRoutes, { cases: services.cases });
  await app.register(caseworkRoutes, { casework: services.casework, myWork: services.myWork });
  await app.register(proceduresRoutes, { procedures: createProceduresService({ db, clock }) });
  const feed = createAlarmFeed(db, (channel, callback) => database.listen(channel, callback));
  app.addHook('onClose', async () => feed.stop());
  app.addHook('onClose', async () => services.referenceCache.stop());
  await app.register(alarmsRoutes, { alarms: services.alarms, feed, lineConfigured: config.line !== null });
  await app.register(intakeRoutes, {
    intake: services.intake,
    publicReportsPerHour: Math.max(3, Math.min(20, config.rateLimitPerMinute)),
  });
  await app.register(peopleRoutes, { people: services.people, importer: services.importer, roles: services.roles });
  await app.register(auditRoutes, { audit: createAuditRepository(db) });
  await app.register(reportsRoutes, { reports: services.reports });
  await app.register(privacyRoutes, { privacy: services.privacy });
  if (config.webDistDir) await registerWebApp(app, config.webDistDir);

  return app;
}
