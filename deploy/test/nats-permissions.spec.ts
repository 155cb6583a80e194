import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { newEventId } from '@liaison/contracts';
import { DataSource } from 'typeorm';
import {
  DEFAULT_RETRY_POLICY,
  Inbox,
  JetStreamBus,
  messagingEntities,
  messagingMigrations,
  natsInboxPrefix,
  provisionStreams,
  UnprocessableEvent,
  verifyStreams,
} from '@liaison/messaging';
import { createTestDatabase } from '@liaison/testing';
import { natsPassword, type RunningNats, startSingleNats } from './single-nats';

/**
 * deploy/nats/accounts.conf on a real nats-server of its own (the production node's
 * configuration on one node): each service publishes its own subjects and no other's, consumes
 * what it reads through its own reply inbox, and only the operator administers the streams.
 */
describe('NATS accounts (deploy/nats)', () => {
  let nats: RunningNats;
  const connections: NatsConnection[] = [];

  const login = async (user: string, options: { inboxPrefix?: string } = {}) => {
    const connection = await connect({ servers: nats.url, user, pass: natsPassword(user), inboxPrefix: options.inboxPrefix ?? natsInboxPrefix(user) });
    connections.push(connection);
    return connection;
  };
  const busOf = async (service: string) =>
    JetStreamBus.connect(nats.url, `liaison-${service}`, {
      subjectPrefix: '',
      streamPrefix: '',
      retry: DEFAULT_RETRY_POLICY,
      credentials: { user: service, password: natsPassword(service) },
      inboxPrefix: natsInboxPrefix(service),
    });
  const event = (type: string) => {
    const id = newEventId();
    return { id, json: JSON.stringify({ specversion: '1.0', id, source: '/liaison/test', type, subject: id, time: new Date().toISOString(), data: {} }) };
  };

  beforeAll(async () => {
    nats = await startSingleNats();
    const operator = await login('operator', { inboxPrefix: '_INBOX' });
    await provisionStreams(await jetstreamManager(operator), { subjectPrefix: '', streamPrefix: '', duplicateWindowMs: 120_000, maxAgeMs: 0 });
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await nats?.stop();
  });

  it('refuses a connection without credentials or with a wrong password', async () => {
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow(/Authorization/i);
    await expect(connect({ servers: nats.url, user: 'organizations', pass: 'guess', reconnect: false })).rejects.toThrow(/Authorization/i);
  });

  it("lets a service publish its own events and not another service's (no forged officer.updated)", async () => {
    const organizations = await busOf('organizations');
    const notifications = await busOf('notifications');
    try {
      await expect(organizations.publishSerialized('liaison.organizations.officer.updated', event('liaison.officer.updated.v1'))).resolves.toEqual({ duplicate: false });
      await expect(notifications.publishSerialized('liaison.organizations.officer.updated', event('liaison.officer.updated.v1'))).rejects.toThrow(/permission/i);
      await expect(organizations.publishSerialized('liaison.dialogues.brief.published', event('liaison.brief.published.v1'))).rejects.toThrow(/permission/i);
    } finally {
      await Promise.all([organizations.close(), notifications.close()]);
    }
    const operator = await jetstreamManager(await login('operator', { inboxPrefix: '_INBOX' }));
    const { state } = await operator.streams.info('LIAISON_EVENTS', { subjects_filter: 'liaison.>' });
    expect(state.subjects).toEqual({ 'liaison.organizations.officer.updated': 1 });
  });

  it('leaves the streams to the operator: a service checks they exist and may not change or delete them', async () => {
    const dialogues = await busOf('dialogues');
    try {
      await expect(verifyStreams(dialogues.jsm, { subjectPrefix: '', streamPrefix: '' })).resolves.toBeUndefined();
      await expect(provisionStreams(dialogues.jsm, { subjectPrefix: '', streamPrefix: '', duplicateWindowMs: 60_000, maxAgeMs: 0 })).rejects.toThrow(/permission/i);
      await expect(dialogues.jsm.streams.delete('LIAISON_EVENTS')).rejects.toThrow(/permission/i);
      await expect(dialogues.jsm.streams.purge('LIAISON_DLQ')).rejects.toThrow(/permission/i);
    } finally {
      await dialogues.close();
    }
  });

  it('lets a service consume what it reads, through its own durable consumer, and nothing else', async () => {
    const organizations = await busOf('organizations');
    const dialogues = await busOf('dialogues');
    try {
      const received: string[] = [];
      const subscription = await dialogues.subscribe('dialogues__liaison_organizations_desk_opened', 'liaison.organizations.desk.opened', async ({ event: e }) => {
        received.push(e.id);
      });
      const opened = event('liaison.desk.opened.v1');
      await organizations.publishSerialized('liaison.organizations.desk.opened', opened);
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((wait) => setTimeout(wait, 50));
      expect(received).toEqual([opened.id]);
      await subscription.close();
      // dialogues reads organizations' events only: no consumer on notifications' subjects
      await expect(
        dialogues.subscribe('dialogues__liaison_notifications_notification_created', 'liaison.notifications.notification.created', async () => undefined),
      ).rejects.toThrow(/permission/i);
    } finally {
      await Promise.all([organizations.close(), dialogues.close()]);
    }
  });

  it('replays its own dead letters under its own user: to its handler, through its inbox, once, publishing nothing on the subject', async () => {
    const database = await createTestDatabase('deploy_dead_letters');
    const dataSource = new DataSource({ type: 'postgres', url: database.url, entities: messagingEntities, migrations: messagingMigrations });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.query(`CREATE TABLE closed_desks (desk_event uuid NOT NULL)`); // no key: a second effect is a second row
    const inbox = new Inbox();
    const organizations = await busOf('organizations');
    const dialogues = await busOf('dialogues');
    try {
      const consumer = 'dialogues__liaison_organizations_desk_closed';
      const failing = new Set<string>();
      const subscription = await dialogues.subscribe(consumer, 'liaison.organizations.desk.closed', async ({ event: e, consumer: by }) => {
        if (failing.has(e.id)) throw new UnprocessableEvent('not a desk this service knows');
        await inbox.handleOnce(dataSource, by, e, (manager) => manager.query(`INSERT INTO closed_desks VALUES ($1)`, [e.id]));
      });
      const closed = event('liaison.desk.closed.v1');
      const stillFailing = event('liaison.desk.closed.v1');
      for (const e of [closed, stillFailing]) failing.add(e.id);
      for (const e of [closed, stillFailing]) await organizations.publishSerialized('liaison.organizations.desk.closed', e);
      const lettersOf = async () => new Map((await dialogues.listDeadLetters({ consumer })).map((letter) => [letter.event?.id, letter]));
      let letters = await lettersOf();
      for (let i = 0; i < 100 && letters.size < 2; i++) {
        await new Promise((wait) => setTimeout(wait, 50));
        letters = await lettersOf();
      }
      expect([...letters.keys()]).toEqual([closed.id, stillFailing.id]);

      // fixed for one of them: replayed twice at once and once more, it takes effect once
      failing.delete(closed.id);
      const replayed = letters.get(closed.id)!.id;
      const outcomes = await Promise.allSettled([dialogues.replayDeadLetter(replayed), dialogues.replayDeadLetter(replayed)]);
      expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
      for (const outcome of outcomes) if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/No dead letter/);
      await expect(dialogues.replayDeadLetter(replayed)).rejects.toThrow(/No dead letter/);
      expect(await dataSource.query(`SELECT desk_event FROM closed_desks`)).toEqual([{ desk_event: closed.id }]);

      // the other fails again: set aside anew (its user may write dead letters), with the new error
      const before = letters.get(stillFailing.id)!;
      await dialogues.replayDeadLetter(before.id);
      letters = await lettersOf();
      expect([...letters.keys()]).toEqual([stillFailing.id]);
      expect(letters.get(stillFailing.id)).toMatchObject({ deliveries: before.deliveries + 1, error: expect.stringContaining('not a desk this service knows') });
      expect(letters.get(stillFailing.id)!.id).not.toBe(before.id);
      await subscription.close();

      // nothing was published on organizations' subject, which dialogues may still not publish
      const operator = await jetstreamManager(await login('operator', { inboxPrefix: '_INBOX' }));
      const { state } = await operator.streams.info('LIAISON_EVENTS', { subjects_filter: 'liaison.organizations.desk.closed' });
      expect(state.subjects).toEqual({ 'liaison.organizations.desk.closed': 2 });
      await expect(dialogues.publishSerialized('liaison.organizations.desk.closed', event('liaison.desk.closed.v1'))).rejects.toThrow(/permission/i);
    } finally {
      await Promise.all([organizations.close(), dialogues.close()]);
      await dataSource.destroy();
      await database.drop();
    }
  });

  it("may not listen to another service's replies or to the events on core NATS", async () => {
    for (const subject of ['_INBOX.>', '_INBOX.dialogues.>', 'liaison.>', 'liaison-live.>']) {
      const organizations = await login('organizations');
      const denied = new Promise<string>((done) => {
        void (async () => {
          for await (const status of organizations.status()) if (status.type === 'error') done(String(status.error));
        })();
        organizations.subscribe(subject, {
          callback: (error) => {
            if (error) done(String(error));
          },
        });
      });
      await expect(denied).resolves.toMatch(/permission/i);
    }
  });
});
