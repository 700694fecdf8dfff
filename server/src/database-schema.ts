import type { AlarmTables } from './modules/alarms/alarms.table.ts';
import type { GeographyTables } from './modules/geography/geography.table.ts';
import type { IdentityTables } from './modules/identity/identity.table.ts';
import type { IntakeTables } from './modules/intake/intake.table.ts';
import type { OrganisationTables } from './modules/organisations/organisations.table.ts';
import type { PrivacyTables } from './modules/privacy/privacy.table.ts';
import type { ProcedureTables } from './modules/procedures/procedures.table.ts';
import type { ReportTables } from './modules/reports/reports.table.ts';
import type { MailTables } from './platform/mail/outbox.table.ts';
import type { AuditTables } from './platform/audit/audit.table.ts';
import type { CalendarTables } from './platform/calendar/holidays.table.ts';

/** Every table, as Kysely sees it; each module owns the types of its tables. */
export interface Database
  extends
    GeographyTables,
    OrganisationTables,
    IdentityTables,
    MailTables,
    AuditTables,
    IntakeTables,
    ProcedureTables,
    CalendarTables,
    AlarmTables,
    ReportTables,
    PrivacyTables {}
