import { formatBuddhistDate } from '@oscc/contract';
import { useLanguage } from '../../i18n/index.ts';
import { timeLeftText } from '../../lib/time-left.ts';

/** "เหลือ 5 ชั่วโมง 20 นาที", or "เกินกำหนด 2 ชั่วโมง" in red once the deadline has passed. */
export function TimeLeft({ minutesLeft }: { minutesLeft: number }) {
  const { t } = useLanguage();
  const text = timeLeftText(minutesLeft, {
    unit: (unit, count) => t(`myWork.time.${unit}`, { count }),
    left: (time) => t('myWork.left', { time }),
    overdue: (time) => t('myWork.overdue', { time }),
  });
  return minutesLeft < 0 ? (
    <strong className="time-left time-overdue">{text}</strong>
  ) : (
    <span className="time-left">{text}</span>
  );
}

/** A moment in the Buddhist era, Bangkok time, as a <time>. */
export function WhenText({ at }: { at: string }) {
  const { language } = useLanguage();
  return <time dateTime={at}>{formatBuddhistDate(at, language, 'dateTime')}</time>;
}
