import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import type { AuthService } from './auth.service.ts';

export const DELETE_EXPIRED_SESSIONS = 'identity.delete-expired-sessions';

/** Expired sessions are useless and a liability: remove them every 15 minutes. */
export function identityJobs(auth: AuthService): JobDefinition[] {
  return [
    {
      name: DELETE_EXPIRED_SESSIONS,
      cron: '*/15 * * * *',
      async handler(log) {
        const deleted = await auth.deleteExpiredSessions();
        log.info({ deleted }, 'expired sessions deleted');
        return { deleted };
      },
    },
  ];
}
