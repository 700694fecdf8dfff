import type { DatabaseHandle } from '../../platform/db/database.ts';
// The tables migration 0020 put the notifying trigger on: exactly those the cache may keep data of.
import { REFERENCE_TABLES } from '../../platform/db/migrations/0020-reference-notify.ts';

/** The NOTIFY channel the reference tables' triggers send on (migration 0020). */
export const REFERENCE_CHANGED_CHANNEL = 'reference_changed';

/** How long after a write of its own the cache waits for the database's notification before trusting itself again. */
const WRITE_PAUSE_MS = 10_000;

export interface ReferenceCache {
  /** The value kept for `key`, or what `load` reads now (and is kept, when nothing changed meanwhile). */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Starts listening (the first `get` does too); resolves when listening, or when it could not start. */
  start(): Promise<void>;
  /** Stops listening; the cache keeps nothing after. */
  stop(): Promise<void>;
  /** How many values are kept (for tests and metrics). */
  readonly size: number;
}

/**
 * Reference data that checking and routing a case read on every intake and that changes only when someone edits it
 * — problem types, places, procedures, agencies, units and their areas — kept in this process's memory until the
 * database says it changed. Triggers on those tables NOTIFY `reference_changed` when a change commits (migration
 * 0020); every process listening forgets everything it keeps. Three rules keep it from serving stale data:
 *  - nothing is kept while the process is not listening (before the first use, or while a dropped listening
 *    connection is being re-established): a notification cannot be missed unnoticed;
 *  - a write of this process to a reference table (seen as it is sent, `watchWrites`) stops the cache until the
 *    notification of a commit arrives (or 10 s, for a write that was rolled back): the process that made a change
 *    never routes by the old data after it committed; another process does for the moment the notification takes;
 *  - a value read while anything changed is not kept (a generation count).
 * At most `maxEntries` values are kept, the least recently used going first.
 */
export function createReferenceCache(
  database: Pick<DatabaseHandle, 'listen' | 'watchWrites'>,
  {
    maxEntries = 5000,
    now = () => performance.now(),
  }: {
    maxEntries?: number;
    /** Milliseconds on a monotonic clock (tests move it). */
    now?: () => number;
  } = {},
): ReferenceCache {
  const entries = new Map<string, unknown>();
  let generation = 0;
  let listening = false;
  let pausedUntil = 0;
  let starting: Promise<void> | null = null;
  let stopListening: (() => Promise<void>) | null = null;
  let stopped = false;

  const forget = () => {
    entries.clear();
    generation += 1;
  };
  const stopWatching = database.watchWrites(REFERENCE_TABLES, () => {
    forget();
    pausedUntil = now() + WRITE_PAUSE_MS;
  });

  const start = () => {
    starting ??= database
      .listen(
        REFERENCE_CHANGED_CHANNEL,
        () => {
          forget();
          pausedUntil = 0;
        },
        {
          down: () => {
            listening = false;
            forget();
          },
          up: () => {
            forget();
            listening = true;
          },
        },
      )
      .then(async (stop) => {
        if (stopped) return stop();
        stopListening = stop;
        forget();
        listening = true;
      })
      // Not listening (the database away at the first use): the next use tries again; meanwhile nothing is kept.
      .catch(() => {
        starting = null;
      });
    return starting;
  };

  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!listening && !stopped) void start();
      const usable = listening && now() >= pausedUntil;
      if (usable && entries.has(key)) {
        const value = entries.get(key) as T;
        // Most recently used last: the first key is the one to let go.
        entries.delete(key);
        entries.set(key, value);
        return value;
      }
      const before = generation;
      const value = await load();
      if (usable && listening && generation === before && now() >= pausedUntil) {
        entries.set(key, value);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      return value;
    },
    start: () => (stopped ? Promise.resolve() : start()),
    async stop() {
      stopped = true;
      listening = false;
      stopWatching();
      forget();
      await starting;
      await stopListening?.();
      stopListening = null;
    },
    get size() {
      return entries.size;
    },
  };
}
