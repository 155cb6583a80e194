import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { runWithRequestContext } from '@liaison/http';
import { createTestDatabase } from '@liaison/testing';
import type { Viewer } from '../viewer';
import { AuditEntry, AuditTrail, authEntities, authMigrations } from './index';

// Real: Postgres (a database of this file's own), the migration, TypeORM transactions.

const actor: Viewer = {
  officerId: '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c6d',
  organizationId: '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c6e',
  roles: ['officer', 'admin'],
};
const organizationId = '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c70';

let database: { url: string; drop: () => Promise<void> };
let dataSource: DataSource;
const trail = new AuditTrail();

beforeAll(async () => {
  database = await createTestDatabase('auth_audit');
  dataSource = new DataSource({ type: 'postgres', url: database.url, entities: authEntities, migrations: authMigrations });
  await dataSource.initialize();
  await dataSource.runMigrations();
  // stands for a service's own table, written in the same transaction as its audit entry
  await dataSource.query(`CREATE TABLE organization (id uuid PRIMARY KEY, acronym text NOT NULL)`);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

async function entriesFor(resourceId: string): Promise<AuditEntry[]> {
  return dataSource.getRepository(AuditEntry).findBy({ resourceId });
}

describe('AuditTrail on real Postgres', () => {
  it('the entity matches the migration', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('commits the entry with the write it records', async () => {
    const id = '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c71';
    await dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO organization (id, acronym) VALUES ($1, $2)', [id, 'AU']);
      await trail.record(manager, {
        actor,
        action: 'organization.register',
        resourceType: 'organization',
        resourceId: id,
        details: { acronym: 'AU' },
      });
    });
    const [entry] = await entriesFor(id);
    expect(entry).toMatchObject({
      actorOfficerId: actor.officerId,
      actorOrganizationId: actor.organizationId,
      action: 'organization.register',
      resourceType: 'organization',
      resourceId: id,
      requestId: null,
      traceparent: null,
      details: { acronym: 'AU' },
    });
    expect(entry.at).toBeInstanceOf(Date);
  });

  it('leaves no entry when the write rolls back', async () => {
    const id = '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c72';
    await expect(
      dataSource.transaction(async (manager) => {
        await trail.record(manager, { actor, action: 'organization.register', resourceType: 'organization', resourceId: id });
        await manager.query('INSERT INTO organization (id, acronym) VALUES ($1, NULL)', [id]); // fails: acronym NOT NULL
      }),
    ).rejects.toThrow(/null value/);
    expect(await entriesFor(id)).toEqual([]);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(
      trail.record(dataSource.manager, { actor, action: 'organization.update', resourceType: 'organization', resourceId: organizationId }),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('refuses an action not named <aggregate>.<verb>', async () => {
    await expect(
      dataSource.transaction((manager) => trail.record(manager, { actor, action: 'Register Org', resourceType: 'organization' })),
    ).rejects.toThrow(/<aggregate>.<verb>/);
  });

  it('never stores secrets in details', async () => {
    const id = '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c73';
    await dataSource.transaction((manager) =>
      trail.record(manager, {
        actor,
        action: 'officer.join',
        resourceType: 'officer',
        resourceId: id,
        details: { email: 'a@au.int', password: 'hunter2', webhook: { url: 'https://x', secret: 's' }, list: [{ apiKey: 'k' }] },
      }),
    );
    const [entry] = await entriesFor(id);
    expect(entry.details).toEqual({
      email: 'a@au.int',
      password: '[redacted]',
      webhook: { url: 'https://x', secret: '[redacted]' },
      list: [{ apiKey: '[redacted]' }],
    });
  });

  it('takes the request id and traceparent of the current request; the system may act without an officer', async () => {
    const id = '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c74';
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await runWithRequestContext({ requestId: 'req-1', traceparent }, () =>
      dataSource.transaction((manager) =>
        trail.record(manager, { actor: null, action: 'organization.register', resourceType: 'organization', resourceId: id }),
      ),
    );
    const [entry] = await entriesFor(id);
    expect(entry).toMatchObject({ requestId: 'req-1', traceparent, actorOfficerId: null, actorOrganizationId: null });
  });

  it('is append-only', async () => {
    await expect(dataSource.query(`UPDATE audit_log SET action = 'x.y'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('the migration reverts', async () => {
    await dataSource.undoLastMigration();
    const [{ exists }] = await dataSource.query(`SELECT to_regclass('audit_log') IS NOT NULL AS exists`);
    expect(exists).toBe(false);
    await dataSource.runMigrations();
  });
});
