import { z } from 'zod';
import { ERRORS } from '../errors.ts';

const errorCodes = Object.keys(ERRORS) as [keyof typeof ERRORS, ...(keyof typeof ERRORS)[]];

/** Every error the API returns has this one shape. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.object({ th: z.string(), en: z.string() }),
      /** Per-field problems of a validation error, for forms to show. */
      fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
      /** The request's id, for a person to quote to an administrator. */
      requestId: z.string(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const LocalizedName = z.object({ th: z.string(), en: z.string().nullable() });
