import type { Grant } from '@oscc/contract';
import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../database-schema.ts';
import type { SecondFactorState } from './identity.table.ts';
import { grantRows, toGrants } from './users.repository.ts';

export interface SessionRow {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  secondFactor: SecondFactorState;
  /** The person's unit, read in the same query (it is needed on every request). */
  unitId: string | null;
  /** What the person may do, also in the same query: one round trip per request for who is asking. */
  grants: Grant[];
}

export function createSessionsRepository(db: Kysely<Database>) {
  return {
    async insert(session: {
      tokenHash: string;
      userId: string;
      createdAt: Date;
      expiresAt: Date;
      secondFactor: SecondFactorState;
    }): Promise<void> {
      await db
        .insertInto('user_session')
        .values({
          token_hash: session.tokenHash,
          user_id: session.userId,
          created_at: session.createdAt,
          last_seen_at: session.createdAt,
          expires_at: session.expiresAt,
          second_factor: session.secondFactor,
        })
        .execute();
    },

    /** A session that has not expired, of a person who is still active. */
    async findLive(tokenHash: string, now: Date): Promise<SessionRow | null> {
      const row = await db
        .selectFrom('user_session')
        .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
        .select([
          'user_session.token_hash',
          'user_session.user_id',
          'user_session.expires_at',
          'user_session.last_seen_at',
          'user_session.second_factor',
          'app_user.unit_id',
        ])
        .select((eb) => jsonArrayFrom(grantRows(db, eb.ref('user_session.user_id'))).as('grants'))
        .where('user_session.token_hash', '=', tokenHash)
        .where('user_session.expires_at', '>', now)
        .where('app_user.status', '=', 'active')
        .executeTakeFirst();
      return row
        ? {
            tokenHash: row.token_hash,
            userId: row.user_id,
            expiresAt: row.expires_at,
            lastSeenAt: row.last_seen_at,
            secondFactor: row.second_factor,
            unitId: row.unit_id,
            grants: toGrants(row.grants),
          }
        : null;
    },

    async touch(tokenHash: string, now: Date): Promise<void> {
      await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
    },

    async setSecondFactor(tokenHash: string, state: SecondFactorState): Promise<void> {
      await db.updateTable('user_session').set({ second_factor: state }).where('token_hash', '=', tokenHash).execute();
    },

    async delete(tokenHash: string): Promise<void> {
      await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
    },

    async deleteForUser(userId: string): Promise<void> {
      await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
    },

    /** Removes sessions that expired before `now`; returns how many. */
    async deleteExpired(now: Date): Promise<number> {
      const result = await db.deleteFrom('user_session').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
