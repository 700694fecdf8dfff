import { z } from 'zod';

/**
 * What a provider's webhook may carry, read leniently: a part that is not the
 * shape we read (a number where an id belongs, a list that is not a list, a
 * NUL in an id) becomes "absent", so its event is skipped like any event we
 * do not take — and nothing a signed body holds can make the handler fail
 * half-way through (a provider redelivers whatever is not answered 2xx).
 */
const Id = z
  .string()
  .min(1)
  .max(256)
  .refine((id) => !/\p{Cc}/u.test(id), 'no control characters')
  .optional()
  .catch(undefined);
/** Message text: NUL characters (which PostgreSQL text cannot hold) are dropped. */
const Text = z
  .string()
  .max(20_000)
  .transform((text) => text.replaceAll('\u0000', ''))
  .optional()
  .catch(undefined);
const Flag = z.boolean().optional().catch(undefined);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item.catch(undefined as never))
    .optional()
    .catch(undefined);

export const LineWebhookBody = z.object({
  events: list(
    z.object({
      type: Id,
      webhookEventId: Id,
      source: z.object({ userId: Id }).optional().catch(undefined),
      message: z.object({ id: Id, type: Id, text: Text }).optional().catch(undefined),
    }),
  ),
});
export type LineWebhookBody = z.infer<typeof LineWebhookBody>;

export const FacebookWebhookBody = z.object({
  entry: list(
    z.object({
      messaging: list(
        z.object({
          sender: z.object({ id: Id }).optional().catch(undefined),
          message: z
            .object({
              mid: Id,
              text: Text,
              is_echo: Flag,
              attachments: list(z.object({ type: Id })),
            })
            .optional()
            .catch(undefined),
        }),
      ),
    }),
  ),
});
export type FacebookWebhookBody = z.infer<typeof FacebookWebhookBody>;
