import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest, toQueryString } from '../../../lib/api.ts';

export const PASSWORD_LINK_PURPOSES = ['invitation', 'password_reset'] as const;
export type PasswordLinkPurpose = (typeof PASSWORD_LINK_PURPOSES)[number];

/** At least this many characters (the server's rule, NIST 800-63B: length over composition). */
export const MIN_PASSWORD_LENGTH = 12;

export function isPasswordLinkPurpose(value: string | null): value is PasswordLinkPurpose {
  return value !== null && (PASSWORD_LINK_PURPOSES as readonly string[]).includes(value);
}

export function usePasswordLink(token: string, purpose: PasswordLinkPurpose | null) {
  return useQuery({
    queryKey: ['auth', 'password-link', token, purpose],
    queryFn: ({ signal }) =>
      apiRequest<{ email: string; expiresAt: string }>(`/api/auth/password-link${toQueryString({ token, purpose })}`, {
        signal,
      }),
    enabled: token.length > 0 && purpose !== null,
    staleTime: Infinity,
  });
}

export function useSetPassword() {
  return useMutation({
    mutationFn: (input: { token: string; purpose: PasswordLinkPurpose; password: string }) =>
      apiRequest<void>('/api/auth/password', { method: 'POST', body: input }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => apiRequest<void>('/api/auth/password-reset', { method: 'POST', body: { email } }),
  });
}
