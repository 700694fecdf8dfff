import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import { ALARM_NOTIFY_CHANNEL } from './engine.ts';

export interface AlarmFeedEvent {
  alarmId: string;
}

type Listener = (event: AlarmFeedEvent) => void;

/**
 * Live alarms for the people signed in to this process. Whoever raises an
 * alarm (the checker, in this process or a worker elsewhere) notifies in the
 * same transaction; the notification arrives here once it commits, and the
 * feed passes it to the connections of the alarm's in-app recipients. The
 * notification carries only the alarm's id: who it is for is read here.
 */
export function createAlarmFeed(
  db: Kysely<Database>,
  listen: (channel: string, callback: (payload: string) => void) => Promise<() => Promise<void>>,
) {
  const listeners = new Map<string, Set<Listener>>();
  let stopListening: (() => Promise<void>) | null = null;
  let starting: Promise<void> | null = null;

  async function dispatch(alarmId: string) {
    if (listeners.size === 0 || !/^[0-9a-f-]{36}$/i.test(alarmId)) return;
    const rows = await db
      .selectFrom('alarm_delivery')
      .select('recipient_user_id')
      .distinct()
      .where('alarm_id', '=', alarmId)
      .where('channel', '=', 'in_app')
      .where('recipient_user_id', 'in', [...listeners.keys()])
      .execute();
    for (const row of rows) for (const listener of listeners.get(row.recipient_user_id) ?? []) listener({ alarmId });
  }

  return {
    /** Starts listening (once); later calls wait for the first. */
    start(): Promise<void> {
      starting ??= listen(ALARM_NOTIFY_CHANNEL, (payload) => {
        void dispatch(payload).catch(() => undefined);
      }).then((stop) => {
        stopListening = stop;
      });
      return starting;
    },
    subscribe(userId: string, listener: Listener): () => void {
      const set = listeners.get(userId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(userId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
      };
    },
    get connections(): number {
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
    async stop(): Promise<void> {
      await stopListening?.();
      stopListening = null;
      starting = null;
    },
  };
}

export type AlarmFeed = ReturnType<typeof createAlarmFeed>;
