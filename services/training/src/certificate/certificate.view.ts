import { ApiProperty } from '@nestjs/swagger';
import type { CertificateState } from '@liaison/contracts';
import { Certificate, NamedOrganization } from './certificate.entity';

/** What anyone holding the id reads: who, which course and session, when, issued by whom. Never an e-mail. */
class NamedOrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() acronym!: string;
  @ApiProperty() name!: string;
}

class CertificateHolderView {
  @ApiProperty() name!: string;
  @ApiProperty({ type: NamedOrganizationView }) organization!: NamedOrganization;
}

class CertificateCourseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
}

class CertificateSessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty() online!: boolean;
}

export class CertificateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: CertificateHolderView }) holder!: CertificateHolderView;
  @ApiProperty({ type: CertificateCourseView }) course!: CertificateCourseView;
  @ApiProperty({ type: CertificateSessionView }) session!: CertificateSessionView;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ type: [NamedOrganizationView] }) issuers!: NamedOrganization[];
  /** null while it stands; once an organizer revokes it, when and why, so whoever checks it reads that it no longer stands. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason!: string | null;
}

/** A revocation, as POST /certificates/{id}/revoke answers it. */
export class RevokedCertificateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) revokedAt!: string;
  @ApiProperty() reason!: string;
}

export function certificateView(certificate: Certificate): CertificateView {
  return {
    id: certificate.id,
    holder: { name: certificate.holderName, organization: certificate.holderOrganization },
    course: { id: certificate.courseId, title: certificate.courseTitle },
    session: {
      id: certificate.sessionId,
      startsAt: certificate.sessionStartsAt.toISOString(),
      endsAt: certificate.sessionEndsAt.toISOString(),
      location: certificate.sessionLocation,
      online: certificate.sessionOnline,
    },
    issuedOn: certificate.issuedOn,
    issuers: certificate.issuers,
    revokedAt: certificate.revokedAt?.toISOString() ?? null,
    revokeReason: certificate.revokeReason,
  };
}

/** Red to the holder, like their enrolment; the author is whoever made the change. */
export function certificateState(certificate: Certificate, authorId: string): CertificateState {
  return {
    classification: 'red',
    audience: { organizations: [], officers: [certificate.officerId] },
    originOrganizationId: certificate.organizationId,
    authorId,
    certificateId: certificate.id,
    enrolmentId: certificate.enrolmentId,
    sessionId: certificate.sessionId,
    courseId: certificate.courseId,
    courseTitle: certificate.courseTitle,
    sessionStartsAt: certificate.sessionStartsAt.toISOString(),
    officerId: certificate.officerId,
    organizationId: certificate.organizationId,
    issuers: certificate.issuers.map((issuer) => issuer.id),
    issuedOn: certificate.issuedOn,
  };
}
