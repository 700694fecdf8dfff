import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An e-mail as the SMTP server accepted it. */
export interface AcceptedMail {
  messageId: string;
  at: number;
}

/**
 * A real SMTP server that accepts every message and keeps its Message-ID. It reads only the headers it needs
 * (no full MIME parse): it shares the test's process with autocannon, and must not be what slows the workers'
 * sending down. With `holdMs` it answers each message only after that long, as a slow mail server would; a
 * message whose sender disconnects meanwhile (a killed worker) is not kept — the sender never learnt it went.
 */
export async function startCountingSmtp(holdMs = 0): Promise<{
  url: string;
  messages: AcceptedMail[];
  stop(): Promise<void>;
}> {
  const messages: AcceptedMail[] = [];
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const end = raw.search(/\r?\n\r?\n/);
        const headers = end < 0 ? raw : raw.slice(0, end);
        const messageId = /^message-id:\s*(<[^>]+>)/im.exec(headers)?.[1] ?? '';
        const accept = () => {
          if (closed.has(session.id)) return;
          messages.push({ messageId, at: Date.now() });
          callback();
        };
        if (holdMs > 0) setTimeout(accept, holdMs);
        else accept();
      });
    },
  });
  // A sender killed mid-message resets its connection: expected here, not an error of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
