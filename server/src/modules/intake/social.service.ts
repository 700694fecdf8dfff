import { timingSafeEqual } from 'node:crypto';
import type { ContactOutcome, SocialConversation } from '@oscc/contract';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../database-schema.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/authorization/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { sendFacebookText, verifyFacebookSignature, type FacebookSettings } from './facebook.ts';
import { FacebookWebhookBody, LineWebhookBody } from './webhook-body.ts';
import { LINE_LINK_PATTERN, linkLineAccount } from '../alarms/index.ts';
import { reachableContact } from './case-reach.ts';
import { pushLineText, verifyLineSignature, type LineSettings } from './line.ts';

/**
 * Conversations on LINE: each person's messages join one conversation, which
 * is a contact awaiting triage (outcome `pending`) until staff decide what it
 * is; staff replies go back through LINE's push API. Webhook events are taken
 * once — LINE redelivers — and nothing identifying is stored in the clear.
 */
export function createSocialService({
  db,
  clock,
  fields,
  line,
  facebook,
}: {
  db: Kysely<Database>;
  clock: Clock;
  fields: FieldProtector;
  line: LineSettings | null;
  facebook: FacebookSettings | null;
}) {
  /** Whether the actor reaches a conversation: through the case it became, or — before that — nation-wide intake. */
  async function reaches(actor: Principal, conversationId: string): Promise<boolean> {
    const row = await db
      .selectFrom('social_conversation')
      .innerJoin('intake_contact', 'intake_contact.id', 'social_conversation.contact_id')
      .select('social_conversation.id')
      .where('social_conversation.id', '=', conversationId)
      .where((eb) => reachableContact(eb, actor))
      .executeTakeFirst();
    return !!row;
  }

  async function conversation(id: string): Promise<SocialConversation | null> {
    const row = await db
      .selectFrom('social_conversation')
      .innerJoin('intake_contact', 'intake_contact.id', 'social_conversation.contact_id')
      .select([
        'social_conversation.id',
        'social_conversation.provider',
        'social_conversation.contact_id',
        'social_conversation.started_at',
        'social_conversation.last_message_at',
        'intake_contact.outcome',
      ])
      .where('social_conversation.id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const messages = await db
      .selectFrom('social_message')
      .selectAll()
      .where('conversation_id', '=', id)
      .orderBy('seq')
      .execute();
    return {
      id: row.id,
      provider: row.provider,
      contactId: row.contact_id,
      outcome: row.outcome as ContactOutcome,
      startedAt: new Date(row.started_at).toISOString(),
      lastMessageAt: new Date(row.last_message_at).toISOString(),
      messages: messages.map((m) => ({
        id: m.id,
        direction: m.direction,
        kind: m.kind,
        text: fields.revealOptional(m.text_protected, 'social.text'),
        delivery: m.delivery,
        createdAt: new Date(m.created_at).toISOString(),
      })),
    };
  }

  /** One message from a provider, whatever its wire format. */
  interface Inbound {
    eventId: string;
    userId: string;
    kind: string;
    text: string | null;
    messageId: string | null;
  }

  /** Takes each message once (providers redeliver) into the person's conversation. */
  async function receive(provider: 'line' | 'facebook', messages: Inbound[], ignored: number) {
    const now = clock.now();
    let taken = 0;
    let skipped = ignored;
    for (const message of messages) {
      const isNew = await db.transaction().execute(async (trx) => {
        const fresh = await trx
          .insertInto('webhook_event')
          .values({ provider, event_id: message.eventId, received_at: now })
          .onConflict((conflict) => conflict.columns(['provider', 'event_id']).doNothing())
          .returning('event_id')
          .executeTakeFirst();
        if (!fresh) return false; // a redelivery of an event already taken
        const userIndex = fields.blindIndex(`${provider}_user`, message.userId);
        const existing = await trx
          .selectFrom('social_conversation')
          .innerJoin('intake_contact', 'intake_contact.id', 'social_conversation.contact_id')
          .select(['social_conversation.id', 'intake_contact.outcome'])
          .where('social_conversation.provider', '=', provider)
          .where('social_conversation.user_index', '=', userIndex)
          .executeTakeFirst();
        let conversationId = existing?.id;
        const newContact = async () =>
          (
            await trx
              .insertInto('intake_contact')
              .values({
                received_at: now,
                channel: provider,
                outcome: 'pending',
                caller_phone_protected: null,
                caller_phone_index: null,
                summary_protected: null,
                case_id: null,
                received_by: null,
                receiving_unit_id: null,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        if (existing && existing.outcome !== 'pending') {
          // The person writes again after staff triaged the conversation: a new contact, awaiting triage,
          // with the earlier messages still there for context.
          const contactId = await newContact();
          await trx
            .updateTable('social_conversation')
            .set({ contact_id: contactId })
            .where('id', '=', existing.id)
            .execute();
          await trx
            .updateTable('intake_contact')
            .set({ social_conversation_id: existing.id })
            .where('id', '=', contactId)
            .execute();
        }
        if (!conversationId) {
          const contact = { id: await newContact() };
          conversationId = (
            await trx
              .insertInto('social_conversation')
              .values({
                provider,
                user_index: userIndex,
                user_protected: fields.protect(message.userId, 'social.user'),
                contact_id: contact.id,
                started_at: now,
                last_message_at: now,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
          await trx
            .updateTable('intake_contact')
            .set({ social_conversation_id: conversationId })
            .where('id', '=', contact.id)
            .execute();
        }
        const kind = message.kind;
        await trx
          .insertInto('social_message')
          .values({
            conversation_id: conversationId,
            direction: 'in',
            kind,
            text_protected: message.text ? fields.protect(message.text, 'social.text') : null,
            provider_message_id: message.messageId,
            sent_by: null,
            delivery: 'received',
            created_at: now,
          })
          .execute();
        await trx
          .updateTable('social_conversation')
          .set({ last_message_at: now })
          .where('id', '=', conversationId)
          .execute();
        return true;
      });
      if (isNew) taken += 1;
      else skipped += 1;
    }
    return { taken, skipped };
  }

  /** The body as JSON, read leniently into the shape we take; a body that is not a JSON object is refused. */
  function parseBody<T>(raw: string, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new AppError('MALFORMED_REQUEST');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new AppError('MALFORMED_REQUEST', { internal: 'webhook body is not an object' });
    return parsed.data;
  }

  return {
    /**
     * Takes a LINE webhook: checks its signature over the raw body, then each
     * message event once. Answers how many events were new (for the log).
     */
    async receiveLine(rawBody: string, signature: string | undefined): Promise<{ taken: number; skipped: number }> {
      if (!line) throw new AppError('SERVICE_UNAVAILABLE', { internal: 'LINE is not configured' });
      if (!verifyLineSignature(rawBody, signature, line.channelSecret)) throw new AppError('INVALID_SIGNATURE');
      const body = parseBody(rawBody, LineWebhookBody);
      const messages: Inbound[] = [];
      const links: { eventId: string; userId: string; text: string }[] = [];
      let ignored = 0;
      for (const event of body.events ?? []) {
        if (!event) {
          ignored += 1;
          continue;
        }
        const userId = event.source?.userId;
        const text = event.message?.type === 'text' ? (event.message.text ?? '') : '';
        if (event.type !== 'message' || !event.webhookEventId || !userId) ignored += 1;
        // A staff member linking their LINE account for alarms: not a report to the hotline.
        else if (LINE_LINK_PATTERN.test(text)) links.push({ eventId: event.webhookEventId, userId, text });
        else
          messages.push({
            eventId: event.webhookEventId,
            userId,
            kind: event.message?.type ?? 'unknown',
            text: event.message?.type === 'text' ? (event.message.text ?? null) : null,
            messageId: event.message?.id ?? null,
          });
      }
      for (const link of links) {
        const reply = await db.transaction().execute(async (trx) => {
          const fresh = await trx
            .insertInto('webhook_event')
            .values({ provider: 'line', event_id: link.eventId, received_at: clock.now() })
            .onConflict((conflict) => conflict.columns(['provider', 'event_id']).doNothing())
            .returning('event_id')
            .executeTakeFirst();
          return fresh ? linkLineAccount(trx, clock.now(), link.userId, link.text) : null;
        });
        if (reply) await pushLineText(line, link.userId, reply).catch(() => undefined);
      }
      return receive('line', messages, ignored + links.length);
    },

    /** The Messenger verification handshake: the challenge back for the right token, nothing otherwise. */
    verifyFacebookSubscription(
      mode: string | undefined,
      token: string | undefined,
      challenge: string | undefined,
    ): string {
      if (!facebook) throw new AppError('SERVICE_UNAVAILABLE', { internal: 'Facebook is not configured' });
      if (mode !== 'subscribe' || !token || !challenge) throw new AppError('FORBIDDEN');
      const given = Buffer.from(token);
      const expected = Buffer.from(facebook.verifyToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('FORBIDDEN');
      return challenge;
    },

    /** Takes a Messenger webhook: checks X-Hub-Signature-256, then each message once (by its mid). */
    async receiveFacebook(rawBody: string, signature: string | undefined): Promise<{ taken: number; skipped: number }> {
      if (!facebook) throw new AppError('SERVICE_UNAVAILABLE', { internal: 'Facebook is not configured' });
      if (!verifyFacebookSignature(rawBody, signature, facebook.appSecret)) throw new AppError('INVALID_SIGNATURE');
      const body = parseBody(rawBody, FacebookWebhookBody);
      const messages: Inbound[] = [];
      let ignored = 0;
      for (const entry of body.entry ?? [])
        for (const event of entry?.messaging ?? []) {
          if (!event) {
            ignored += 1;
            continue;
          }
          const mid = event.message?.mid;
          const userId = event.sender?.id;
          // Echoes are the page's own messages coming back; deliveries and reads carry no message.
          if (!mid || !userId || event.message?.is_echo) ignored += 1;
          else
            messages.push({
              eventId: mid,
              userId,
              kind: event.message?.text ? 'text' : (event.message?.attachments?.[0]?.type ?? 'unknown'),
              text: event.message?.text ?? null,
              messageId: mid,
            });
        }
      return receive('facebook', messages, ignored);
    },

    /** Conversations waiting for staff (newest message first), or all of them. */
    async listConversations(actor: Principal, status: 'pending' | 'all'): Promise<SocialConversation[]> {
      let query = db
        .selectFrom('social_conversation')
        .innerJoin('intake_contact', 'intake_contact.id', 'social_conversation.contact_id')
        .select('social_conversation.id')
        .where((eb) => reachableContact(eb, actor))
        .orderBy('social_conversation.last_message_at', 'desc')
        .limit(50);
      if (status === 'pending') query = query.where('intake_contact.outcome', '=', 'pending');
      const ids = await query.execute();
      const items = await Promise.all(ids.map((row) => conversation(row.id)));
      return items.filter((item): item is SocialConversation => item !== null);
    },

    getConversation: async (actor: Principal, id: string): Promise<SocialConversation> => {
      const found = (await reaches(actor, id)) ? await conversation(id) : null;
      if (!found) throw new AppError('NOT_FOUND');
      return found;
    },

    /**
     * Sends a staff reply back through the provider. The message is kept
     * whatever happens; when the provider does not take it, it is marked failed
     * and the caller is told (502), to try again.
     */
    async reply(
      actor: { principal: Principal; requestId: string | null },
      conversationId: string,
      text: string,
    ): Promise<SocialConversation> {
      const row = await db
        .selectFrom('social_conversation')
        .select(['id', 'provider', 'user_protected'])
        .where('id', '=', conversationId)
        .executeTakeFirst();
      if (!row || !(await reaches(actor.principal, conversationId))) throw new AppError('NOT_FOUND');
      const now = clock.now();
      const to = fields.reveal(row.user_protected, 'social.user');
      let send: (() => Promise<void>) | null = null;
      if (row.provider === 'line' && line) send = () => pushLineText(line, to, text);
      if (row.provider === 'facebook' && facebook) send = () => sendFacebookText(facebook, to, text);
      if (!send) throw new AppError('SERVICE_UNAVAILABLE', { internal: `${row.provider} is not configured` });
      let delivered = true;
      try {
        await send();
      } catch {
        delivered = false;
      }
      await db.transaction().execute(async (trx) => {
        const message = await trx
          .insertInto('social_message')
          .values({
            conversation_id: row.id,
            direction: 'out',
            kind: 'text',
            text_protected: fields.protect(text, 'social.text'),
            provider_message_id: null,
            sent_by: actor.principal.userId,
            delivery: delivered ? 'sent' : 'failed',
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(
          trx,
          { actorUserId: actor.principal.userId, requestId: actor.requestId, now },
          {
            action: delivered ? 'social.reply' : 'social.reply.failed',
            entityType: 'social_conversation',
            entityId: row.id,
            after: { messageId: message.id, provider: row.provider },
          },
        );
      });
      if (!delivered) throw new AppError('CHANNEL_UNAVAILABLE');
      return (await conversation(row.id))!;
    },
  };
}

export type SocialService = ReturnType<typeof createSocialService>;
