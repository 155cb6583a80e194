import { BriefPublishedEvent, createEvent, EXAMPLE_DATA, type LiaisonEvent } from '@liaison/contracts';
import { DEFAULT_RETRY_POLICY, InProcessBus, JetStreamBus, provisionStreams } from '@liaison/messaging';
import { removeTestStreams, testMessaging } from '@liaison/testing';
import { MirroredBus } from '../src/events/mirrored-bus';

// Real: NATS JetStream (streams of this file's own prefixes) and the in-process bus, as the
// standalone host wires them when NATS_URL is given.

describe('standalone with NATS_URL: events also reach JetStream', () => {
  const names = testMessaging();
  let mirror: JetStreamBus;
  let local: InProcessBus;
  let bus: MirroredBus;

  beforeAll(async () => {
    mirror = await JetStreamBus.connect(names.natsUrl, 'standalone-mirror-test', { ...names, retry: DEFAULT_RETRY_POLICY });
    await provisionStreams(mirror.jsm, { ...names, duplicateWindowMs: 120_000, maxAgeMs: 0 });
    local = new InProcessBus({ retry: DEFAULT_RETRY_POLICY, history: { read: async function* () {} } });
    bus = new MirroredBus(local, mirror);
  });
  afterAll(async () => {
    await bus.close();
    await removeTestStreams(names);
  });

  it('delivers to the local consumers, and a partner reading the stream sees the same event once', async () => {
    const data = EXAMPLE_DATA['liaison.brief.published.v1'];
    const event = createEvent(BriefPublishedEvent, { subject: data.briefId, data, classification: data.classification, originorg: data.originOrganizationId, sequence: 1 });
    const locally: LiaisonEvent[] = [];
    await local.subscribe('notifications__briefs', BriefPublishedEvent.subject, async ({ event: delivered }) => {
      locally.push(delivered);
    });
    expect(await bus.publish(BriefPublishedEvent.subject, event)).toEqual({ duplicate: false });
    expect(locally.map((delivered) => delivered.id)).toEqual([event.id]);
    // a repeat (the relay re-sending after a crash) is dropped by both
    expect(await bus.publish(BriefPublishedEvent.subject, event)).toEqual({ duplicate: true });

    const partner: LiaisonEvent[] = [];
    const subscription = await mirror.subscribe('partner__briefs', BriefPublishedEvent.subject, async ({ event: read }) => {
      partner.push(read);
    });
    const deadline = Date.now() + 10_000;
    while (partner.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await subscription.close();
    expect(partner.map((read) => read.id)).toEqual([event.id]);
    expect(locally).toHaveLength(1);
  });
});
