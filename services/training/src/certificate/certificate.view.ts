import type { CertificateState } from '@liaison/contracts';
import { Certificate, NamedOrganization } from './certificate.entity';

/** What anyone holding the id reads: who, which course and session, when, issued by whom. Never an e-mail. */
export interface CertificateView {
  id: string;
  holder: { name: string; organization: NamedOrganization };
  course: { id: string; title: string };
  session: { id: string; startsAt: string; endsAt: string; location: string | null; online: boolean };
  issuedOn: string;
  issuers: NamedOrganization[];
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
