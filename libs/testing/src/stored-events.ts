import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

export interface StoredMessage {
  subject: string;
  /** the message id JetStream deduplicated on */
  messageId: string | undefined;
  headers: Record<string, string>;
  event: Record<string, unknown>;
}

/**
 * Everything a stream holds, read message by message with a plain JetStream client and no
 * Liaison code in between, so a test sees what a partner system reading the stream would see.
 */
export async function storedMessages(natsUrl: string, stream: string, subject?: string): Promise<StoredMessage[]> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    let info;
    try {
      info = await jsm.streams.info(stream);
    } catch {
      return [];
    }
    const messages: StoredMessage[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (!message || (subject && message.subject !== subject)) continue;
      const headers: Record<string, string> = {};
      for (const [key] of message.header ?? []) headers[key] = message.header!.get(key);
      messages.push({
        subject: message.subject,
        messageId: headers['Nats-Msg-Id'],
        headers,
        event: message.json<Record<string, unknown>>(),
      });
    }
    return messages;
  } finally {
    await nc.close();
  }
}

/**
 * Polls until `read` returns at least `count` items and returns them; fails if the time runs out
 * first. A test that waits on it must not go on as if what it waited for had happened.
 */
export async function eventually<T>(read: () => Promise<T[]>, count: number, timeoutMs = 10_000): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  let items = await read();
  while (items.length < count) {
    if (Date.now() >= deadline) {
      throw new Error(`eventually: expected at least ${count} item(s) within ${timeoutMs} ms, still ${items.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    items = await read();
  }
  return items;
}
