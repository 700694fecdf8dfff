import type { Migration } from 'kysely/migration';
import * as platform from './0001-platform.ts';
import * as organisationsPeople from './0002-organisations-people.ts';
import * as auditScope from './0003-audit-scope.ts';
import * as organisationsAdmin from './0004-organisations-admin.ts';
import * as intake from './0005-intake.ts';
import * as publicReports from './0006-public-reports.ts';
import * as idempotency from './0007-idempotency.ts';
import * as social from './0008-social.ts';
import * as screeningAttachments from './0009-screening-attachments.ts';
import * as procedures from './0010-procedures.ts';
import * as referrals from './0011-referrals.ts';
import * as casework from './0012-casework.ts';
import * as publicHolidays from './0013-public-holidays.ts';
import * as alarms from './0014-alarms.ts';
import * as reports from './0015-reports.ts';
import * as privacy from './0016-privacy.ts';
import * as privacyReminders from './0017-privacy-reminders.ts';
import * as caseNumberSequences from './0018-case-number-sequences.ts';
import * as alarmDeliveryLease from './0019-alarm-delivery-lease.ts';
import * as referenceNotify from './0020-reference-notify.ts';

/**
 * The one ordered list of migrations, for PGlite and PostgreSQL alike. Add
 * new files at the end; never edit one that has shipped. A migration never
 * destroys data in one step: drop a column only in a later release, after the
 * code stopped using it.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': platform,
  '0002-organisations-people': organisationsPeople,
  '0003-audit-scope': auditScope,
  '0004-organisations-admin': organisationsAdmin,
  '0005-intake': intake,
  '0006-public-reports': publicReports,
  '0007-idempotency': idempotency,
  '0008-social': social,
  '0009-screening-attachments': screeningAttachments,
  '0010-procedures': procedures,
  '0011-referrals': referrals,
  '0012-casework': casework,
  '0013-public-holidays': publicHolidays,
  '0014-alarms': alarms,
  '0015-reports': reports,
  '0016-privacy': privacy,
  '0017-privacy-reminders': privacyReminders,
  '0018-case-number-sequences': caseNumberSequences,
  '0019-alarm-delivery-lease': alarmDeliveryLease,
  '0020-reference-notify': referenceNotify,
};
