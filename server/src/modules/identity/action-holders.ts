import type { Action } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';

/**
 * The e-mail addresses of the active people whose roles include `action` anywhere (say, the data protection
 * officers: `privacy.manage`), in the caller's transaction; `except` leaves one person out.
 */
export async function emailsOfActionHolders(
  db: Kysely<Database>,
  action: Action,
  except: string | null = null,
): Promise<string[]> {
  let query = db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .innerJoin('role_permission', 'role_permission.role_code', 'user_role.role_code')
    .select('app_user.email')
    .distinct()
    .where('role_permission.action', '=', action)
    .where('app_user.status', '=', 'active');
  if (except) query = query.where('app_user.id', '<>', except);
  return (await query.orderBy('app_user.email').execute()).map((row) => row.email);
}
