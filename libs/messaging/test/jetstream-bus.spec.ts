// Real: NATS JetStream at NATS_URL, with streams of each test's own.
import { JetStreamBus } from '../src/jetstream/jetstream-bus';
import { CONTRACT_RETRY, describeEventBusContract } from './event-bus.contract';
import { testStreams } from './support';

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
