import { describe, expect, it } from 'vitest';
import { composeAlarm } from './messages.ts';

const facts = {
  alarm: 'overdue' as const,
  kind: 'breach' as const,
  level: 1,
  round: 1,
  caseNumber: '2569-000123',
  subjectTh: 'รับเรื่องส่งต่อ',
  subjectEn: 'Accept the referral',
  unitTh: 'สถานีตำรวจภูธรเมืองราชบุรี',
  unitEn: 'Mueang Ratchaburi Police Station',
  dueAt: new Date('2026-12-02T03:00:00Z'),
  now: new Date('2026-12-02T05:20:00Z'),
  caseUrl: 'https://oscc.test/cases/1',
  alarmsUrl: 'https://oscc.test/alarms',
};

describe('the words of an alarm', () => {
  it('say in Thai and English what is late, where, since when, with B.E. dates and a link', () => {
    const message = composeAlarm(facts);
    expect(message.subject).toBe('[OSCC 1300] เกินกำหนด: เรื่อง 2569-000123 รับเรื่องส่งต่อ / Overdue: case 2569-000123');
    expect(message.body).toContain('เรื่องเลขที่ 2569-000123: รับเรื่องส่งต่อ — สถานีตำรวจภูธรเมืองราชบุรี');
    expect(message.body).toContain('กำหนด 2 ธ.ค. 2569 10:00 — เกินมาแล้ว 2 ชม. 20 นาที');
    expect(message.body).toContain('Due 2 Dec 2569 BE, 10:00 — 2 h 20 min late');
    expect(message.body).toContain('https://oscc.test/cases/1');
    expect(message.short.length).toBeLessThan(200);
  });

  it('tell a warning from a breach, the 24-hour alarm from the others, and a reminder from the first', () => {
    expect(composeAlarm({ ...facts, kind: 'warning', now: new Date('2026-12-02T02:00:00Z') }).short).toContain(
      'ใกล้ครบกำหนด: เรื่อง 2569-000123 รับเรื่องส่งต่อ เหลืออีก 1 ชม.',
    );
    expect(composeAlarm({ ...facts, alarm: 'no_service' }).subject).toContain('ยังไม่ได้รับบริการภายใน 24 ชั่วโมง');
    expect(composeAlarm({ ...facts, round: 3 }).subject).toContain('(แจ้งซ้ำครั้งที่ 3)');
  });
});
