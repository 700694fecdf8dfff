import { formatBuddhistDate, type AlarmType } from '@oscc/contract';

export interface AlarmFacts {
  alarm: AlarmType;
  kind: 'warning' | 'breach';
  level: number;
  round: number;
  caseNumber: string;
  subjectTh: string;
  subjectEn: string;
  unitTh: string | null;
  unitEn: string | null;
  dueAt: Date;
  now: Date;
  caseUrl: string;
  alarmsUrl: string;
}

export interface AlarmMessage {
  /** E-mail subject. */
  subject: string;
  /** E-mail body (plain text, Thai then English). */
  body: string;
  /** SMS and LINE: one short line. */
  short: string;
}

/** "3 ชม. 20 นาที" / "3 h 20 min": how far from the due time. */
function span(minutes: number, language: 'th' | 'en'): string {
  const total = Math.max(0, Math.round(Math.abs(minutes)));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const parts =
    language === 'th'
      ? [days && `${days} วัน`, hours && `${hours} ชม.`, (mins || total === 0) && `${mins} นาที`]
      : [days && `${days} d`, hours && `${hours} h`, (mins || total === 0) && `${mins} min`];
  return parts.filter(Boolean).join(' ');
}

/**
 * The words of an alarm. Never a name, an address, a phone number or the
 * story: only the case number, what is late, which unit, since when — the
 * message may be read on a lock screen.
 */
export function composeAlarm(facts: AlarmFacts): AlarmMessage {
  const minutes = (facts.now.getTime() - facts.dueAt.getTime()) / 60_000;
  const late = minutes >= 0;
  const dueTh = formatBuddhistDate(facts.dueAt, 'th', 'dateTime');
  const dueEn = formatBuddhistDate(facts.dueAt, 'en', 'dateTime');
  const headTh =
    facts.kind === 'warning'
      ? 'ใกล้ครบกำหนด'
      : facts.alarm === 'no_service'
        ? 'ยังไม่ได้รับบริการภายใน 24 ชั่วโมง'
        : 'เกินกำหนด';
  const headEn =
    facts.kind === 'warning' ? 'Due soon' : facts.alarm === 'no_service' ? 'No service within 24 hours' : 'Overdue';
  const repeatTh = facts.round > 1 ? ` (แจ้งซ้ำครั้งที่ ${facts.round})` : '';
  const repeatEn = facts.round > 1 ? ` (reminder ${facts.round})` : '';
  const whenTh = late ? `เกินมาแล้ว ${span(minutes, 'th')}` : `เหลืออีก ${span(minutes, 'th')}`;
  const whenEn = late ? `${span(minutes, 'en')} late` : `${span(minutes, 'en')} left`;
  const unitTh = facts.unitTh ? ` — ${facts.unitTh}` : '';
  const unitEn = facts.unitEn || facts.unitTh ? ` — ${facts.unitEn ?? facts.unitTh}` : '';
  return {
    subject: `[OSCC 1300] ${headTh}: เรื่อง ${facts.caseNumber} ${facts.subjectTh}${repeatTh} / ${headEn}: case ${facts.caseNumber}`,
    body: [
      `${headTh}${repeatTh} (ระดับ ${facts.level})`,
      `เรื่องเลขที่ ${facts.caseNumber}: ${facts.subjectTh}${unitTh}`,
      `กำหนด ${dueTh} — ${whenTh}`,
      `เปิดเรื่อง: ${facts.caseUrl}`,
      `รับทราบการแจ้งเตือน: ${facts.alarmsUrl}`,
      '',
      `${headEn}${repeatEn} (level ${facts.level})`,
      `Case ${facts.caseNumber}: ${facts.subjectEn}${unitEn}`,
      `Due ${dueEn} — ${whenEn}`,
      `Open the case: ${facts.caseUrl}`,
      `Acknowledge: ${facts.alarmsUrl}`,
      '',
      'ข้อความนี้ส่งจากระบบแจ้งเตือนศูนย์ช่วยเหลือสังคม 1300 โดยอัตโนมัติ / Sent automatically by the OSCC 1300 alarm system.',
    ].join('\n'),
    short: `OSCC 1300 ${headTh}${repeatTh}: เรื่อง ${facts.caseNumber} ${facts.subjectTh} ${whenTh} ${facts.caseUrl}`,
  };
}
