import type { Language } from '../i18n/language.ts';
import { isApiError } from './api.ts';

/**
 * The server's field problems as "field name" → message, for showing next to the inputs. Paths arrive as
 * 'body.mobile' or 'body.roles.unitId'; the 'body.' prefix is dropped. Messages written "ไทย / English" are
 * shown in the reader's language.
 */
export function fieldErrors(error: unknown, language: Language): Record<string, string> {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return {};
  const errors: Record<string, string> = {};
  for (const problem of error.fields) {
    const field = problem.path.replace(/^body\./, '');
    if (errors[field] !== undefined) continue;
    errors[field] = localizedProblem(problem.message, language);
  }
  return errors;
}

/** "เบอร์โทรศัพท์ไม่ถูกต้อง / Invalid mobile" → the half in the reader's language. */
export function localizedProblem(message: string, language: Language): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  return (language === 'en' ? parts[1] : parts[0]) ?? message;
}
