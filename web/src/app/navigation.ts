import type { Action } from '@oscc/contract';

export type NavigationLabel =
  | 'nav.home'
  | 'nav.intake'
  | 'nav.messages'
  | 'nav.screening'
  | 'nav.referrals'
  | 'nav.reports'
  | 'nav.myWork'
  | 'nav.geography'
  | 'nav.units'
  | 'nav.agencies'
  | 'nav.problemTypes'
  | 'nav.routing'
  | 'nav.procedures'
  | 'nav.users'
  | 'nav.audit'
  | 'nav.privacy'
  | 'nav.roles'
  | 'nav.alarmDeliveries'
  | 'nav.apiDocs';

export interface NavigationItem {
  label: NavigationLabel;
  to: string;
  /** Pages outside the app (served by the API server), opened as plain links. */
  external?: boolean;
  /** Marked current only on its own address, not on the pages below it that have their own item. */
  end?: boolean;
  /** Shown only to people allowed this (a list: any one of them); undefined means everyone signed in. */
  requires?: Action | readonly Action[];
}

/** Every page of the app. Only pages that work are listed here. */
export const NAVIGATION: readonly NavigationItem[] = [
  { label: 'nav.home', to: '/' },
  // What to do next comes first for the people who work cases or approve their closure.
  { label: 'nav.myWork', to: '/my-work', requires: ['cases.work', 'cases.approve'] },
  { label: 'nav.intake', to: '/intake', end: true, requires: 'cases.intake' },
  { label: 'nav.messages', to: '/intake/messages', requires: 'cases.intake' },
  { label: 'nav.screening', to: '/cases/screening', requires: 'cases.screen' },
  { label: 'nav.referrals', to: '/referrals', requires: 'cases.work' },
  { label: 'nav.reports', to: '/reports', requires: 'reports.read' },
  { label: 'nav.geography', to: '/geography' },
  { label: 'nav.units', to: '/units', requires: 'organisations.read' },
  { label: 'nav.agencies', to: '/agencies', requires: 'organisations.read' },
  { label: 'nav.problemTypes', to: '/problem-types', requires: 'organisations.manage' },
  { label: 'nav.routing', to: '/routing', requires: 'organisations.read' },
  { label: 'nav.procedures', to: '/procedures' },
  { label: 'nav.alarmDeliveries', to: '/alarm-deliveries', requires: 'alarms.manage' },
  { label: 'nav.users', to: '/users', requires: 'users.read' },
  { label: 'nav.audit', to: '/audit', requires: 'audit.read' },
  // The data protection officer's registers, and the break-the-glass review for whoever audits.
  { label: 'nav.privacy', to: '/privacy', requires: ['privacy.manage', 'audit.read'] },
  { label: 'nav.roles', to: '/roles', requires: 'roles.manage' },
  { label: 'nav.apiDocs', to: '/api/docs', external: true, requires: 'system.config.read' },
];

/** The menu a person sees: what their permissions allow and nothing more. */
export function navigationFor(permissions: readonly Action[]): NavigationItem[] {
  return NAVIGATION.filter((item) => isAllowed(item.requires, permissions));
}

/** Whether a person with these permissions may see a page that requires `requires` (any one of a list). */
export function isAllowed(requires: NavigationItem['requires'], permissions: readonly Action[]): boolean {
  if (requires === undefined) return true;
  const anyOf: readonly Action[] = typeof requires === 'string' ? [requires] : requires;
  return anyOf.some((action) => permissions.includes(action));
}
