import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';

/**
 * The partners' mail server: a real SMTP server in the drill's process that keeps, per message,
 * its Message-ID and recipients (read from the headers only: the drill counts mails, it does not
 * read them). A resend of the same message (same Message-ID) is counted apart from a second one.
 */
export class DrillMailbox {
  /** Message-ID → how many times it arrived */
  readonly received = new Map<string, number>();
  private server!: SMTPServer;
  url = '';

  static async start(): Promise<DrillMailbox> {
    const mailbox = new DrillMailbox();
    mailbox.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 1_000_000,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('utf8');
        });
        stream.on('end', () => {
          const messageId = /^message-id:\s*(\S+)/im.exec(head)?.[1];
          if (messageId) mailbox.received.set(messageId, (mailbox.received.get(messageId) ?? 0) + 1);
          callback();
        });
      },
    });
    // a sender killed mid-session resets its connection: the drill's faults do that on purpose
    mailbox.server.on('error', () => undefined);
    await new Promise<void>((resolve) => mailbox.server.listen(0, '127.0.0.1', resolve));
    mailbox.url = `smtp://127.0.0.1:${(mailbox.server.server.address() as AddressInfo).port}`;
    return mailbox;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedHook {
  /** the endpoint's path: /<organization id> */
  path: string;
  /** the delivery's webhook-id */
  deliveryId: string;
  /** the event the delivery carries */
  eventId: string;
}

/**
 * The partners' systems: one HTTP receiver for every organization's endpoint (its path names the
 * organization), verifying every delivery's signature with `standardwebhooks` against the
 * endpoint's secret. An unverifiable delivery is refused and counted.
 */
export class DrillWebhookReceiver {
  readonly received: ReceivedHook[] = [];
  rejected = 0;
  readonly secrets = new Map<string, string>();
  private server!: Server;
  origin = '';

  static async start(): Promise<DrillWebhookReceiver> {
    const receiver = new DrillWebhookReceiver();
    receiver.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        try {
          const secret = receiver.secrets.get(path);
          if (!secret) throw new Error(`no endpoint at ${path}`);
          const body = new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), request.headers as Record<string, string>) as { id: string };
          receiver.received.push({ path, deliveryId: String(request.headers['webhook-id']), eventId: body.id });
          response.writeHead(204).end();
        } catch {
          receiver.rejected += 1;
          response.writeHead(400).end();
        }
      });
    });
    receiver.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.origin = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
