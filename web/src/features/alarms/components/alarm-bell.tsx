import type { AlarmItem } from '@oscc/contract';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useLanguage } from '../../../i18n/index.ts';
import { alarmHeadline } from '../../../lib/alarm-words.ts';
import { useAlarmStream, useAlarmSummary } from '../api/alarms.ts';

/** More than this shows as "99+": the badge stays small; the label says the real number. */
const BADGE_MAX = 99;

/**
 * The bell in the header: how many alarms I have not seen, leading to my alarm list. Its name says the number in
 * words; the badge shows it to the eye.
 */
export function AlarmBell({ onOpen }: { onOpen?: () => void }) {
  const { t } = useLanguage();
  const summary = useAlarmSummary();
  const unread = summary.data?.unread ?? 0;
  return (
    <Link
      to="/alarms"
      className="button button-quiet button-on-dark alarm-bell"
      data-testid="alarm-bell"
      onClick={onOpen}
    >
      <BellIcon />
      <span className="alarm-bell-text">{t('alarms.bell.label')}</span>
      {unread > 0 ? (
        <span className="alarm-bell-count" aria-hidden="true">
          {unread > BADGE_MAX ? `${BADGE_MAX}+` : unread}
        </span>
      ) : null}
      {/* The name is read from the content, "การแจ้งเตือน ยังไม่ได้อ่าน 3 รายการ": the number in words, not the badge. */}
      <span className="visually-hidden">
        {' '}
        {unread > 0 ? t('alarms.bell.unread', { count: unread }) : t('alarms.bell.none')}
      </span>
    </Link>
  );
}

function BellIcon() {
  return (
    <svg className="alarm-bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

/**
 * Opens the live alarm feed for the signed-in person and keeps the last alarm it announced, for the notice under
 * the header. `dismiss` hides the notice.
 */
export function useAlarmNotice(userId: string): { alarmId: string | null; isShown: boolean; dismiss: () => void } {
  const [notice, setNotice] = useState<{ alarmId: string | null } | null>(null);
  useAlarmStream(userId, (alarmId) => setNotice({ alarmId }));
  return { alarmId: notice?.alarmId ?? null, isShown: notice !== null, dismiss: () => setNotice(null) };
}

/**
 * The live notice: a status region that is always in the page (so screen readers hear what appears in it), telling
 * which case the new alarm is about once the bell's list names it.
 */
export function AlarmLiveNotice({
  alarmId,
  isShown,
  onDismiss,
}: {
  alarmId: string | null;
  isShown: boolean;
  onDismiss: () => void;
}) {
  const { language, t } = useLanguage();
  const summary = useAlarmSummary();
  // On the alarm list itself the new alarm is in front of the reader already: no link to it.
  const isOnList = useLocation().pathname === '/alarms';
  const item: AlarmItem | undefined = alarmId ? summary.data?.items.find((row) => row.id === alarmId) : undefined;
  return (
    <div className={isShown ? 'alarm-live is-shown' : 'alarm-live'}>
      <div className="alarm-live-inner">
        <p role="status" aria-live="polite" aria-atomic="true" className="alarm-live-text">
          {isShown
            ? item
              ? t('alarms.live.named', {
                  headline: t(`alarms.headline.${alarmHeadline(item)}`),
                  caseNumber: item.caseNumber,
                  subject: language === 'en' ? item.subjectEn : item.subjectTh,
                })
              : t('alarms.live.unnamed')
            : ''}
        </p>
        {isShown ? (
          <p className="alarm-live-actions">
            {isOnList ? null : (
              <Link to="/alarms" onClick={onDismiss}>
                {t('alarms.live.open')}
              </Link>
            )}
            <button type="button" className="button button-small" onClick={onDismiss}>
              {t('alarms.live.dismiss')}
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}
