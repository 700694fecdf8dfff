import {
  CHANNELS,
  CONTACT_OUTCOMES,
  type Action,
  type Channel,
  type ContactOutcome,
  type Dashboard,
  type DrillFilter,
  type DrillMeasure,
  type LocalizedText,
  type ReportBreakdownItem,
  type ReportColumn,
  type ReportDocument,
  type ReportFilter,
  type ReportKind,
  type ReportRow,
  type ReportSection,
} from '@oscc/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Principal } from '../../platform/authorization/scope.ts';
import { buildDashboard, NONE_KEY } from './dashboard.ts';
import { complianceFigures, contactFigures, resolveFilter } from './figures.ts';
import { CHANNEL_LABELS, OUTCOME_LABELS } from './labels.ts';
import { problemNames, provinceNames, stepNames, unitNames } from './names.ts';
import { resolvePeriod } from './period.ts';
import { reportScope } from './report-scope.ts';

const TITLES: Record<ReportKind, LocalizedText> = {
  dashboard: { th: 'ภาพรวมการช่วยเหลือ (แดชบอร์ด)', en: 'Overview (dashboard)' },
  monthly: { th: 'รายงานประจำเดือนสำหรับผู้บริหาร', en: 'Monthly report to executives' },
  service: { th: 'สถิติการให้บริการศูนย์ช่วยเหลือสังคม สายด่วน 1300', en: '1300 service statistics' },
  compliance: {
    th: 'การปฏิบัติตามกรอบเวลา รายหน่วยงานและรายขั้นตอน',
    en: 'Time-frame compliance per unit and per step',
  },
};

const L = (th: string, en: string): LocalizedText => ({ th, en });

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The columns every breakdown of case figures shows, each listing its cases. */
const BREAKDOWN_COLUMNS: ReportColumn[] = [
  { key: 'cases', label: L('จำนวนเรื่อง', 'Cases'), kind: 'count', measure: 'cases' },
  { key: 'crisis', label: L('วิกฤต', 'Crisis'), kind: 'count', measure: 'crisis' },
  {
    key: 'reachedShare',
    label: L('ติดต่อภายใน 24 ชม.', 'Reached within 24 h'),
    kind: 'percent',
  },
  {
    key: 'reachedBreached',
    label: L('ติดต่อเกิน 24 ชม.', 'Reached after 24 h'),
    kind: 'count',
    measure: 'reached_breached',
  },
  { key: 'stepsShare', label: L('ขั้นตอนตรงเวลา', 'Steps on time'), kind: 'percent' },
  { key: 'closed', label: L('ยุติแล้ว', 'Closed'), kind: 'count', measure: 'closed' },
  { key: 'overdueNow', label: L('เกินกำหนดขณะนี้', 'Overdue now'), kind: 'count', measure: 'overdue_now' },
];

function breakdownRow(item: ReportBreakdownItem, drill: DrillFilter | undefined): ReportRow {
  return {
    cells: {
      name: { th: item.nameTh, en: item.nameEn ?? item.nameTh },
      cases: item.cases,
      crisis: item.crisis,
      reachedShare: share(item.reachedMet, item.reachedMet + item.reachedBreached),
      reachedBreached: item.reachedBreached,
      stepsShare: share(item.stepsMet, item.stepsMet + item.stepsBreached),
      closed: item.closed,
      overdueNow: item.overdueNow,
    },
    ...(drill ? { drill } : {}),
  };
}

function totalRow(totals: Dashboard['totals']): ReportRow {
  return {
    total: true,
    drill: {},
    cells: {
      name: L('รวม', 'Total'),
      cases: totals.cases,
      crisis: totals.crisis,
      reachedShare: share(totals.reachedMet, totals.reachedMet + totals.reachedBreached),
      reachedBreached: totals.reachedBreached,
      stepsShare: share(totals.stepsMet, totals.stepsMet + totals.stepsBreached),
      closed: totals.closed,
      overdueNow: totals.overdueNow,
    },
  };
}

function breakdownSection(
  id: string,
  title: LocalizedText,
  heading: LocalizedText,
  items: ReportBreakdownItem[],
  totals: Dashboard['totals'],
  drillOf: (key: string) => DrillFilter | undefined,
  note?: LocalizedText,
): ReportSection {
  return {
    id,
    title,
    ...(note ? { note } : {}),
    columns: [{ key: 'name', label: heading, kind: 'text' }, ...BREAKDOWN_COLUMNS],
    rows: [...items.map((item) => breakdownRow(item, drillOf(item.key))), totalRow(totals)],
  };
}

/** The key figures of a dashboard as one table: what, how many, the share, the median time. */
function keyFigures(dashboard: Dashboard): ReportSection {
  const t = dashboard.totals;
  const row = (
    label: LocalizedText,
    count: number | null,
    measure: DrillMeasure | null,
    rate: number | null = null,
    minutes: number | null = null,
  ): ReportRow => ({
    cells: { figure: label, count, share: rate, minutes },
    ...(measure ? { drill: {}, measure } : {}),
  });
  return {
    id: 'key-figures',
    title: L('ตัวเลขสำคัญ', 'Key figures'),
    note: L(
      'นับจากเรื่องที่รับในช่วงเวลานี้ ยกเว้น "เกินกำหนดขณะนี้" และ "การแจ้งเตือนที่ยังไม่ปิด" ซึ่งเป็นสถานะ ณ เวลาที่จัดทำรายงาน',
      'Counted over the cases received in the period, except "overdue now" and "open alarms", which are the state at the time of the report',
    ),
    columns: [
      { key: 'figure', label: L('ตัวชี้วัด', 'Indicator'), kind: 'text' },
      { key: 'count', label: L('จำนวน', 'Count'), kind: 'count' },
      { key: 'share', label: L('ร้อยละ', 'Share'), kind: 'percent' },
      { key: 'minutes', label: L('ค่ามัธยฐานของเวลา', 'Median time'), kind: 'minutes' },
    ],
    rows: [
      row(L('เรื่องที่รับ', 'Cases received'), t.cases, 'cases'),
      row(L('เรื่องวิกฤต', 'Crisis cases'), t.crisis, 'crisis', share(t.crisis, t.cases)),
      row(
        L('ติดต่อผู้ประสบปัญหาภายใน 24 ชั่วโมง', 'Reached within 24 hours'),
        t.reachedMet,
        'reached_met',
        share(t.reachedMet, t.reachedMet + t.reachedBreached),
      ),
      row(L('ติดต่อเกิน 24 ชั่วโมง', 'Reached after 24 hours'), t.reachedBreached, 'reached_breached'),
      row(L('ยังไม่ได้ติดต่อ (ยังไม่เกินกำหนด)', 'Not yet reached (not late yet)'), t.reachedPending, 'reached_pending'),
      // Steps are counted one by one; their drill lists the cases with such a step.
      row(
        L('ขั้นตอนและการส่งต่อที่ตรงเวลา', 'Steps and referrals on time'),
        t.stepsMet,
        null,
        share(t.stepsMet, t.stepsMet + t.stepsBreached),
      ),
      row(L('ขั้นตอนและการส่งต่อที่เกินเวลา', 'Steps and referrals late'), t.stepsBreached, null),
      row(L('ยุติการให้บริการแล้ว', 'Closed'), t.closed, 'closed', share(t.closed, t.cases)),
      row(L('เรื่องที่เกินกำหนดขณะนี้', 'Cases overdue now'), t.overdueNow, 'overdue_now'),
      row(L('เรื่องที่มีการแจ้งเตือนที่ยังไม่ปิด', 'Cases with open alarms'), t.openAlarms, 'open_alarms'),
      row(L('การติดต่อทุกช่องทาง', 'Contacts on every channel'), t.contacts, null),
      row(
        L('การติดต่อที่ไม่ได้เป็นเรื่อง', 'Contacts that became no case'),
        t.contactsNoCase,
        null,
        share(t.contactsNoCase, t.contacts),
      ),
      row(
        L('เวลาจากรับเรื่องถึงการติดต่อครั้งแรก', 'Time from intake to the first contact'),
        null,
        null,
        null,
        t.medianFirstContactMinutes,
      ),
      row(L('เวลาจากรับเรื่องถึงการยุติ', 'Time from intake to closure'), null, null, null, t.medianClosureMinutes),
    ],
  };
}

function dashboardSections(dashboard: Dashboard, kind: 'dashboard' | 'monthly'): ReportSection[] {
  const t = dashboard.totals;
  const sections: ReportSection[] = [keyFigures(dashboard)];
  sections.push(
    breakdownSection(
      'by-problem',
      L('จำแนกตามปัญหา', 'By problem'),
      L('ปัญหา', 'Problem'),
      dashboard.byProblem,
      t,
      (key) => (key === NONE_KEY ? undefined : { problem: key }),
    ),
  );
  if (kind === 'dashboard')
    sections.push(
      breakdownSection(
        'by-channel',
        L('จำแนกตามช่องทาง', 'By channel'),
        L('ช่องทาง', 'Channel'),
        dashboard.byChannel,
        t,
        (key) => ((CHANNELS as readonly string[]).includes(key) ? { channel: key as Channel } : undefined),
      ),
      breakdownSection(
        'by-status',
        L('จำแนกตามสถานะ', 'By status'),
        L('สถานะ', 'Status'),
        dashboard.byStatus,
        t,
        (key) => ({
          status: key as NonNullable<DrillFilter['status']>,
        }),
      ),
    );
  sections.push(
    breakdownSection(
      'by-agency',
      L('จำแนกตามกระทรวงของหน่วยงานรับผิดชอบ', 'By ministry of the responsible unit'),
      L('กระทรวง/หน่วยงาน', 'Ministry'),
      dashboard.byAgency,
      t,
      (key) => (key === NONE_KEY ? undefined : { agencyId: key }),
    ),
    breakdownSection(
      'by-province',
      L('จำแนกตามจังหวัด', 'By province'),
      L('จังหวัด', 'Province'),
      dashboard.byProvince,
      t,
      (key) => (key === NONE_KEY ? undefined : { provinceCode: key }),
    ),
    breakdownSection('trend', L('รายเดือน', 'Month by month'), L('เดือน', 'Month'), dashboard.trend, t, (key) => ({
      month: key,
    })),
  );
  if (kind === 'dashboard')
    sections.push({
      id: 'contacts',
      title: L('การติดต่อจำแนกตามผล', 'Contacts by outcome'),
      columns: [
        { key: 'outcome', label: L('ผลการติดต่อ', 'Outcome'), kind: 'text' },
        { key: 'contacts', label: L('จำนวนการติดต่อ', 'Contacts'), kind: 'count' },
        { key: 'share', label: L('ร้อยละ', 'Share'), kind: 'percent' },
      ],
      rows: [
        ...dashboard.contactsByOutcome.map((row) => ({
          cells: {
            outcome: OUTCOME_LABELS[row.outcome],
            contacts: row.contacts,
            share: share(row.contacts, t.contacts),
          },
        })),
        {
          total: true,
          cells: { outcome: L('รวม', 'Total'), contacts: t.contacts, share: share(t.contacts, t.contacts) },
        },
      ],
    });
  return sections;
}

async function serviceSections(
  db: Kysely<Database>,
  actor: Principal,
  filter: ReportFilter,
  now: Date,
  action: Action,
): Promise<{ dashboard: Dashboard; sections: ReportSection[] }> {
  const dashboard = await buildDashboard(db, actor, filter, now, { kind: 'service', action });
  const scope = await reportScope(db, actor, action);
  const resolved = await resolveFilter(db, filter);
  const contacts = await contactFigures(db, dashboard.period, resolved, scope);
  const t = dashboard.totals;
  // The people the cases were about (victims), and every problem mentioned, not only the first.
  const mentions = await sql<{ code: string; cases: number }>`
    select p.problem_type_code as code, count(*)::int as cases
    from case_report r join case_problem_type p on p.case_id = r.case_id
    where r.received_day between ${dashboard.period.from}::date and ${dashboard.period.to}::date
      and r.status <> 'merged' and ${scope.cases}
      ${resolved.channel ? sql`and r.channel = ${resolved.channel}` : sql``}
      ${resolved.provinceCode ? sql`and r.province_code = ${resolved.provinceCode}` : sql``}
      ${resolved.ministryId ? sql`and r.ministry_id = ${resolved.ministryId}` : sql``}
    group by p.problem_type_code`.execute(db);
  const victims = await sql<{ people: number }>`
    select count(*)::int as people from case_report r join case_person p on p.case_id = r.case_id and p.role = 'victim'
    where r.received_day between ${dashboard.period.from}::date and ${dashboard.period.to}::date
      and r.status <> 'merged' and ${scope.cases}
      ${resolved.problem ? sql`and r.problem_code = ${resolved.problem}` : sql``}
      ${resolved.channel ? sql`and r.channel = ${resolved.channel}` : sql``}
      ${resolved.provinceCode ? sql`and r.province_code = ${resolved.provinceCode}` : sql``}
      ${resolved.ministryId ? sql`and r.ministry_id = ${resolved.ministryId}` : sql``}`.execute(db);
  const mentioned = new Map(mentions.rows.map((row) => [row.code, row.cases]));

  // Became a case first, the undecided chats last.
  const outcomeColumns: ContactOutcome[] = [...CONTACT_OUTCOMES.filter((outcome) => outcome !== 'pending'), 'pending'];
  const byChannel = CHANNELS.map((channel) => {
    const rows = contacts.filter((row) => row.channel === channel);
    const cells: ReportRow['cells'] = { channel: CHANNEL_LABELS[channel] };
    let total = 0;
    for (const outcome of outcomeColumns) {
      const n = rows.filter((row) => row.outcome === outcome).reduce((sum, row) => sum + row.contacts, 0);
      cells[outcome] = n;
      total += n;
    }
    cells.total = total;
    return { cells, total };
  }).filter((row) => row.total > 0);
  const columnTotals: ReportRow['cells'] = { channel: L('รวม', 'Total') };
  for (const outcome of [...outcomeColumns, 'total'] as const)
    columnTotals[outcome] = byChannel.reduce((sum, row) => sum + (row.cells[outcome] as number), 0);

  const sections: ReportSection[] = [
    {
      id: 'people-served',
      title: L('ผู้รับบริการ', 'People served'),
      columns: [
        { key: 'figure', label: L('รายการ', 'Item'), kind: 'text' },
        { key: 'count', label: L('จำนวน', 'Count'), kind: 'count' },
      ],
      rows: [
        { cells: { figure: L('การติดต่อทุกช่องทาง (ครั้ง)', 'Contacts on every channel'), count: t.contacts } },
        {
          cells: {
            figure: L('การติดต่อที่รับเป็นเรื่องช่วยเหลือ', 'Contacts that became cases'),
            count: contacts.filter((row) => row.outcome === 'case').reduce((sum, row) => sum + row.contacts, 0),
          },
        },
        { cells: { figure: L('การติดต่อที่ไม่ได้เป็นเรื่อง', 'Contacts that became no case'), count: t.contactsNoCase } },
        { drill: {}, measure: 'cases', cells: { figure: L('เรื่องช่วยเหลือที่รับ', 'Cases received'), count: t.cases } },
        {
          cells: {
            figure: L('ผู้ประสบปัญหาในเรื่องเหล่านี้ (คน)', 'Victims in these cases (people)'),
            count: victims.rows[0]?.people ?? 0,
          },
        },
      ],
    },
    {
      id: 'contacts-by-channel',
      title: L('การติดต่อจำแนกตามช่องทางและผล', 'Contacts by channel and outcome'),
      columns: [
        { key: 'channel', label: L('ช่องทาง', 'Channel'), kind: 'text' },
        ...outcomeColumns.map((outcome) => ({ key: outcome, label: OUTCOME_LABELS[outcome], kind: 'count' as const })),
        { key: 'total', label: L('รวม', 'Total'), kind: 'count' },
      ],
      rows: [...byChannel.map((row) => ({ cells: row.cells })), { total: true, cells: columnTotals }],
    },
    {
      id: 'top-problems',
      title: L('ปัญหาที่ได้รับแจ้งมากที่สุด', 'The most reported problems'),
      note: L(
        'นับตามปัญหาแรกที่แจ้งของแต่ละเรื่อง (เรื่องละหนึ่งครั้ง) และจำนวนเรื่องที่ระบุปัญหานั้นไว้ด้วย',
        'Counted by the problem each case was reported for first (once per case), with the cases that mention the problem at all',
      ),
      columns: [
        { key: 'rank', label: L('ลำดับ', 'Rank'), kind: 'count' },
        { key: 'name', label: L('ปัญหา', 'Problem'), kind: 'text' },
        { key: 'cases', label: L('จำนวนเรื่อง', 'Cases'), kind: 'count', measure: 'cases' },
        { key: 'share', label: L('ร้อยละของเรื่องทั้งหมด', 'Share of all cases'), kind: 'percent' },
        { key: 'mentioned', label: L('เรื่องที่ระบุปัญหานี้', 'Cases mentioning it'), kind: 'count' },
      ],
      rows: dashboard.byProblem
        .filter((item) => item.cases > 0)
        .map((item, index) => ({
          cells: {
            rank: index + 1,
            name: { th: item.nameTh, en: item.nameEn ?? item.nameTh },
            cases: item.cases,
            share: share(item.cases, t.cases),
            mentioned: mentioned.get(item.key) ?? 0,
          },
          ...(item.key === NONE_KEY ? {} : { drill: { problem: item.key } }),
        })),
    },
    breakdownSection(
      'by-channel',
      L('เรื่องจำแนกตามช่องทาง', 'Cases by channel'),
      L('ช่องทาง', 'Channel'),
      dashboard.byChannel,
      t,
      (key) => ((CHANNELS as readonly string[]).includes(key) ? { channel: key as Channel } : undefined),
    ),
    breakdownSection('trend', L('รายเดือน', 'Month by month'), L('เดือน', 'Month'), dashboard.trend, t, (key) => ({
      month: key,
    })),
  ];
  return { dashboard, sections };
}

async function complianceSections(
  db: Kysely<Database>,
  actor: Principal,
  filter: ReportFilter,
  now: Date,
  action: Action,
): Promise<{ scopeLabel: LocalizedText; sections: ReportSection[]; period: ReportDocument['period'] }> {
  const period = resolvePeriod('compliance', filter, now);
  const scope = await reportScope(db, actor, action);
  const resolved = await resolveFilter(db, filter);
  const rows = await complianceFigures(db, period, resolved, scope, now);
  const units = await unitNames(
    db,
    rows.flatMap((row) => (row.by === 'unit' && row.unit_id ? [row.unit_id] : [])),
  );
  const steps = await stepNames(db);
  const columns: ReportColumn[] = [
    { key: 'met', label: L('ตรงเวลา', 'On time'), kind: 'count', measure: 'steps_met' },
    { key: 'breached', label: L('เกินเวลา', 'Late'), kind: 'count', measure: 'steps_breached' },
    { key: 'share', label: L('ร้อยละที่ตรงเวลา', 'Share on time'), kind: 'percent' },
    { key: 'overdue', label: L('เกินกำหนดขณะนี้', 'Overdue now'), kind: 'count', measure: 'overdue_now' },
    { key: 'running', label: L('ยังอยู่ในกำหนด', 'Running, in time'), kind: 'count' },
    { key: 'lateBy', label: L('ค่ามัธยฐานของเวลาที่เกิน', 'Median time late'), kind: 'minutes' },
  ];
  const cells = (row: (typeof rows)[number]) => ({
    met: row.met,
    breached: row.breached,
    share: share(row.met, row.met + row.breached),
    overdue: row.overdue,
    running: row.running,
    lateBy: row.median_late_minutes,
  });
  const total = rows.find((row) => row.by === 'total');
  const totalCells = total ? cells(total) : { met: 0, breached: 0, share: null, overdue: 0, running: 0, lateBy: null };
  const order = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    b.breached + b.overdue - (a.breached + a.overdue) || b.met - a.met;
  const note = L(
    'นับทุกกำหนดเวลาของเรื่องที่รับในช่วงเวลานี้: การติดต่อครั้งแรกภายใน 24 ชั่วโมง การตอบรับการส่งต่อ และแต่ละขั้นตอนตามแนวทางการปฏิบัติ',
    'Every clock of the cases received in the period: the 24-hour first contact, the answer to each referral, and each step of the procedure',
  );
  return {
    period,
    scopeLabel: scope.label,
    sections: [
      {
        id: 'per-unit',
        title: L('รายหน่วยงาน', 'Per unit'),
        note,
        columns: [{ key: 'name', label: L('หน่วยงาน', 'Unit'), kind: 'text' }, ...columns],
        rows: [
          ...rows
            .filter((row) => row.by === 'unit')
            .sort(order)
            .map((row) => {
              const unit = row.unit_id ? units.get(row.unit_id) : undefined;
              return {
                cells: {
                  name: unit
                    ? { th: unit.nameTh, en: unit.nameEn ?? unit.nameTh }
                    : L('ยังไม่มีหน่วยงานรับผิดชอบ', 'No unit yet'),
                  ...cells(row),
                },
                ...(row.unit_id ? { drill: { unitId: row.unit_id } } : {}),
              };
            }),
          { total: true, drill: {}, cells: { name: L('รวม', 'Total'), ...totalCells } },
        ],
      },
      {
        id: 'per-step',
        title: L('รายขั้นตอน', 'Per step'),
        note,
        columns: [{ key: 'name', label: L('ขั้นตอน', 'Step'), kind: 'text' }, ...columns],
        rows: [
          ...rows
            .filter((row) => row.by === 'step')
            .sort(order)
            .map((row) => ({
              cells: { name: (row.step && steps.get(row.step)) || L(row.step ?? '–', row.step ?? '–'), ...cells(row) },
              ...(row.step && row.step !== 'referral' ? { drill: { stepCode: row.step } } : {}),
            })),
          { total: true, drill: {}, cells: { name: L('รวม', 'Total'), ...totalCells } },
        ],
      },
    ],
  };
}

/** The filters in words, one line each. */
async function describeFilter(db: Kysely<Database>, filter: ReportFilter): Promise<LocalizedText[]> {
  const lines: LocalizedText[] = [];
  if (filter.problem) {
    const name = (await problemNames(db)).get(filter.problem);
    lines.push(L(`ปัญหา: ${name?.nameTh ?? filter.problem}`, `Problem: ${name?.nameEn ?? filter.problem}`));
  }
  if (filter.channel) {
    const label = CHANNEL_LABELS[filter.channel];
    lines.push(L(`ช่องทาง: ${label.th}`, `Channel: ${label.en}`));
  }
  if (filter.provinceCode) {
    const name = (await provinceNames(db)).get(filter.provinceCode);
    lines.push(L(`จังหวัด: ${name?.nameTh ?? filter.provinceCode}`, `Province: ${name?.nameEn ?? filter.provinceCode}`));
  }
  if (filter.districtCode) {
    const district = await db
      .selectFrom('geo_district')
      .select(['name_th', 'name_en'])
      .where('code', '=', filter.districtCode)
      .executeTakeFirst();
    lines.push(
      L(
        `อำเภอ/เขต: ${district?.name_th ?? filter.districtCode}`,
        `District: ${district?.name_en ?? filter.districtCode}`,
      ),
    );
  }
  if (filter.agencyId) {
    const agency = await db
      .selectFrom('agency')
      .select(['name_th', 'name_en'])
      .where('id', '=', filter.agencyId)
      .executeTakeFirst();
    lines.push(L(`หน่วยงาน: ${agency?.name_th ?? '–'}`, `Agency: ${agency?.name_en ?? agency?.name_th ?? '–'}`));
  }
  return lines;
}

/** A standard report as one document: the screen and every export are drawn from it. */
export async function buildReport(
  db: Kysely<Database>,
  actor: Principal,
  kind: ReportKind,
  filter: ReportFilter,
  now: Date,
  action: Action = 'reports.read',
): Promise<ReportDocument> {
  const filters = await describeFilter(db, filter);
  const base = { kind, title: TITLES[kind], filters, generatedAt: now.toISOString() };
  if (kind === 'compliance') {
    const { period, scopeLabel, sections } = await complianceSections(db, actor, filter, now, action);
    return { ...base, period, scope: scopeLabel, sections };
  }
  if (kind === 'service') {
    const { dashboard, sections } = await serviceSections(db, actor, filter, now, action);
    return { ...base, period: dashboard.period, scope: dashboard.scope, sections };
  }
  const dashboard = await buildDashboard(db, actor, filter, now, { kind, action });
  return { ...base, period: dashboard.period, scope: dashboard.scope, sections: dashboardSections(dashboard, kind) };
}
