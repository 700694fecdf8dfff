import type { RoleCode, RoleInfo, UpdateRoleRulesRequest } from '@oscc/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api.ts';
import { SESSION_QUERY_KEY } from '../../../lib/query-client.ts';
import { ROLES_QUERY_KEY } from '../../../lib/reference-data.ts';

/**
 * Replaces one role's rules. The server applies them at everyone's next request; here the roles are read again,
 * and so is the session, whose permission list (the menu) may have changed for the administrator too.
 */
export function useUpdateRoleRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, rules }: { code: RoleCode } & UpdateRoleRulesRequest) =>
      apiRequest<RoleInfo>(`/api/roles/${encodeURIComponent(code)}/rules`, { method: 'PUT', body: { rules } }),
    onSuccess: (role) => {
      queryClient.setQueryData<{ items: RoleInfo[] }>(ROLES_QUERY_KEY, (data) =>
        data ? { items: data.items.map((item) => (item.code === role.code ? role : item)) } : data,
      );
      void queryClient.invalidateQueries({ queryKey: ROLES_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    },
  });
}
