export type { ReportTables } from './reports.table.ts';
export { createReportsService, type ReportsService } from './reports.service.ts';
export { reportsRoutes } from './reports.routes.ts';
export { reportJobs, foldReportDeltas, FOLD_REPORT_DELTAS, SEND_SCHEDULED_REPORTS } from './reports.jobs.ts';
