// Real: the in-process bus itself (it has no server). What the standalone mode runs.
import { InProcessBus } from '../src/in-process/in-process-bus';
import { CONTRACT_RETRY, describeEventBusContract } from './event-bus.contract';

describeEventBusContract('in-process', async (options = {}) => {
  const bus = new InProcessBus({ retry: CONTRACT_RETRY, concurrency: options.concurrency });
  return { bus, teardown: () => bus.close() };
});
