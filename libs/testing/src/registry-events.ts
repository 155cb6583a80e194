import { SignJWT } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  DeskOpenedEvent,
  EventDefinition,
  Language,
  OfficerJoinedEvent,
  OfficerLeftEvent,
  OfficerUpdatedEvent,
  OrganizationKind,
  OrganizationRegisteredEvent,
  Region,
  Role,
} from '@liaison/contracts';
import { DEFAULT_RETRY_POLICY, JetStreamBus, provisionStreams } from '@liaison/messaging';
import { TEST_JWT_SECRET } from './test-service';
import type { TestMessaging } from './test-messaging';

export interface Organization {
  id: string;
  acronym: string;
}

export interface Officer {
  id: string;
  organizationId: string;
  deskId: string | null;
  roles: Role[];
  /** a bearer token for this officer */
  token: string;
}

/**
 * Plays the organizations service on the test's own stream: organization.registered,
 * desk.opened and officer.joined, published the way its outbox relay does (JetStream, msgID =
 * event id). The services/ boundary rule keeps the real organizations service out of these tests.
 */
export class RegistryEvents {
  private constructor(private readonly bus: JetStreamBus) {}

  static async connect(messaging: TestMessaging): Promise<RegistryEvents> {
    const names = { subjectPrefix: messaging.subjectPrefix, streamPrefix: messaging.streamPrefix };
    const bus = await JetStreamBus.connect(messaging.natsUrl, 'test-organizations', { ...names, retry: DEFAULT_RETRY_POLICY });
    await provisionStreams(bus.jsm, { ...names, duplicateWindowMs: 120_000, maxAgeMs: 0 });
    return new RegistryEvents(bus);
  }

  async organization(acronym: string, kind: OrganizationKind = 'regional', region: Region = 'africa', name = `${acronym} (test)`): Promise<Organization> {
    const id = uuidv7();
    await this.publish(OrganizationRegisteredEvent, id, id, {
      organizationId: id, acronym, name, kind, region, memberStates: [], chapterVIII: kind !== 'united-nations',
    });
    return { id, acronym };
  }

  async desk(organization: Organization, name: string, countries: string[] = []): Promise<string> {
    const id = uuidv7();
    await this.publish(DeskOpenedEvent, id, organization.id, { deskId: id, organizationId: organization.id, name, countries, themes: [] });
    return id;
  }

  async officer(
    organization: Organization,
    options: { deskId?: string; roles?: Role[]; language?: Language; name?: string } = {},
  ): Promise<Officer> {
    const id = uuidv7();
    const roles = options.roles ?? ['officer'];
    await this.publish(OfficerJoinedEvent, id, organization.id, {
      officerId: id,
      organizationId: organization.id,
      ...(options.deskId ? { deskId: options.deskId } : {}),
      email: `${id.slice(-8)}@${organization.acronym.toLowerCase()}.example.org`,
      name: options.name ?? `Officer ${id.slice(-4)}`,
      language: options.language ?? 'en',
      roles,
    });
    return { id, organizationId: organization.id, deskId: options.deskId ?? null, roles, token: await tokenFor(id, organization.id, roles) };
  }

  /**
   * officer.updated as the organizations service publishes it: another organization (a move) or
   * other roles. `version` is the officer's next version (joined was 1). Returns a token of the new standing.
   */
  async officerUpdated(officer: Officer, version: number, changes: { organization?: Organization; roles?: Role[] }): Promise<Officer> {
    const organizationId = changes.organization?.id ?? officer.organizationId;
    const roles = changes.roles ?? officer.roles;
    const acronym = changes.organization?.acronym ?? 'example';
    await this.publish(OfficerUpdatedEvent, officer.id, organizationId, {
      officerId: officer.id, organizationId, email: `${officer.id.slice(-8)}@${acronym.toLowerCase()}.example.org`, name: `Officer ${officer.id.slice(-4)}`, language: 'en', roles,
    }, version);
    return { ...officer, organizationId, roles, deskId: null, token: await tokenFor(officer.id, organizationId, roles) };
  }

  async officerLeft(officer: Officer, version: number): Promise<void> {
    await this.publish(OfficerLeftEvent, officer.id, officer.organizationId, { officerId: officer.id, organizationId: officer.organizationId }, version);
  }

  close(): Promise<void> {
    return this.bus.close();
  }

  private async publish<T>(definition: EventDefinition<T>, subject: string, originorg: string, data: T, sequence = 1): Promise<void> {
    await this.bus.publish(definition.subject, createEvent(definition, { subject, data, classification: 'green', originorg, sequence }));
  }
}

/** An HS256 token as the organizations service issues them. */
export async function tokenFor(officerId: string, organizationId: string, roles: Role[] = ['officer'], secret = TEST_JWT_SECRET): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: organizationId, roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(officerId)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(secret));
}

/** The Authorization header of an officer (or of a raw token). */
export const auth = (officer: Officer | string) => ({ Authorization: `Bearer ${typeof officer === 'string' ? officer : officer.token}` });
