import type { CaseState, Channel, ContactOutcome, LocalizedText } from '@oscc/contract';

/**
 * The words reports print for the system's codes, in Thai and English — the
 * same words the web app shows, kept here because the server writes the
 * exported files and e-mails itself.
 */
export const CHANNEL_LABELS: Record<Channel, LocalizedText> = {
  hotline: { th: 'สายด่วน 1300', en: 'Hotline 1300' },
  walk_in: { th: 'มาด้วยตนเอง', en: 'Walk-in' },
  web: { th: 'เว็บไซต์', en: 'Website' },
  mobile_app: { th: 'แอปพลิเคชัน', en: 'Mobile app' },
  line: { th: 'LINE', en: 'LINE' },
  facebook: { th: 'Facebook', en: 'Facebook' },
  international: { th: 'โทรจากต่างประเทศ', en: 'International call' },
};

export const STATUS_LABELS: Record<CaseState, LocalizedText> = {
  triage: { th: 'รอคัดกรอง', en: 'Awaiting triage' },
  new: { th: 'เรื่องใหม่', en: 'New' },
  referred: { th: 'ส่งต่อแล้ว รอหน่วยงานรับเรื่อง', en: 'Referred, awaiting acceptance' },
  in_progress: { th: 'อยู่ระหว่างดำเนินการ', en: 'In progress' },
  pending_closure: { th: 'รออนุมัติยุติการให้บริการ', en: 'Closure awaiting approval' },
  closed: { th: 'ยุติการให้บริการแล้ว', en: 'Closed' },
  reopened: { th: 'เปิดเรื่องอีกครั้ง', en: 'Reopened' },
  merged: { th: 'รวมกับเรื่องอื่นแล้ว', en: 'Merged' },
};

export const OUTCOME_LABELS: Record<ContactOutcome, LocalizedText> = {
  case: { th: 'รับเป็นเรื่อง', en: 'Became a case' },
  advice: { th: 'ให้คำปรึกษา', en: 'Advice given' },
  information: { th: 'ให้ข้อมูล', en: 'Information given' },
  referred_elsewhere: { th: 'แนะนำหน่วยงานอื่น', en: 'Referred elsewhere' },
  prank: { th: 'โทรก่อกวน', en: 'Prank' },
  silent: { th: 'ไม่มีเสียง', en: 'Silent call' },
  wrong_number: { th: 'โทรผิด', en: 'Wrong number' },
  pending: { th: 'แชตที่ยังไม่ได้คัดกรอง', en: 'Chat awaiting triage' },
};

export const NONE_LABELS = {
  unit: { th: 'ยังไม่มีหน่วยงานรับผิดชอบ', en: 'No responsible unit yet' },
  ministry: { th: 'ยังไม่ได้ส่งหน่วยงาน (ศูนย์คัดกรองกลาง)', en: 'Not yet routed (central triage)' },
  province: { th: 'ไม่ระบุจังหวัด', en: 'No province given' },
  problem: { th: 'ไม่ระบุปัญหา', en: 'No problem given' },
} satisfies Record<string, LocalizedText>;

/** Months in Thai and English, for the trend and the report titles. */
export const MONTH_NAMES: { th: readonly string[]; en: readonly string[] } = {
  th: ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** "ต.ค. 2568" / "Oct 2568" for a YYYY-MM month (Buddhist era). */
export function monthLabel(month: string): LocalizedText {
  const year = Number(month.slice(0, 4)) + 543;
  const index = Number(month.slice(5, 7)) - 1;
  return { th: `${MONTH_NAMES.th[index]} ${year}`, en: `${MONTH_NAMES.en[index]} ${year}` };
}
