export type { AlarmTables } from './alarms.table.ts';
export { backfillDeadlines, newCaseDeadlineRow, syncCaseDeadlines } from './deadlines.ts';
export { checkDueDeadlines, loadLadders, ALARM_NOTIFY_CHANNEL, type EngineSettings } from './engine.ts';
export { deliverAlarmMessages, sendAlarmDigests, deliveryRetryDelayMs, type AlarmSenders } from './delivery.ts';
export { createAlarmsService, linkLineAccount, LINE_LINK_PATTERN, type AlarmsService } from './alarms.service.ts';
export { alarmsRoutes } from './alarms.routes.ts';
export { createAlarmFeed, type AlarmFeed } from './feed.ts';
export { alarmJobs, channelsOf, startAlarmRunner, SEND_ALARM_DIGESTS } from './alarms.jobs.ts';
