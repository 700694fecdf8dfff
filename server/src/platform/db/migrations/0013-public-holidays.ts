import { sql, type Kysely } from 'kysely';

/**
 * Thai public holidays, for the business calendar: a time frame on the
 * business clock does not run on a day a unit closes for a public holiday.
 * Seeded for 2026 and 2027 (B.E. 2569–2570) and kept as data that central
 * administrators edit: the Cabinet announces each year's list, and the
 * Buddhist holidays follow the lunar calendar, so their seeded dates are
 * marked unconfirmed until someone checks them against the announcement.
 * A fixed holiday that falls on a weekend gives the next working day off.
 */
interface Holiday {
  day: string;
  nameTh: string;
  nameEn: string;
  lunar?: boolean;
}

const FIXED: { monthDay: string; nameTh: string; nameEn: string }[] = [
  { monthDay: '01-01', nameTh: 'วันขึ้นปีใหม่', nameEn: 'New Year’s Day' },
  { monthDay: '04-06', nameTh: 'วันจักรี', nameEn: 'Chakri Memorial Day' },
  { monthDay: '04-13', nameTh: 'วันสงกรานต์', nameEn: 'Songkran' },
  { monthDay: '04-14', nameTh: 'วันสงกรานต์', nameEn: 'Songkran' },
  { monthDay: '04-15', nameTh: 'วันสงกรานต์', nameEn: 'Songkran' },
  { monthDay: '05-04', nameTh: 'วันฉัตรมงคล', nameEn: 'Coronation Day' },
  {
    monthDay: '06-03',
    nameTh: 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี',
    nameEn: 'H.M. Queen Suthida’s Birthday',
  },
  {
    monthDay: '07-28',
    nameTh: 'วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว',
    nameEn: 'H.M. King Maha Vajiralongkorn’s Birthday',
  },
  {
    monthDay: '08-12',
    nameTh: 'วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ',
    nameEn: 'H.M. Queen Sirikit the Queen Mother’s Birthday and Mother’s Day',
  },
  {
    monthDay: '10-13',
    nameTh: 'วันนวมินทรมหาราช',
    nameEn: 'H.M. King Bhumibol Adulyadej the Great Memorial Day',
  },
  { monthDay: '10-23', nameTh: 'วันปิยมหาราช', nameEn: 'Chulalongkorn Memorial Day' },
  {
    monthDay: '12-05',
    nameTh: 'วันคล้ายวันพระบรมราชสมภพ ร.9 วันชาติ และวันพ่อแห่งชาติ',
    nameEn: 'King Bhumibol’s Birthday, National Day and Father’s Day',
  },
  { monthDay: '12-10', nameTh: 'วันรัฐธรรมนูญ', nameEn: 'Constitution Day' },
  { monthDay: '12-31', nameTh: 'วันสิ้นปี', nameEn: 'New Year’s Eve' },
];

/** The Buddhist holidays by the lunar calendar (B.E. 2569 has the extra eighth month). */
const LUNAR: Holiday[] = [
  { day: '2026-03-03', nameTh: 'วันมาฆบูชา', nameEn: 'Makha Bucha Day' },
  { day: '2026-05-31', nameTh: 'วันวิสาขบูชา', nameEn: 'Visakha Bucha Day' },
  { day: '2026-07-29', nameTh: 'วันอาสาฬหบูชา', nameEn: 'Asanha Bucha Day' },
  { day: '2026-07-30', nameTh: 'วันเข้าพรรษา', nameEn: 'Buddhist Lent Day' },
  { day: '2027-02-20', nameTh: 'วันมาฆบูชา', nameEn: 'Makha Bucha Day' },
  { day: '2027-05-20', nameTh: 'วันวิสาขบูชา', nameEn: 'Visakha Bucha Day' },
  { day: '2027-07-18', nameTh: 'วันอาสาฬหบูชา', nameEn: 'Asanha Bucha Day' },
  { day: '2027-07-19', nameTh: 'วันเข้าพรรษา', nameEn: 'Buddhist Lent Day' },
].map((holiday) => ({ ...holiday, lunar: true }));

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The year's holidays with the substitution days for those that fall on a weekend. */
export function seededHolidays(years: readonly number[] = [2026, 2027]): Holiday[] {
  const holidays: Holiday[] = [];
  for (const year of years) {
    const days: Holiday[] = [
      ...FIXED.map((fixed) => ({ day: `${year}-${fixed.monthDay}`, nameTh: fixed.nameTh, nameEn: fixed.nameEn })),
      ...LUNAR.filter((holiday) => holiday.day.startsWith(`${year}-`)),
    ].sort((a, b) => a.day.localeCompare(b.day));
    const taken = new Set(days.map((holiday) => holiday.day));
    const substitutes: Holiday[] = [];
    for (const holiday of days) {
      if (weekday(holiday.day) !== 0 && weekday(holiday.day) !== 6) continue;
      let day = nextDay(holiday.day);
      while (weekday(day) === 0 || weekday(day) === 6 || taken.has(day)) day = nextDay(day);
      taken.add(day);
      substitutes.push({
        day,
        nameTh: `วันหยุดชดเชย${holiday.nameTh}`,
        nameEn: `Substitution day for ${holiday.nameEn}`,
        lunar: holiday.lunar ?? false,
      });
    }
    holidays.push(...days, ...substitutes);
  }
  return holidays.sort((a, b) => a.day.localeCompare(b.day));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table public_holiday (
    day date primary key,
    name_th text not null,
    name_en text not null,
    -- A date by the lunar calendar (or derived from one) that nobody has checked against the Cabinet's list yet.
    confirmed boolean not null,
    updated_by uuid references app_user(id),
    updated_at timestamptz not null default now()
  )`.execute(db);
  for (const holiday of seededHolidays())
    await sql`insert into public_holiday (day, name_th, name_en, confirmed)
      values (${holiday.day}, ${holiday.nameTh}, ${holiday.nameEn}, ${!holiday.lunar})
      on conflict (day) do nothing`.execute(db);
}
