import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OutboundEmailTable {
  id: Generated<string>;
  created_at: Timestamp;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: Timestamp | null;
}

export interface OutboundEmailAttachmentTable {
  email_id: string;
  position: number;
  file_name: string;
  content_type: string;
  content: Uint8Array;
}

export interface MailTables {
  outbound_email: OutboundEmailTable;
  outbound_email_attachment: OutboundEmailAttachmentTable;
}
