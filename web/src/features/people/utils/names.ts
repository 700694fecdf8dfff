import type { UserDetail } from '@oscc/contract';

/** "นางสาวสมหญิง ใจดี": a Thai title is written joined to the first name. */
export function fullNameTh(user: Pick<UserDetail, 'titleTh' | 'firstNameTh' | 'lastNameTh'>): string {
  return `${user.titleTh ?? ''}${user.firstNameTh} ${user.lastNameTh}`;
}
