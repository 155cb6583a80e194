import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { NotificationsConfig } from '../config';
import type { MailContent } from './email-content';

export interface OutgoingMail extends MailContent {
  to: string;
  /** deterministic, from the delivery row: a retry is the same message */
  messageId: string;
  language: string;
}

/** SMTP through nodemailer, from SMTP_URL. Without one, e-mails wait in their rows. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | undefined;

  constructor(@Inject(NotificationsConfig) private readonly config: NotificationsConfig) {
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('no SMTP_URL configured');
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { 'Content-Language': mail.language },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
