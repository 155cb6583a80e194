// Real: a Nest application with TypeORM on Postgres (databases of this file's own) and NATS
// JetStream (streams of this file's own); organizations events arrive through the service's
// durable consumers, exactly as in a deployed service.
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  EVENT_CATALOG,
  EventDefinition,
  OfficerJoinedEvent,
  OfficerLeftEvent,
  OfficerUpdatedEvent,
  OrganizationRegisteredEvent,
} from '@liaison/contracts';
import { connectEventConsumers, EventBus, MessagingModule, messagingEntities, messagingMigrations } from '@liaison/messaging';
import { createTestDatabase, eventually, removeTestStreams, testMessaging } from '@liaison/testing';
import { registryEntities, registryMigrations, RegistryReplica, RegistryReplicaModule } from '../src';

describe('the registry read model', () => {
  const messaging = testMessaging();
  const databases: Array<{ drop(): Promise<void> }> = [];
  let app: INestApplication;
  let replica: RegistryReplica;
  let bus: EventBus;

  async function startService(): Promise<INestApplication> {
    const database = await createTestDatabase('registry');
    databases.push(database);
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: database.url,
          entities: [...messagingEntities, ...registryEntities],
          migrations: [...messagingMigrations, ...registryMigrations],
          migrationsRun: true,
        }),
        MessagingModule.forRoot({ service: 'registry-test', ...messaging, catalog: EVENT_CATALOG, retry: { maxDeliver: 3, backoffMs: [100] } }),
        RegistryReplicaModule,
      ],
    }).compile();
    const service = moduleRef.createNestApplication(new FastifyAdapter(), { logger: ['error', 'warn'] });
    connectEventConsumers(service);
    await service.startAllMicroservices();
    await service.init();
    return service;
  }

  const au = uuidv7();
  const amina = uuidv7();

  function publish<T>(definition: EventDefinition<T>, subject: string, data: T, sequence: number) {
    const event = createEvent(definition, { subject, data, classification: 'green', originorg: au, sequence });
    return bus.publish(definition.subject, event).then(() => event);
  }

  const officerState = (language: 'fr' | 'ar', name = 'Amina Diallo') => ({
    officerId: amina, organizationId: au, email: 'amina@au.int', name, language, roles: ['officer' as const],
  });

  beforeAll(async () => {
    app = await startService();
    replica = app.get(RegistryReplica);
    bus = app.get(EventBus);
  });
  afterAll(async () => {
    await app?.close();
    for (const database of databases) await database.drop();
    await removeTestStreams(messaging);
  });

  it('keeps organizations and officers from their events', async () => {
    await publish(OrganizationRegisteredEvent, au, {
      organizationId: au, acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa', memberStates: ['SD'], chapterVIII: true,
    }, 1);
    await publish(OfficerJoinedEvent, amina, officerState('fr'), 1);
    await eventually(async () => ((await replica.officer(amina)) ? [1] : []), 1);
    expect(await replica.organization(au)).toMatchObject({ acronym: 'AU', region: 'africa', version: 1 });
    expect(await replica.officer(amina)).toMatchObject({ organizationId: au, language: 'fr', left: false, version: 1 });
    expect(await replica.unknownOrganizations([au, '0190c2a4-0000-7000-8000-000000000000'])).toEqual(['0190c2a4-0000-7000-8000-000000000000']);
    expect(await replica.unknownOfficers([amina])).toEqual([]);
  });

  it('applies an update only if it is newer than what it holds, whatever the order of arrival', async () => {
    await publish(OfficerUpdatedEvent, amina, officerState('ar', 'Amina D.'), 3);
    await eventually(async () => ((await replica.officer(amina))?.version === 3 ? [1] : []), 1);
    // an older state arriving late (another subject, another consumer) changes nothing
    await publish(OfficerUpdatedEvent, amina, officerState('fr', 'Stale name'), 2);
    const late = await publish(OfficerJoinedEvent, amina, officerState('fr', 'Older still'), 1);
    await eventually(async () => (await app.get(DataSource).query(`SELECT 1 FROM inbox WHERE event_id = $1`, [late.id])) as unknown[], 1);
    expect(await replica.officer(amina)).toMatchObject({ name: 'Amina D.', language: 'ar', version: 3 });
  });

  it('keeps an officer who left out, even when their joining arrives after', async () => {
    const ghost = uuidv7();
    await publish(OfficerLeftEvent, ghost, { officerId: ghost, organizationId: au }, 2);
    const joined = await publish(OfficerJoinedEvent, ghost, { ...officerState('fr'), officerId: ghost, email: 'ghost@au.int' }, 1);
    await eventually(async () => (await app.get(DataSource).query(`SELECT 1 FROM inbox WHERE event_id = $1`, [joined.id])) as unknown[], 1);
    expect(await replica.officer(ghost)).toMatchObject({ left: true, version: 2 });
    expect(await replica.unknownOfficers([ghost, amina])).toEqual([ghost]);
  });

  it('handles a redelivered event once', async () => {
    const event = createEvent(OfficerUpdatedEvent, { subject: amina, data: officerState('ar', 'Once'), classification: 'green', originorg: au, sequence: 4 });
    // the same event twice under two message ids, as a replayed dead letter or a second relay
    // would send it: JetStream stores both, the inbox lets one through
    const nc = await connect({ servers: messaging.natsUrl });
    const js = jetstream(nc);
    for (const msgID of [event.id, `${event.id}:again`]) {
      await js.publish(`${messaging.subjectPrefix}${OfficerUpdatedEvent.subject}`, JSON.stringify(event), { msgID });
    }
    await nc.close();
    await eventually(async () => ((await replica.officer(amina))?.version === 4 ? [1] : []), 1);
    const rows = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [event.id]);
    expect(rows[0].n).toBe(1);
  });

  it('rebuilds itself from the stream when the service starts on an empty database', async () => {
    await app.close();
    app = await startService();
    replica = app.get(RegistryReplica);
    bus = app.get(EventBus);
    await eventually(async () => ((await replica.officer(amina))?.version === 4 ? [1] : []), 1);
    expect(await replica.organization(au)).toMatchObject({ acronym: 'AU' });
    expect(await replica.officer(amina)).toMatchObject({ name: 'Once', language: 'ar', version: 4 });
  });
});
