import { request, type ClientRequest } from 'node:http';

export interface SseMessage {
  id: string | undefined;
  event: string | undefined;
  data: any;
}

/** A Server-Sent Events reader over plain HTTP, as a browser's EventSource reads the feed. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  status = 0;
  /** the server ended the feed */
  ended = false;
  private request: ClientRequest;
  private buffer = '';

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.request = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
        client.status = response.statusCode ?? 0;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.read(chunk));
        response.on('end', () => (client.ended = true));
        resolve(client);
      });
      client.request.on('error', (error) => (client.status ? undefined : reject(error)));
      client.request.end();
    });
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const message: SseMessage = { id: undefined, event: undefined, data: undefined };
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) message.id = line.slice(4);
        else if (line.startsWith('event: ')) message.event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) {
        message.data = JSON.parse(data);
        this.messages.push(message);
      }
    }
  }

  close(): void {
    this.request.destroy();
  }
}
