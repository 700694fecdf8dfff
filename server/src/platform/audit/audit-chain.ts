import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../clock.ts';
import type { JobDefinition } from '../jobs/job-queue.ts';

/**
 * The audit trail's hash chain. Events are written by `recordAudit` in their
 * change's own transaction — many at once, committing in any order — and a
 * single sealer links them afterwards, in the order they became visible:
 *
 *   chain_hash(n) = HMAC-SHA-256(audit key, chain_hash(n-1) ‖ canonical(event n))
 *
 * The key is derived from the field hash key (never stored in the database),
 * so someone who can write to the database but does not hold the keys cannot
 * rewrite an event and recompute the chain after it. A trigger refuses
 * deletions and any update but the one sealing; `verifyAuditChain` (and
 * `npx oscc verify-audit`) recomputes every link and finds a changed, removed
 * or inserted event. Sealing after commit, rather than chaining inside each
 * transaction, keeps every audited change free of a global lock.
 */

const BATCH = 2000;
const GENESIS_LABEL = 'oscc audit chain genesis';

export const SEAL_AUDIT_EVENTS = 'audit.seal';

interface ChainRow {
  id: string;
  at_us: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_text: string | null;
  after_text: string | null;
  request_id: string | null;
  scope_unit_id: string | null;
  scope_province_code: string | null;
  scope_ministry_id: string | null;
}

/** The columns that make an event, as text both engines print identically (jsonb prints canonically). */
function selectChainRow(db: Kysely<Database>) {
  return db
    .selectFrom('audit_event')
    .select([
      sql<string>`audit_event.id::text`.as('id'),
      sql<string>`(extract(epoch from audit_event.at) * 1000000)::bigint::text`.as('at_us'),
      sql<string | null>`audit_event.actor_user_id::text`.as('actor_user_id'),
      'audit_event.action',
      'audit_event.entity_type',
      'audit_event.entity_id',
      sql<string | null>`audit_event.before_state::text`.as('before_text'),
      sql<string | null>`audit_event.after_state::text`.as('after_text'),
      'audit_event.request_id',
      sql<string | null>`audit_event.scope_unit_id::text`.as('scope_unit_id'),
      sql<string | null>`audit_event.scope_province_code::text`.as('scope_province_code'),
      sql<string | null>`audit_event.scope_ministry_id::text`.as('scope_ministry_id'),
    ]);
}

function canonical(row: ChainRow): string {
  return JSON.stringify([
    row.id,
    row.at_us,
    row.actor_user_id,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before_text,
    row.after_text,
    row.request_id,
    row.scope_unit_id,
    row.scope_province_code?.trim() ?? null,
    row.scope_ministry_id,
  ]);
}

export function chainLink(key: Buffer, previous: string, row: ChainRow): string {
  return createHmac('sha256', key)
    .update(previous, 'utf8')
    .update('\n')
    .update(canonical(row), 'utf8')
    .digest('base64url');
}

export function genesisHash(key: Buffer): string {
  return createHmac('sha256', key).update(GENESIS_LABEL, 'utf8').digest('base64url');
}

/**
 * Seals every event not yet in the chain (in batches, each its own
 * transaction, the head row locked so two workers never seal at once).
 * Returns how many it sealed.
 */
export async function sealAuditEvents(db: Kysely<Database>, key: Buffer, clock: Clock): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('audit_chain_head')
        .values({ seq: '0', hash: genesisHash(key), sealed_at: clock.now() })
        .onConflict((conflict) => conflict.column('singleton').doNothing())
        .execute();
      const head = await trx.selectFrom('audit_chain_head').selectAll().forUpdate().executeTakeFirstOrThrow();
      const rows = await selectChainRow(trx)
        .where('audit_event.chain_seq', 'is', null)
        .orderBy('audit_event.id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return 0;
      let seq = BigInt(head.seq);
      let hash = head.hash;
      const links: { id: string; seq: string; hash: string }[] = [];
      for (const row of rows) {
        seq += 1n;
        hash = chainLink(key, hash, row);
        links.push({ id: row.id, seq: seq.toString(), hash });
      }
      const values = sql.join(links.map((l) => sql`(${l.id}::bigint, ${l.seq}::bigint, ${l.hash}::text)`));
      await sql`update audit_event set chain_seq = v.seq, chain_hash = v.hash
        from (values ${values}) as v(id, seq, hash) where audit_event.id = v.id`.execute(trx);
      await trx.updateTable('audit_chain_head').set({ seq: seq.toString(), hash, sealed_at: clock.now() }).execute();
      return rows.length;
    });
    sealed += count;
    if (count < BATCH) return sealed;
  }
}

export interface AuditChainReport {
  ok: boolean;
  /** Events checked along the chain. */
  sealed: number;
  /** Events not sealed yet (written since the sealer's last run). */
  unsealed: number;
  head: { seq: string; hash: string } | null;
  /** What is wrong, first problem first (at most 20). */
  problems: string[];
}

/** Recomputes the whole chain from the genesis; reads in batches of event order. */
export async function verifyAuditChain(db: Kysely<Database>, key: Buffer): Promise<AuditChainReport> {
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < 20) problems.push(problem);
  };
  const headRow = await db.selectFrom('audit_chain_head').selectAll().executeTakeFirst();
  let expectedSeq = 1n;
  let previous = genesisHash(key);
  let checked = 0;
  let after = 0n;
  for (;;) {
    const rows = await selectChainRow(db)
      .select([sql<string>`audit_event.chain_seq::text`.as('seq'), 'audit_event.chain_hash'])
      .where('audit_event.chain_seq', 'is not', null)
      .where('audit_event.chain_seq', '>', after.toString())
      .orderBy('audit_event.chain_seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (seq !== expectedSeq) note(`event(s) ${expectedSeq}–${seq - 1n} of the chain are missing`);
      const expected = chainLink(key, previous, row);
      if (!sameHash(expected, row.chain_hash ?? '')) note(`event ${row.id} (chain ${seq}) was altered or moved`);
      // Continue from what is stored, so one altered event is reported once and the rest still checks.
      previous = row.chain_hash ?? expected;
      expectedSeq = seq + 1n;
      checked += 1;
      after = seq;
    }
    if (rows.length < BATCH) break;
  }
  const lastSeq = expectedSeq - 1n;
  if (headRow) {
    if (BigInt(headRow.seq) !== lastSeq) note(`the chain ends at ${lastSeq} but its head says ${headRow.seq}`);
    else if (lastSeq > 0n && !sameHash(headRow.hash, previous)) note('the chain head does not match its last event');
  } else if (checked > 0) note('sealed events exist but the chain head is missing');
  const unsealed = await db
    .selectFrom('audit_event')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('chain_seq', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    ok: problems.length === 0,
    sealed: checked,
    unsealed: unsealed.n,
    head: headRow ? { seq: headRow.seq.toString(), hash: headRow.hash } : null,
    problems,
  };
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Every minute: seal what was audited since. */
export function auditJobs(db: Kysely<Database>, key: Buffer, clock: Clock): JobDefinition[] {
  return [
    {
      name: SEAL_AUDIT_EVENTS,
      cron: '* * * * *',
      async handler(log) {
        const sealed = await sealAuditEvents(db, key, clock);
        if (sealed) log.info({ sealed }, 'audit events sealed into the chain');
        return { sealed };
      },
    },
  ];
}
