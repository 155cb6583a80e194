import type { DeadLetterPosition, Delivery, EventBus, EventSubscription, RetryPolicy } from '../src/event-bus';
import { DeadLetterNotReplayable, DependencyUnavailable, UnprocessableEvent } from '../src/event-bus';
import { newTraceparent } from '@liaison/contracts';
import { briefPublished, eventually, sleep } from './support';

/** Short back-off so a retry test fits in a second. */
export const CONTRACT_RETRY: RetryPolicy = { maxDeliver: 3, backoffMs: [100, 200] };

/** What a test may ask of its bus beyond the defaults (a transport without an ack timeout ignores `ackWaitMs`). */
export interface EventBusTestOptions {
  concurrency?: number;
  ackWaitMs?: number;
}

export type EventBusFactory = (options?: EventBusTestOptions) => Promise<{ bus: EventBus; teardown: () => Promise<void> }>;

const SUBJECT = 'liaison.dialogues.brief.published';
const OTHER_SUBJECT = 'liaison.dialogues.brief.withdrawn';

/**
 * What every EventBus must do, run against JetStream and the in-process bus alike (each test gets a
 * fresh bus; the factory must use `CONTRACT_RETRY`).
 */
export function describeEventBusContract(name: string, factory: EventBusFactory): void {
  describe(`EventBus contract: ${name}`, () => {
    let bus: EventBus;
    let teardown: () => Promise<void>;
    const subscriptions: EventSubscription[] = [];

    beforeEach(async () => {
      ({ bus, teardown } = await factory());
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await teardown();
    });

    async function record(consumer: string, subject = SUBJECT, handle: (delivery: Delivery) => Promise<void> = async () => undefined) {
      const deliveries: Delivery[] = [];
      subscriptions.push(
        await bus.subscribe(consumer, subject, async (delivery) => {
          deliveries.push(delivery);
          await handle(delivery);
        }),
      );
      return deliveries;
    }

    it('delivers a published event with its subject, traceparent and a first delivery count', async () => {
      const deliveries = await record('notifications__briefs');
      const traceparent = newTraceparent();
      const event = briefPublished(traceparent);
      expect(await bus.publish(SUBJECT, event, traceparent)).toEqual({ duplicate: false });
      await eventually(() => expect(deliveries).toHaveLength(1));
      expect(deliveries[0]).toMatchObject({ subject: SUBJECT, consumer: 'notifications__briefs', deliveryCount: 1, traceparent });
      expect(deliveries[0].event).toEqual(event);
    });

    it('stores an event id once: a repeat is acknowledged as a duplicate and not delivered', async () => {
      const deliveries = await record('notifications__briefs');
      const event = briefPublished();
      await bus.publish(SUBJECT, event);
      expect(await bus.publish(SUBJECT, event)).toEqual({ duplicate: true });
      await eventually(() => expect(deliveries).toHaveLength(1));
      await sleep(300);
      expect(deliveries).toHaveLength(1);
    });

    it('gives every consumer its own copy, and only of the subject it subscribed to', async () => {
      const first = await record('notifications__briefs');
      const second = await record('training__briefs');
      const withdrawals = await record('notifications__withdrawals', OTHER_SUBJECT);
      await bus.publish(SUBJECT, briefPublished());
      await eventually(() => {
        expect(first).toHaveLength(1);
        expect(second).toHaveLength(1);
      });
      await sleep(200);
      expect(withdrawals).toHaveLength(0);
    });

    it('replays the history to a new consumer, and resumes a returning one where it left off', async () => {
      const before = briefPublished(undefined, 'before');
      await bus.publish(SUBJECT, before);
      const deliveries = await record('notifications__briefs');
      await eventually(() => expect(deliveries.map((d) => d.event.id)).toEqual([before.id]));

      await subscriptions.pop()!.close();
      const whileAway = briefPublished(undefined, 'while away');
      await bus.publish(SUBJECT, whileAway);
      const resumed = await record('notifications__briefs');
      await eventually(() => expect(resumed.map((d) => d.event.id)).toEqual([whileAway.id]));
    });

    it('retries a failing handler with back-off, then dead-letters the event with its error; the rest still flow', async () => {
      const poison = briefPublished(undefined, 'poison');
      const deliveries = await record('notifications__briefs', SUBJECT, async ({ event }) => {
        if (event.id === poison.id) throw new Error('read model unavailable');
      });
      await bus.publish(SUBJECT, poison);
      const healthy = briefPublished(undefined, 'healthy');
      await bus.publish(SUBJECT, healthy);

      await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));
      const [letter] = await bus.listDeadLetters({ consumer: 'notifications__briefs' });
      expect(letter).toMatchObject({ subject: SUBJECT, consumer: 'notifications__briefs', deliveries: CONTRACT_RETRY.maxDeliver });
      expect(letter.error).toContain('read model unavailable');
      expect(letter.event?.id).toBe(poison.id);
      const poisonDeliveries = deliveries.filter((d) => d.event.id === poison.id).map((d) => d.deliveryCount);
      expect(poisonDeliveries).toEqual([1, 2, 3]);
      // The healthy event was handled while the poison one waited for its back-off.
      expect(deliveries.findIndex((d) => d.event.id === healthy.id)).toBeLessThan(deliveries.length - 1);
      expect(await bus.listDeadLetters({ consumer: 'someone__else' })).toEqual([]);
    });

    it('waits out an outage longer than the delivery budget: the event is handled once the dependency is back, not dead-lettered', async () => {
      const outageFailures = CONTRACT_RETRY.maxDeliver + 2;
      const attempts: number[] = [];
      const handled: string[] = [];
      await record('notifications__briefs', SUBJECT, async ({ event, deliveryCount }) => {
        attempts.push(deliveryCount);
        if (attempts.length <= outageFailures) {
          // as pg reports a database that shut down under the handler
          throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        }
        handled.push(event.id);
      });
      const event = briefPublished();
      await bus.publish(SUBJECT, event);
      await eventually(() => expect(handled).toEqual([event.id]), 10_000);
      expect(attempts).toHaveLength(outageFailures + 1);
      expect(new Set(attempts)).toEqual(new Set([1])); // no delivery of the budget was spent
      expect(await bus.listDeadLetters()).toEqual([]);
    });

    it('counts a handler\'s own failure after an outage against its budget as usual', async () => {
      let calls = 0;
      await record('notifications__briefs', SUBJECT, async () => {
        calls += 1;
        if (calls === 1) throw new DependencyUnavailable('read model database unreachable');
        throw new UnprocessableEvent('the event itself is wrong');
      });
      await bus.publish(SUBJECT, briefPublished());
      await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));
      expect((await bus.listDeadLetters())[0].error).toContain('the event itself is wrong');
    });

    it('dead-letters an UnprocessableEvent at once, without retrying', async () => {
      const deliveries = await record('notifications__briefs', SUBJECT, async () => {
        throw new UnprocessableEvent('audience names an unknown organization');
      });
      await bus.publish(SUBJECT, briefPublished());
      await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));
      await sleep(300);
      expect(deliveries).toHaveLength(1);
      expect((await bus.listDeadLetters())[0]).toMatchObject({ deliveries: 1 });
      expect((await bus.listDeadLetters())[0].error).toContain('unknown organization');
    });

    it('pages through the dead letters oldest first, a service\'s own apart from the others\'', async () => {
      const refuse = async () => {
        throw new UnprocessableEvent('bug');
      };
      await record('notifications__briefs', SUBJECT, refuse);
      await record('dialogues__briefs', SUBJECT, refuse);
      const events = Array.from({ length: 5 }, () => briefPublished());
      for (const event of events) {
        await bus.publish(SUBJECT, event);
        await eventually(async () => expect(await bus.listDeadLetters({ limit: 100 })).toHaveLength(2 * (events.indexOf(event) + 1)));
      }
      const pages: string[][] = [];
      let after: DeadLetterPosition | undefined;
      do {
        const page = await bus.listDeadLetters({ service: 'notifications', after, limit: 2 });
        pages.push(page.map((letter) => letter.event!.id));
        after = page.length === 2 ? page[1] : undefined;
      } while (after && pages.length < 10);
      expect(pages.flat()).toEqual(events.map((event) => event.id));
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      const dialogues = await bus.listDeadLetters({ service: 'dialogues' });
      expect(dialogues.map((letter) => [letter.consumer, letter.event!.id])).toEqual(events.map((event) => ['dialogues__briefs', event.id]));
      expect(await bus.listDeadLetters({ service: 'notif' })).toEqual([]);
    });

    it('replays a dead letter to its consumer and removes it from the dead letters', async () => {
      let broken = true;
      const handled: string[] = [];
      await record('notifications__briefs', SUBJECT, async ({ event }) => {
        if (broken) throw new UnprocessableEvent('bug');
        handled.push(event.id);
      });
      const event = briefPublished();
      await bus.publish(SUBJECT, event);
      await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));

      broken = false;
      const [letter] = await bus.listDeadLetters();
      await bus.replayDeadLetter(letter.id);
      await eventually(() => expect(handled).toEqual([event.id]));
      expect(await bus.listDeadLetters()).toEqual([]);
    });

    it('replays to the failed consumer alone: the consumers that handled the event do not see it again', async () => {
      let broken = true;
      const failed = await record('notifications__briefs', SUBJECT, async () => {
        if (broken) throw new UnprocessableEvent('bug');
      });
      const handledIt = await record('training__briefs');
      const event = briefPublished();
      await bus.publish(SUBJECT, event);
      await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));
      await eventually(() => expect(handledIt).toHaveLength(1));

      broken = false;
      await bus.replayDeadLetter((await bus.listDeadLetters())[0].id);
      // handed over before the replay resolves, as one more delivery
      expect(failed.map((d) => [d.event.id, d.deliveryCount])).toEqual([
        [event.id, 1],
        [event.id, 2],
      ]);
      await sleep(300);
      expect(handledIt).toHaveLength(1);
      expect(await bus.listDeadLetters()).toEqual([]);
    });

    it('sets a replayed event that fails again aside anew, with the new error', async () => {
      let error = 'first bug';
      await record('notifications__briefs', SUBJECT, async () => {
        throw new UnprocessableEvent(error);
      });
      const event = briefPublished();
      await bus.publish(SUBJECT, event);
      await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));
      const [before] = await bus.listDeadLetters();

      error = 'second bug';
      await bus.replayDeadLetter(before.id);
      const after = await bus.listDeadLetters();
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ consumer: 'notifications__briefs', subject: SUBJECT, deliveries: before.deliveries + 1 });
      expect(after[0].id).not.toBe(before.id);
      expect(after[0].error).toContain('second bug');
      expect(after[0].event?.id).toBe(event.id);
      await expect(bus.replayDeadLetter(before.id)).rejects.toThrow(/No dead letter/);
    });

    it('keeps the dead letter when the replay meets an outage, or its consumer has no handler here', async () => {
      let outage = false;
      const subscribed = await bus.subscribe('notifications__briefs', SUBJECT, async () => {
        if (outage) throw new DependencyUnavailable('read model database unreachable');
        throw new UnprocessableEvent('bug');
      });
      await bus.publish(SUBJECT, briefPublished());
      await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));
      const [letter] = await bus.listDeadLetters();

      outage = true;
      await expect(bus.replayDeadLetter(letter.id)).rejects.toThrow(DependencyUnavailable);
      expect(await bus.listDeadLetters()).toEqual([letter]);

      await subscribed.close();
      await expect(bus.replayDeadLetter(letter.id)).rejects.toThrow(DeadLetterNotReplayable);
      expect(await bus.listDeadLetters()).toEqual([letter]);
    });

    it('discards a dead letter for good: it is neither listed nor delivered again', async () => {
      const handled: string[] = [];
      await record('notifications__briefs', SUBJECT, async ({ event }) => {
        handled.push(event.id);
        throw new UnprocessableEvent('not for us');
      });
      await bus.publish(SUBJECT, briefPublished());
      await eventually(async () => expect(await bus.listDeadLetters()).toHaveLength(1));
      const [letter] = await bus.listDeadLetters();
      await bus.discardDeadLetter(letter.id);
      expect(await bus.listDeadLetters()).toEqual([]);
      await expect(bus.discardDeadLetter(letter.id)).rejects.toThrow(/No dead letter/);
      await expect(bus.replayDeadLetter(letter.id)).rejects.toThrow(/No dead letter/);
      await sleep(300);
      expect(handled).toHaveLength(1);
    });

    it('starts a reset consumer again from the first event', async () => {
      const event = briefPublished();
      await bus.publish(SUBJECT, event);
      const first = await record('notifications__briefs');
      await eventually(() => expect(first).toHaveLength(1));
      await subscriptions.pop()!.close();

      await bus.resetConsumer('notifications__briefs', SUBJECT);
      const again = await record('notifications__briefs');
      await eventually(() => expect(again.map((d) => d.event.id)).toEqual([event.id]));
    });

    describe('with concurrency', () => {
      const CONCURRENCY = 4;
      let concurrent: EventBus;
      let teardownConcurrent: () => Promise<void>;
      let openGate: () => void;
      let gate: Promise<void>;

      beforeEach(async () => {
        // A short ack wait, so an event whose ack went missing would be redelivered within the test.
        ({ bus: concurrent, teardown: teardownConcurrent } = await factory({ concurrency: CONCURRENCY, ackWaitMs: 1_000 }));
        gate = new Promise((resolve) => (openGate = resolve));
      });
      afterEach(async () => {
        openGate(); // a failed test must not leave handlers waiting, or closing would wait forever
        await teardownConcurrent();
      });

      it('runs that many slow handlers of one subscription at once, and settles every event once', async () => {
        let running = 0;
        let mostAtOnce = 0;
        const handled: Delivery[] = [];
        const subscription = await concurrent.subscribe('notifications__briefs', SUBJECT, async (delivery) => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          // Opens only once CONCURRENCY handlers are under way together: one at a time would wait forever.
          if (running === CONCURRENCY) openGate();
          await gate;
          await sleep(10);
          handled.push(delivery);
          running -= 1;
        });
        const events = Array.from({ length: 3 * CONCURRENCY }, (_, index) => briefPublished(undefined, `brief ${index}`));
        for (const event of events) await concurrent.publish(SUBJECT, event);

        await eventually(() => expect(handled).toHaveLength(events.length));
        expect(mostAtOnce).toBe(CONCURRENCY);
        expect(handled.map((d) => d.event.id).sort()).toEqual(events.map((e) => e.id).sort());
        expect(handled.every((d) => d.deliveryCount === 1)).toBe(true);

        // Acked, each one: past the ack wait, a returning consumer gets only what is new.
        await subscription.close();
        await sleep(1_500);
        const again: string[] = [];
        const resumed = await concurrent.subscribe('notifications__briefs', SUBJECT, async ({ event }) => void again.push(event.id));
        try {
          const next = briefPublished(undefined, 'after the restart');
          await concurrent.publish(SUBJECT, next);
          await eventually(() => expect(again).toContain(next.id));
          await sleep(300);
          expect(again).toEqual([next.id]);
        } finally {
          await resumed.close();
        }
      });

      it('closes a subscription only after every handler under way has finished', async () => {
        let started = 0;
        let finished = 0;
        const subscription = await concurrent.subscribe('notifications__briefs', SUBJECT, async () => {
          started += 1;
          await gate;
          finished += 1;
        });
        for (let i = 0; i < CONCURRENCY; i++) await concurrent.publish(SUBJECT, briefPublished());
        await eventually(() => expect(started).toBe(CONCURRENCY));

        let finishedWhenClosed: number | undefined;
        const closing = subscription.close().then(() => (finishedWhenClosed = finished));
        await sleep(200);
        expect(finishedWhenClosed).toBeUndefined();
        openGate();
        await closing;
        expect(finishedWhenClosed).toBe(CONCURRENCY);
      });
    });

    it('nudges the listeners of a subject, only of that subject, until they stop listening', async () => {
      const heard: string[] = [];
      const stopA = bus.listenForNudges('liaison-live.a', () => heard.push('a'));
      const stopB = bus.listenForNudges('liaison-live.b', () => heard.push('b'));
      await sleep(100); // a NATS subscription is registered with the server asynchronously
      bus.nudge('liaison-live.a');
      bus.nudge('liaison-live.a');
      await eventually(() => expect(heard).toEqual(['a', 'a']));
      stopA();
      bus.nudge('liaison-live.a');
      bus.nudge('liaison-live.b');
      await eventually(() => expect(heard).toEqual(['a', 'a', 'b']));
      await sleep(100);
      expect(heard).toEqual(['a', 'a', 'b']);
      stopB();
      stopB(); // twice is harmless
    });

    it('drops nudges quietly once closed', async () => {
      await bus.close();
      expect(() => bus.nudge('liaison-live.a')).not.toThrow();
      expect(bus.listenForNudges('liaison-live.a', () => undefined)).toEqual(expect.any(Function));
    });

    it('says it is connected, and starts with no dead letters', async () => {
      expect(bus.isConnected()).toBe(true);
      expect(await bus.listDeadLetters()).toEqual([]);
    });
  });
}
