import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { TokenPurpose } from './identity.table.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Single-use, expiring tokens (invitation and reset links, sign-in
 * challenges). The token itself goes to its owner; only its hash is kept.
 */
export function createTokensRepository(db: Kysely<Database>) {
  return {
    async issue(
      userId: string,
      purpose: TokenPurpose,
      now: Date,
      lifetimeMs: number,
    ): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + lifetimeMs);
      // A new link replaces any earlier unused one of the same purpose.
      await db
        .deleteFrom('user_token')
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute();
      await db
        .insertInto('user_token')
        .values({ token_hash: hashToken(token), user_id: userId, purpose, created_at: now, expires_at: expiresAt })
        .execute();
      return { token, expiresAt };
    },

    /** Looks a token up without using it: its user, if it is unused and unexpired. */
    async peek(token: string, purpose: TokenPurpose, now: Date): Promise<{ userId: string; expiresAt: Date } | null> {
      const row = await db
        .selectFrom('user_token')
        .select(['user_id', 'expires_at'])
        .where('token_hash', '=', hashToken(token))
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? { userId: row.user_id, expiresAt: row.expires_at } : null;
    },

    /** Uses a token once: returns its user, or null if it is unknown, used or expired. */
    async consume(token: string, purpose: TokenPurpose, now: Date): Promise<string | null> {
      const row = await db
        .updateTable('user_token')
        .set({ used_at: now })
        .where('token_hash', '=', hashToken(token))
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id ?? null;
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
