import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { removeTestStreams, testMessaging } from './test-messaging';

// Real NATS: a test file's streams go with it, and nobody else's.
describe('removeTestStreams', () => {
  it("deletes the streams of the file's own prefix and leaves every other stream", async () => {
    const mine = testMessaging();
    const other = testMessaging();
    const connection = await connect({ servers: mine.natsUrl });
    try {
      const jsm = await jetstreamManager(connection);
      for (const [names, suffix] of [[mine, 'EVENTS'], [mine, 'DLQ'], [other, 'EVENTS']] as const) {
        await jsm.streams.add({ name: `${names.streamPrefix}${suffix}`, subjects: [`${names.subjectPrefix}${suffix.toLowerCase()}.>`] });
      }
      await removeTestStreams(mine);
      const left: string[] = [];
      for await (const name of jsm.streams.names()) left.push(name);
      expect(left.filter((name) => name.startsWith(mine.streamPrefix))).toEqual([]);
      expect(left).toContain(`${other.streamPrefix}EVENTS`);
      await removeTestStreams(other);
    } finally {
      await connection.close();
    }
  });

  it('refuses a prefix that is not a test prefix', async () => {
    await expect(removeTestStreams({ ...testMessaging(), streamPrefix: '' })).rejects.toThrow(/not a test stream prefix/);
  });
});
