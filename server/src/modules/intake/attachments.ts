import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { Database } from '../../database-schema.ts';
import type { FieldProtector } from '../../platform/crypto/field-protection.ts';
import { AppError, type FieldProblem } from '../../platform/http/app-error.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';

export interface CheckedAttachment {
  fileName: string | null;
  mediaType: string;
  content: Buffer;
  sha256: string;
}

/** A file name as people gave it, without any path, control characters or excess length. */
function cleanFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned || null;
}

/**
 * Finds each file's type from its content (magic numbers) — the name and the
 * type the sender declared are not believed — and refuses what is not on the
 * list, every refused file at once.
 */
export async function checkAttachments(
  files: readonly UploadedFile[],
  allowed: readonly string[],
  path: string,
): Promise<CheckedAttachment[]> {
  const problems: FieldProblem[] = [];
  const checked: CheckedAttachment[] = [];
  for (const [index, file] of files.entries()) {
    const found = await fileTypeFromBuffer(file.content);
    // HEIF stills are detected as image/heif or image/heic depending on the brand.
    if (!found || !allowed.includes(found.mime)) {
      problems.push({
        path: `${path}.${index}`,
        code: 'unsupported_file_type',
        message: `ไฟล์นี้ไม่ใช่รูปภาพหรือเอกสารที่รับได้ (${allowed.join(', ')}) / This file is not an accepted type`,
      });
      continue;
    }
    checked.push({
      fileName: cleanFileName(file.fileName),
      mediaType: found.mime,
      content: file.content,
      sha256: createHash('sha256').update(file.content).digest('hex'),
    });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  return checked;
}

/** Stores checked files on a case, encrypted, in the caller's transaction. */
export async function storeAttachments(
  trx: Kysely<Database>,
  fields: FieldProtector,
  caseId: string,
  files: readonly CheckedAttachment[],
  context: AttachmentContext,
): Promise<string[]> {
  if (files.length === 0) return [];
  const rows = await trx
    .insertInto('case_attachment')
    .values(attachmentRows(fields, caseId, files, context))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

interface AttachmentContext {
  source: 'public' | 'staff' | 'social';
  uploadedBy: string | null;
  now: Date;
}

/** The rows of checked files on a case, their names and contents encrypted (at least one file). */
export function attachmentRows(
  fields: FieldProtector,
  caseId: string,
  files: readonly CheckedAttachment[],
  context: AttachmentContext,
) {
  return files.map((file) => ({
    case_id: caseId,
    media_type: file.mediaType,
    byte_size: file.content.length,
    sha256: file.sha256,
    file_name_protected: fields.protectOptional(file.fileName, 'attachment.file_name'),
    content_protected: fields.protectBytes(file.content, 'attachment.content'),
    source: context.source,
    uploaded_by: context.uploadedBy,
    created_at: context.now,
  }));
}
