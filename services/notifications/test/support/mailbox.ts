import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  messageId: string | undefined;
  subject: string;
  text: string;
  html: string;
  language: string | undefined;
}

/** A real SMTP server in this process; what it receives, parsed by mailparser. */
export class Mailbox {
  readonly mails: ReceivedMail[] = [];
  /** while true, every message is refused with a temporary failure (the sender retries later) */
  refusing = false;
  private server: SMTPServer;
  url = '';

  static async start(): Promise<Mailbox> {
    const mailbox = new Mailbox();
    await mailbox.listen();
    return mailbox;
  }

  private async listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        if (this.refusing) {
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('try again later'), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then((mail: ParsedMail) => {
            this.mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              messageId: mail.messageId,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              language: mail.headers.get('content-language') as string | undefined,
            });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
