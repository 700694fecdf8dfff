import type { ColumnType } from 'kysely';

export interface PublicHolidayTable {
  /** The day in Bangkok, read back as 'YYYY-MM-DD'. */
  day: string;
  name_th: string;
  name_en: string;
  /** False for a seeded lunar-calendar date nobody has checked against the Cabinet's list yet. */
  confirmed: boolean;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CalendarTables {
  public_holiday: PublicHolidayTable;
}
