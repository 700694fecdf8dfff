import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A calendar day; the pg driver may hand back a Date or a string, so read it through `isoDay()`. */
type Day = ColumnType<Date | string, string, string>;

/** One case as the reports count it, kept by the database's own triggers (migration 0015). */
export interface CaseReportTable {
  case_id: string;
  received_at: Timestamp;
  received_day: Day;
  month: Day;
  province_code: string | null;
  district_code: string | null;
  unit_id: string | null;
  agency_id: string | null;
  ministry_id: string | null;
  problem_code: string | null;
  channel: string;
  status: string;
  crisis: boolean;
  first_contact: 'met' | 'breached' | 'pending' | null;
  first_contact_minutes: number | null;
  closed_at: Timestamp | null;
  closure_hours: number | null;
  steps_met: number;
  steps_breached: number;
  overdue: boolean;
  alarmed: boolean;
}

interface MonthFigures {
  month: Day;
  province_code: string | null;
  ministry_id: string | null;
  problem_code: string | null;
  channel: string;
  status: string;
  cases: number;
  crisis: number;
  reached_met: number;
  reached_breached: number;
  reached_pending: number;
  steps_met: number;
  steps_breached: number;
  closed: number;
  overdue: number;
  alarmed: number;
}

export type CaseReportMonthTable = MonthFigures;
export interface CaseReportDeltaTable extends MonthFigures {
  id: Generated<string>;
  first_contact_minutes: number | null;
  closure_hours: number | null;
}

export interface ReportSubscriptionTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  frequency: 'daily' | 'weekly';
  weekday: number | null;
  format: string;
  language: string;
  filter: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  last_sent_at: Timestamp | null;
  last_sent_day: Day | null;
}

export interface ReportTables {
  case_report: CaseReportTable;
  case_report_month: CaseReportMonthTable;
  case_report_delta: CaseReportDeltaTable;
  report_subscription: ReportSubscriptionTable;
}
