// Real: NATS JetStream at NATS_URL, with streams of each test's own.
import { JetStreamBus } from '../src/jetstream/jetstream-bus';
import { CONTRACT_RETRY, describeEventBusContract } from './event-bus.contract';
import { testMessaging } from '@liaison/testing';
import { eventually, sleep, testStreams } from './support';

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
