import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CertificateIssuedEvent, CertificateRevokedEvent } from '@liaison/contracts';
import type { Viewer } from '@liaison/auth';
import { Forbidden, NotFound } from '@liaison/http';
import { Actors, ChangeLog } from '@liaison/kit';
import { RegistryReplica } from '@liaison/registry';
import type { Course } from '../course/course.entity';
import type { Enrolment } from '../enrolment/enrolment.entity';
import { Session } from '../session/session.entity';
import { isOrganizer } from '../session/session.view';
import { Certificate, NamedOrganization } from './certificate.entity';
import { certificateState } from './certificate.view';
import { RevokeCertificateDto } from './dto/revoke-certificate.dto';

/**
 * Certificates are issued on completion (in the completion's transaction) and verified by anyone
 * holding the id; an organizer of the session revokes one, after which it reads as revoked, with when and why.
 */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly registry: RegistryReplica,
    private readonly change: ChangeLog,
  ) {}

  async issue(manager: EntityManager, enrolment: Enrolment, session: Session, course: Course, actor: Viewer, issuedOn: string): Promise<Certificate> {
    const holder = await this.registry.officer(enrolment.officerId, manager);
    const certificate = manager.create(Certificate, {
      id: randomUUID(),
      enrolmentId: enrolment.id,
      sessionId: session.id,
      courseId: course.id,
      officerId: enrolment.officerId,
      organizationId: enrolment.organizationId,
      holderName: holder?.name ?? '',
      holderOrganization: await this.named(manager, enrolment.organizationId),
      issuers: await Promise.all(session.organizers.map((id) => this.named(manager, id))),
      courseTitle: course.title,
      sessionStartsAt: session.startsAt,
      sessionEndsAt: session.endsAt,
      sessionLocation: session.location,
      sessionOnline: session.online,
      issuedOn,
      revokedAt: null,
      revokeReason: null,
      revokedBy: null,
      version: 1,
    });
    await manager.insert(Certificate, certificate);
    await this.change.record(manager, actor, { event: CertificateIssuedEvent, subject: certificate.id, data: certificateState(certificate, actor.officerId), version: 1 });
    return certificate;
  }

  /** Public: an unknown id is a 404; a revoked certificate is read with when and why it was revoked. */
  async verify(id: string): Promise<Certificate> {
    const certificate = await this.dataSource.manager.findOneBy(Certificate, { id });
    if (!certificate) throw new NotFound('certificate');
    return certificate;
  }

  revoke(viewer: Viewer, id: string, input: RevokeCertificateDto): Promise<Certificate> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await manager.findOne(Certificate, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!certificate || certificate.revokedAt) throw new NotFound('certificate');
      const actor = await this.actors.of(viewer, manager);
      const session = await manager.findOneByOrFail(Session, { id: certificate.sessionId });
      if (!isOrganizer(session, actor.organizationId)) throw new Forbidden('not-organizer', 'Only officers of the organizing organizations revoke a certificate.');
      Object.assign(certificate, { revokedAt: new Date(), revokeReason: input.reason, revokedBy: actor.officerId, version: certificate.version + 1 });
      await manager.save(certificate);
      await this.change.record(manager, actor, {
        event: CertificateRevokedEvent,
        subject: certificate.id,
        data: { ...certificateState(certificate, actor.officerId), reason: input.reason, revokedBy: actor.officerId },
        version: certificate.version,
      });
      return certificate;
    });
  }

  private async named(manager: EntityManager, organizationId: string): Promise<NamedOrganization> {
    const organization = await this.registry.organization(organizationId, manager);
    return { id: organizationId, acronym: organization?.acronym ?? '', name: organization?.name ?? '' };
  }
}
