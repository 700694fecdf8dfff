import type {
  Dashboard,
  ReportCasePage,
  ReportCasesQuery,
  ReportDocument,
  ReportExportQuery,
  ReportFilter,
  ReportKind,
} from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { renderReport, type RenderedFile } from '../../platform/documents/index.ts';
import { buildDashboard } from './dashboard.ts';
import { buildReport } from './documents.ts';
import { listReportCases } from './drill.ts';
import { createSubscriptions, type ScheduleSettings } from './subscriptions.ts';

export interface ReportActor {
  principal: Principal;
  requestId: string;
}

/**
 * Reports for executives: the dashboard, standard reports, the cases behind a figure, exports, subscriptions.
 *
 * The figures are read through `readDb` — the read replica when there is one (READ_DATABASE_URL), so that heavy
 * reports do not weigh on the primary that takes the calls; a report may then be a moment (the replica's lag)
 * behind. Everything that writes — the audit record of an export, subscriptions, their sending — goes to `db`,
 * the primary, and so do the reads that must see a write just made (my subscriptions).
 */
export function createReportsService(deps: {
  db: Kysely<Database>;
  /** Where the report queries read: the read replica, or the primary itself (default). */
  readDb?: Kysely<Database>;
  clock: Clock;
  schedule: ScheduleSettings;
}) {
  const { db, clock } = deps;
  const readDb = deps.readDb ?? db;
  const subscriptions = createSubscriptions({ db, readDb, clock, settings: deps.schedule });

  return {
    subscriptions,

    dashboard(actor: Principal, filter: ReportFilter): Promise<Dashboard> {
      return buildDashboard(readDb, actor, filter, clock.now());
    },

    report(actor: Principal, kind: ReportKind, filter: ReportFilter): Promise<ReportDocument> {
      return buildReport(readDb, actor, kind, filter, clock.now());
    },

    cases(actor: Principal, query: ReportCasesQuery): Promise<ReportCasePage> {
      return listReportCases(readDb, actor, query, clock.now());
    },

    /**
     * A report as a file, built within the actor's `reports.export` scope;
     * the export itself goes into the audit trail (who, which report, which
     * filter, which format) — on the primary: the report is read from the
     * replica, its audit record is a write.
     */
    async export(actor: ReportActor, kind: ReportKind, query: ReportExportQuery): Promise<RenderedFile> {
      const { format, language, ...filter } = query;
      const now = clock.now();
      const document = await buildReport(readDb, actor.principal, kind, filter, now, 'reports.export');
      const file = await renderReport(document, format, language);
      await recordAudit(
        db,
        { actorUserId: actor.principal.userId, requestId: actor.requestId, now },
        {
          action: 'report.export',
          entityType: 'report',
          entityId: kind,
          after: { format, language, filter, period: document.period, bytes: file.bytes.length },
          scope: { unitId: actor.principal.unitId, provinceCode: null, ministryId: null },
        },
      );
      return file;
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
