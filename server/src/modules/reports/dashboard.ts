import {
  CASE_STATES,
  CONTACT_OUTCOMES,
  type Action,
  type CaseState,
  type Channel,
  type ContactOutcome,
  type Dashboard,
  type ReportBreakdownItem,
  type ReportFilter,
  type ReportKind,
} from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Principal } from '../../platform/authorization/scope.ts';
import {
  cohortFigures,
  contactFigures,
  DIMENSIONS,
  EMPTY,
  liveFigures,
  medians,
  resolveFilter,
  type Dimension,
  type Measures,
} from './figures.ts';
import { CHANNEL_LABELS, monthLabel, NONE_LABELS, STATUS_LABELS } from './labels.ts';
import { ministryNames, problemNames, provinceNames, type Named } from './names.ts';
import { monthsOf, resolvePeriod } from './period.ts';
import { reportScope } from './report-scope.ts';

/** The key of "none" in a breakdown (no unit yet, no province given). */
export const NONE_KEY = 'none';

function item(key: string | null, name: Named, measures: Measures): ReportBreakdownItem {
  return { key: key ?? NONE_KEY, nameTh: name.nameTh, nameEn: name.nameEn, ...measures };
}

/**
 * The dashboard: the figures of the cases received in the period within the
 * viewer's scope, by each dimension, the trend by month, the state of this
 * moment, and the contacts of the period.
 */
export async function buildDashboard(
  db: Kysely<Database>,
  actor: Principal,
  filter: ReportFilter,
  now: Date,
  options: { kind?: ReportKind; action?: Action } = {},
): Promise<Dashboard> {
  const period = resolvePeriod(options.kind ?? 'dashboard', filter, now);
  const scope = await reportScope(db, actor, options.action ?? 'reports.read');
  const resolved = await resolveFilter(db, filter);
  // Independent reads: on PostgreSQL they run side by side on the pool (on the embedded database, one by one).
  const [cohort, live, median, contacts, problems, ministries, provinces] = await Promise.all([
    cohortFigures(db, period, resolved, scope, DIMENSIONS),
    liveFigures(db, now, resolved, scope, DIMENSIONS),
    medians(db, period, resolved, scope),
    contactFigures(db, period, resolved, scope),
    problemNames(db),
    ministryNames(db),
    provinceNames(db),
  ]);

  const measuresOf = (dimension: Dimension, key: string | null): Measures => ({
    ...EMPTY,
    ...cohort.by[dimension].get(key),
    overdueNow: live.by[dimension].get(key)?.overdueNow ?? 0,
    openAlarms: live.by[dimension].get(key)?.openAlarms ?? 0,
  });
  const keysOf = (dimension: Dimension) => [...new Set([...cohort.by[dimension].keys(), ...live.by[dimension].keys()])];
  const byCases = (a: ReportBreakdownItem, b: ReportBreakdownItem) =>
    b.cases - a.cases || b.overdueNow - a.overdueNow || a.key.localeCompare(b.key);
  const named = (names: Map<string, Named>, none: { th: string; en: string }) => (key: string | null) =>
    key === null ? { nameTh: none.th, nameEn: none.en } : (names.get(key) ?? { nameTh: key, nameEn: key });

  const breakdown = (dimension: Dimension, name: (key: string | null) => Named) =>
    keysOf(dimension).map((key) => item(key, name(key), measuresOf(dimension, key)));

  const contactsByOutcome = CONTACT_OUTCOMES.map((outcome) => ({
    outcome,
    contacts: contacts.filter((row) => row.outcome === outcome).reduce((sum, row) => sum + row.contacts, 0),
  })).filter((row) => row.contacts > 0);
  const contactsTotal = contactsByOutcome.reduce((sum, row) => sum + row.contacts, 0);
  const undecided: ContactOutcome[] = ['case', 'pending'];

  return {
    period,
    scope: scope.label,
    totals: {
      ...cohort.total,
      ...live.total,
      contacts: contactsTotal,
      contactsNoCase: contactsByOutcome
        .filter((row) => !undecided.includes(row.outcome))
        .reduce((sum, row) => sum + row.contacts, 0),
      medianFirstContactMinutes: median.firstContact,
      medianClosureMinutes: median.closure,
    },
    byProblem: breakdown('problem', named(problems, NONE_LABELS.problem)).sort(byCases),
    byChannel: breakdown('channel', (key) => {
      const label = CHANNEL_LABELS[key as Channel];
      return label ? { nameTh: label.th, nameEn: label.en } : { nameTh: String(key), nameEn: String(key) };
    }).sort(byCases),
    byStatus: breakdown('status', (key) => {
      const label = STATUS_LABELS[key as CaseState];
      return label ? { nameTh: label.th, nameEn: label.en } : { nameTh: String(key), nameEn: String(key) };
    }).sort((a, b) => CASE_STATES.indexOf(a.key as CaseState) - CASE_STATES.indexOf(b.key as CaseState)),
    byAgency: breakdown('ministry', named(ministries, NONE_LABELS.ministry)).sort(byCases),
    byProvince: breakdown('province', named(provinces, NONE_LABELS.province)).sort(byCases),
    trend: monthsOf(period).map((month) => {
      const label = monthLabel(month);
      return item(month, { nameTh: label.th, nameEn: label.en }, measuresOf('month', month));
    }),
    contactsByOutcome,
    generatedAt: now.toISOString(),
  };
}
