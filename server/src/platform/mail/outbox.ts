import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../database-schema.ts';
import type { Clock } from '../clock.ts';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A stable Message-ID (`<id@host>`): a message sent again after a crash is the same message to the reader's mail system. */
  messageId?: string;
  /** Files sent with it (a scheduled report). */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * E-mail goes through an outbox: the message is a row written in the same
 * transaction as the change it reports (a new user and their invitation
 * stand or fall together), and a job sends it afterwards — retrying with
 * back-off while the mail server is down, and never losing it.
 */
export async function enqueueEmail(db: Kysely<Database>, message: EmailMessage, now: Date): Promise<string> {
  const row = await db
    .insertInto('outbound_email')
    .values({
      created_at: now,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html ?? null,
      next_attempt_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (message.attachments?.length)
    await db
      .insertInto('outbound_email_attachment')
      .values(
        message.attachments.map((file, position) => ({
          email_id: row.id,
          position,
          file_name: file.fileName,
          content_type: file.contentType,
          content: file.content,
        })),
      )
      .execute();
  return row.id;
}

function nodemailerAttachments(message: EmailMessage) {
  return message.attachments?.length
    ? {
        attachments: message.attachments.map((file) => ({
          filename: file.fileName,
          contentType: file.contentType,
          content: file.content,
        })),
      }
    : {};
}

export interface MailSettings {
  smtpUrl: string | null;
  from: string;
  /** Where messages are written as .eml files when there is no SMTP server. */
  dir: string;
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

export function createMailer(settings: MailSettings): Mailer {
  if (settings.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(settings.smtpUrl, { from: settings.from });
    return {
      async send(message) {
        await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          ...(message.messageId ? { messageId: message.messageId } : {}),
          ...nodemailerAttachments(message),
        });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.messageId ? { messageId: message.messageId } : {}),
        ...nodemailerAttachments(message),
      });
      await fs.mkdir(settings.dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
      await fs.writeFile(path.join(settings.dir, name), info.message as Buffer, { mode: 0o600 });
    },
    close: () => transport.close(),
  };
}

const MAX_ATTEMPTS = 12;
const LEASE_MS = 5 * 60_000;

/** Back-off after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/**
 * Sends what is due. Each message is leased first (so two workers never
 * send the same one at once, and one whose worker died is retried after the
 * lease), then sent outside any transaction, then marked.
 */
export async function sendPendingEmails(
  db: Kysely<Database>,
  mailer: Mailer,
  clock: Clock,
  batchSize = 20,
): Promise<{ sent: number; failed: number; retrying: number }> {
  const now = clock.now();
  const leased = await sql<{
    id: string;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string | null;
    attempts: number;
  }>`
    update outbound_email set next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
    where id in (
      select id from outbound_email
      where status = 'pending' and next_attempt_at <= ${now}
      order by next_attempt_at
      limit ${batchSize}
      for update skip locked
    )
    returning id, to_address, subject, text_body, html_body, attempts`.execute(db);
  const outcome = { sent: 0, failed: 0, retrying: 0 };
  const files = leased.rows.length
    ? await db
        .selectFrom('outbound_email_attachment')
        .selectAll()
        .where(
          'email_id',
          'in',
          leased.rows.map((row) => row.id),
        )
        .orderBy('position')
        .execute()
    : [];
  for (const email of leased.rows) {
    const attachments = files
      .filter((file) => file.email_id === email.id)
      .map((file) => ({
        fileName: file.file_name,
        contentType: file.content_type,
        content: Buffer.from(file.content),
      }));
    try {
      await mailer.send({
        to: email.to_address,
        subject: email.subject,
        text: email.text_body,
        ...(email.html_body ? { html: email.html_body } : {}),
        ...(attachments.length ? { attachments } : {}),
      });
      await db
        .updateTable('outbound_email')
        .set({ status: 'sent', sent_at: clock.now(), last_error: null })
        .where('id', '=', email.id)
        .execute();
      outcome.sent += 1;
    } catch (error) {
      const giveUp = email.attempts >= MAX_ATTEMPTS;
      const reason =
        error instanceof Error
          ? `${error.name}: ${(error as { code?: string }).code ?? ''} ${error.message}`.slice(0, 500)
          : 'unknown';
      await db
        .updateTable('outbound_email')
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: reason,
          next_attempt_at: new Date(clock.now().getTime() + retryDelayMs(email.attempts)),
        })
        .where('id', '=', email.id)
        .execute();
      if (giveUp) outcome.failed += 1;
      else outcome.retrying += 1;
    }
  }
  return outcome;
}
