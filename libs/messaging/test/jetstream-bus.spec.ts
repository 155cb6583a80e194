// Real: NATS JetStream at NATS_URL, with streams of each test's own.
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import { JetStreamBus } from '../src/jetstream/jetstream-bus';
import { eventsStreamName } from '../src/wire-names';
import { CONTRACT_RETRY, describeEventBusContract } from './event-bus.contract';
import { testMessaging } from '@liaison/testing';
import { briefPublished, eventually, sleep, testStreams } from './support';

const SILENT = { log: () => undefined, error: () => undefined, warn: () => undefined };

describeEventBusContract('JetStream', async (options = {}) => {
  const streams = await testStreams();
  const bus = new JetStreamBus(streams.connection, streams.jsm, {
    ...streams.names,
    retry: CONTRACT_RETRY,
    ackWaitMs: options.ackWaitMs ?? 5_000,
    concurrency: options.concurrency,
  });
  return {
    bus,
    teardown: async () => {
      await bus.close();
      await streams.remove();
    },
  };
});

describe('JetStream nudges between replicas', () => {
  it('reach every replica of the deployment (its own connection, same prefix), and no other deployment', async () => {
    const streams = await testStreams();
    const elsewhere = testMessaging();
    const options = { ...streams.names, retry: CONTRACT_RETRY };
    const [first, second, otherDeployment] = await Promise.all([
      JetStreamBus.connect(streams.names.natsUrl, 'replica-1', options),
      JetStreamBus.connect(streams.names.natsUrl, 'replica-2', options),
      JetStreamBus.connect(streams.names.natsUrl, 'other', { ...options, subjectPrefix: elsewhere.subjectPrefix }),
    ]);
    try {
      const heard: string[] = [];
      second.listenForNudges('liaison-live.officer', () => heard.push('replica-2'));
      otherDeployment.listenForNudges('liaison-live.officer', () => heard.push('other deployment'));
      await second.connection.flush();
      await otherDeployment.connection.flush();
      first.nudge('liaison-live.officer');
      await eventually(() => expect(heard).toEqual(['replica-2']));
      await sleep(200);
      expect(heard).toEqual(['replica-2']);
    } finally {
      await Promise.all([first.close(), second.close(), otherDeployment.close()]);
      await streams.remove();
    }
  });
});

describe('JetStream subscription closing (a rolling restart)', () => {
  it('begins nothing more: what it pulled ahead goes to the next replica at once, not after the ack wait', async () => {
    const streams = await testStreams();
    const subject = 'liaison.dialogues.brief.published';
    const options = { ...streams.names, retry: CONTRACT_RETRY, ackWaitMs: 30_000, prefetch: 10, concurrency: 1 };
    const stopping = new JetStreamBus(streams.connection, streams.jsm, options);
    const next = await JetStreamBus.connect(streams.names.natsUrl, 'replica-2', options);
    try {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const handledByStopping: string[] = [];
      const subscription = await stopping.subscribe('notifications__briefs', subject, async ({ event }) => {
        handledByStopping.push(event.id);
        await released;
      });
      const events = Array.from({ length: 5 }, () => briefPublished());
      for (const event of events) await stopping.publish(subject, event);
      // the first is being handled, the other four wait in the subscription's buffer
      await eventually(() => expect(handledByStopping).toHaveLength(1));
      await sleep(200);
      const closed = subscription.close();
      release();
      await closed;
      expect(handledByStopping).toEqual([events[0].id]);

      const handledByNext: Array<{ id: string; deliveryCount: number }> = [];
      const started = Date.now();
      await next.subscribe('notifications__briefs', subject, async ({ event, deliveryCount }) => {
        handledByNext.push({ id: event.id, deliveryCount });
      });
      await eventually(() => expect(handledByNext.map((h) => h.id).sort()).toEqual(events.slice(1).map((e) => e.id).sort()), 10_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      // handed back, not first deliveries: they had been pulled by the stopping replica
      expect(handledByNext.every((h) => h.deliveryCount === 2)).toBe(true);
    } finally {
      await Promise.all([stopping.close(), next.close()]);
      await streams.remove();
    }
  }, 30_000);
});

describe('JetStream subscription whose pull is refused', () => {
  it('pulls again and goes on taking events, without an unhandled rejection (which ends a service)', async () => {
    const streams = await testStreams();
    const subject = 'liaison.dialogues.brief.published';
    const consumer = 'notifications__briefs';
    const bus = new JetStreamBus(streams.connection, streams.jsm, { ...streams.names, retry: CONTRACT_RETRY, logger: SILENT });
    // another client on the same NATS sees the subscription's pull requests, and answers the
    // first as the server answers a pull it refuses: a 400 status, which the client takes as final
    const server = await connect({ servers: streams.names.natsUrl });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const inboxes: string[] = [];
      server.subscribe(`$JS.API.CONSUMER.MSG.NEXT.${eventsStreamName(streams.names)}.${consumer}`, {
        callback: (_error, request) => {
          if (request.reply) inboxes.push(request.reply);
        },
      });
      await server.flush();
      const handled: string[] = [];
      await bus.subscribe(consumer, subject, async ({ event }) => void handled.push(event.id));
      await eventually(() => expect(inboxes.length).toBeGreaterThan(0));
      server.publish(inboxes[0], new Uint8Array(), { headers: natsHeaders(400, 'Bad Request') });
      await server.flush();
      await sleep(300);

      const event = briefPublished();
      await bus.publish(subject, event);
      await eventually(() => expect(handled).toEqual([event.id]), 10_000);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await server.close();
      // without the fix the close meets the pull's error: the streams still go
      await bus.close().finally(() => streams.remove());
    }
  }, 30_000);
});
