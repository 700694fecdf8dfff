import { ACTIONS } from '@oscc/contract';
import type { Principal } from './scope.ts';

/**
 * An operator at the server's console (the CLI, a benchmark) acts for the
 * whole nation. Their changes are audited without a user (pass
 * `auditActorId: null`): the zero id below is no account.
 */
export const CONSOLE_OPERATOR: Principal = {
  userId: '00000000-0000-0000-0000-000000000000',
  unitId: null,
  grants: ACTIONS.map((action) => ({
    action,
    conditions: [['everywhere']],
    scope: { level: 'nation', unitId: null, provinceCode: null, agencyId: null },
  })),
};
