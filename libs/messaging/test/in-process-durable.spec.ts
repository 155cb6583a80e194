// Real: the in-process bus in its durable mode (the standalone host's), without a server. The
// outbox side (relay marks a row sent only when publish resolves) is exercised end to end by
// services/standalone's crash test.
import type { Delivery } from '../src/event-bus';
import { type EventHistory, type HistoricEvent, InProcessBus } from '../src/in-process/in-process-bus';
import { briefPublished, eventually, sleep } from './support';

const SUBJECT = 'liaison.dialogues.brief.published';

/** A history standing for the outbox tables: the events given, oldest first. */
function historyOf(events: ReturnType<typeof briefPublished>[]): EventHistory & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async *read(subject: string): AsyncIterable<HistoricEvent> {
      reads.push(subject);
      for (const event of events) yield { event: { id: event.id, json: JSON.stringify(event) } };
    },
  };
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('InProcessBus, durable mode (history given)', () => {
  let bus: InProcessBus;
  afterEach(() => bus.close());

  it('resolves a publish only once every consumer of the subject has handled the event', async () => {
    bus = new InProcessBus({ retry: { maxDeliver: 3, backoffMs: [50] }, history: historyOf([]) });
    const slow = gate();
    const handled: string[] = [];
    await bus.subscribe('notifications__briefs', SUBJECT, async () => {
      handled.push('notifications');
    });
    await bus.subscribe('search__briefs', SUBJECT, async () => {
      await slow.opened;
      handled.push('search');
    });
    let acknowledged = false;
    const publishing = bus.publish(SUBJECT, briefPublished()).then((outcome) => {
      acknowledged = true;
      return outcome;
    });
    await eventually(() => expect(handled).toEqual(['notifications']));
    await sleep(100);
    expect(acknowledged).toBe(false);
    slow.open();
    expect(await publishing).toEqual({ duplicate: false });
    expect(handled).toEqual(['notifications', 'search']);
  });

  it('waits through the retries of a failing handler, and lets go once the event is a dead letter', async () => {
    bus = new InProcessBus({ retry: { maxDeliver: 3, backoffMs: [50] }, history: historyOf([]) });
    const deliveries: Delivery[] = [];
    await bus.subscribe('notifications__briefs', SUBJECT, async (delivery) => {
      deliveries.push(delivery);
      throw new Error('database unavailable');
    });
    await bus.publish(SUBJECT, briefPublished());
    expect(deliveries.map((delivery) => delivery.deliveryCount)).toEqual([1, 2, 3]);
    expect(await bus.listDeadLetters()).toHaveLength(1);
  });

  it('rejects the publishes still waiting when it closes, so their outbox rows stay unsent', async () => {
    bus = new InProcessBus({ retry: { maxDeliver: 3, backoffMs: [50] }, history: historyOf([]) });
    const never = gate();
    const started = gate();
    await bus.subscribe('notifications__briefs', SUBJECT, async () => {
      started.open();
      await Promise.race([never.opened, sleep(200)]);
    });
    const publishing = bus.publish(SUBJECT, briefPublished());
    await started.opened;
    const rejected = expect(publishing).rejects.toThrow(/closed before every consumer handled the event/);
    await bus.close();
    await rejected;
    await expect(bus.publish(SUBJECT, briefPublished())).rejects.toThrow(/closed/);
  });

  it('acknowledges a repeat published while the first waits only with the first, and delivers the event once', async () => {
    bus = new InProcessBus({ retry: { maxDeliver: 3, backoffMs: [50] }, history: historyOf([]) });
    const slow = gate();
    const handled: string[] = [];
    await bus.subscribe('notifications__briefs', SUBJECT, async ({ event }) => {
      await slow.opened;
      handled.push(event.id);
    });
    const event = briefPublished();
    const acknowledged: string[] = [];
    const first = bus.publish(SUBJECT, event).then((outcome) => (acknowledged.push('first'), outcome));
    const repeat = bus.publish(SUBJECT, event).then((outcome) => (acknowledged.push('repeat'), outcome));
    await sleep(100);
    expect(acknowledged).toEqual([]);
    slow.open();
    expect(await first).toEqual({ duplicate: false });
    expect(await repeat).toEqual({ duplicate: true });
    // after it settled, a repeat is a duplicate at once
    expect(await bus.publish(SUBJECT, event)).toEqual({ duplicate: true });
    expect(handled).toEqual([event.id]);
  });

  it('feeds a reset consumer the history first, then what is published; a consumer new to the process gets what is published from then on', async () => {
    const past = [briefPublished(undefined, 'first'), briefPublished(undefined, 'second')];
    const history = historyOf(past);
    bus = new InProcessBus({ retry: { maxDeliver: 3, backoffMs: [50] }, history });
    const replayed: string[] = [];
    const live: string[] = [];
    await bus.resetConsumer('notifications__briefs');
    await bus.subscribe('notifications__briefs', SUBJECT, async ({ event }) => {
      replayed.push((event.data as { title: string }).title);
    });
    await bus.subscribe('search__briefs', SUBJECT, async ({ event }) => {
      live.push((event.data as { title: string }).title);
    });
    await bus.publish(SUBJECT, briefPublished(undefined, 'third'));
    expect(replayed).toEqual(['first', 'second', 'third']);
    expect(live).toEqual(['third']);
    expect(history.reads).toEqual([SUBJECT]);
  });

  it('does not hold a publish for a consumer that was reset: the history gives it the event again', async () => {
    bus = new InProcessBus({ retry: { maxDeliver: 5, backoffMs: [60_000] }, history: historyOf([]) });
    const failed = gate();
    const subscription = await bus.subscribe('notifications__briefs', SUBJECT, async () => {
      failed.open();
      throw new Error('database unavailable');
    });
    let acknowledged = false;
    const publishing = bus.publish(SUBJECT, briefPublished()).then(() => (acknowledged = true));
    await failed.opened;
    await subscription.close();
    await sleep(50);
    expect(acknowledged).toBe(false);
    await bus.resetConsumer('notifications__briefs');
    await publishing;
    expect(acknowledged).toBe(true);
  });
});
