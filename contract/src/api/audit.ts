import { z } from 'zod';

/**
 * The kinds of record the audit trail speaks about so far. The list query takes any such word, so a new kind shows
 * up in the trail before anyone adds it here; this list is what a filter offers.
 */
export const AUDIT_ENTITY_TYPES = ['user', 'unit', 'unit_area', 'agency', 'role', 'case'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** One recorded change: who, when, what, and the record before and after (as the change stored them). */
export const AuditEvent = z
  .object({
    /** Increasing with time; a string because it is a 64-bit number. */
    id: z.string(),
    at: z.iso.datetime(),
    /** Null for changes made from the operators' console or by the system itself. */
    actor: z.object({ id: z.uuid(), nameTh: z.string(), email: z.string() }).nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    /** The request that made the change, to find it in the server's logs. */
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

/** A calendar day, read as that day in Asia/Bangkok. */
const BangkokDate = z.iso.date();

export const AuditListQuery = z
  .object({
    entityType: z
      .string()
      .trim()
      .regex(/^[a-z_]{1,50}$/)
      .optional(),
    entityId: z.string().trim().min(1).max(100).optional(),
    actorUserId: z.uuid().optional(),
    /** The actor's e-mail, exactly (any case), for people who know the address and not the id. */
    actorEmail: z.string().trim().min(1).max(254).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    /** First day included (YYYY-MM-DD, Asia/Bangkok). */
    from: BangkokDate.optional(),
    /** Last day included (YYYY-MM-DD, Asia/Bangkok). */
    to: BangkokDate.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['to'],
    message: 'to must not be before from',
  });
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditPage = z
  .object({ items: z.array(AuditEvent), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;
