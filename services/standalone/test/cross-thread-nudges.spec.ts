import { CrossThreadNudges } from '../src/delivery/cross-thread-nudges';
import { ThreadBus } from '../src/delivery/delivery-thread';

// Real: node:worker_threads' BroadcastChannel, within one thread. The standalone's two buses carry
// a nudge across threads; once closed (the process stopping while a fan-out commits), a nudge is
// dropped quietly, as the EventBus contract asks of every bus, not thrown into the fan-out.

describe('nudges across the standalone’s threads', () => {
  it('reach a live feed listening on the other side', async () => {
    const http = new ThreadBus();
    const delivery = new CrossThreadNudges(new ThreadBus());
    try {
      const heard = new Promise<void>((resolve) => http.listenForNudges('liaison-live.a', resolve));
      delivery.nudge('liaison-live.a');
      await heard;
    } finally {
      await delivery.close();
      await http.close();
    }
  });

  it('are dropped quietly once the bus is closed', async () => {
    const http = new ThreadBus();
    const delivery = new CrossThreadNudges(new ThreadBus());
    await delivery.close();
    await http.close();
    expect(() => delivery.nudge('liaison-live.a')).not.toThrow();
    expect(() => http.nudge('liaison-live.a')).not.toThrow();
  });
});
