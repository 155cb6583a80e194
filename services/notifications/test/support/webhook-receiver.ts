import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedHook {
  id: string;
  /** verified with the standardwebhooks library; an unverifiable delivery fails the test */
  body: Record<string, any>;
  path: string;
}

/**
 * A partner system: verifies every delivery with `standardwebhooks` against the secret of the
 * endpoint its path names, answers `status(path)`.
 */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  readonly rejected: string[] = [];
  readonly attempts: string[] = [];
  readonly secrets = new Map<string, string>();
  status: (path: string) => number = () => 204;
  /** awaited before the answer: a test holds a delivery on the wire while something else happens */
  hold: (path: string) => Promise<void> = async () => undefined;
  private server: Server;
  origin = '';

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        const path = request.url ?? '/';
        receiver.attempts.push(path);
        await receiver.hold(path);
        const secret = receiver.secrets.get(path);
        try {
          if (!secret) throw new Error(`no secret for ${path}`);
          const body = new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), request.headers as Record<string, string>);
          const status = receiver.status(path);
          if (status < 300) receiver.received.push({ id: String(request.headers['webhook-id']), body: body as Record<string, any>, path });
          response.writeHead(status).end();
        } catch (error) {
          receiver.rejected.push(`${path}: ${(error as Error).message}`);
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.origin = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  at(path: string): ReceivedHook[] {
    return this.received.filter((h) => h.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
