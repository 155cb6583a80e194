import { IsArray, IsString, IsUUID, Length } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified } from '../vocabulary/classified';
import { IsCalendarDate, IsTimestamp } from '../vocabulary/temporal';

/**
 * A certificate of completion. Its id is the verification id (`GET /api/v1/certificates/{id}`,
 * no token needed): random, never derived from time. Like an enrolment it concerns one officer:
 * the publisher sends it as red with the holder in `audience.officers`.
 */
export class CertificateState extends Classified {
  @IsUUID()
  certificateId: string;

  @IsUUID()
  enrolmentId: string;

  @IsUUID()
  sessionId: string;

  @IsUUID()
  courseId: string;

  @IsString()
  @Length(1, 300)
  courseTitle: string;

  @IsTimestamp()
  sessionStartsAt: string;

  /** The holder. */
  @IsUUID()
  officerId: string;

  /** The holder's organization. */
  @IsUUID()
  organizationId: string;

  /** The organizing organizations that issue it. */
  @IsArray()
  @IsUUID('all', { each: true })
  issuers: string[];

  @IsCalendarDate()
  issuedOn: string;
}

export class CertificateIssued extends CertificateState {}

export class CertificateRevoked extends CertificateState {
  @IsString()
  @Length(1, 2000)
  reason: string;

  @IsUUID()
  revokedBy: string;
}

export const CertificateIssuedEvent = defineEvent({
  service: 'training',
  aggregate: 'certificate',
  verb: 'issued',
  payload: CertificateIssued,
  description: 'A certificate of completion was issued; anyone holding its id can verify it.',
});

export const CertificateRevokedEvent = defineEvent({
  service: 'training',
  aggregate: 'certificate',
  verb: 'revoked',
  payload: CertificateRevoked,
  description: 'An organizer revoked a certificate; its id no longer verifies.',
});
