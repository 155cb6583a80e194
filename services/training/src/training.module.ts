import type { ServiceDefinition } from '@liaison/kit';
import { Certificate } from './certificate/certificate.entity';
import { CertificatesController } from './certificate/certificates.controller';
import { CertificatesService } from './certificate/certificates.service';
import { TrainingConfig } from './config';
import { Course } from './course/course.entity';
import { CoursesController } from './course/courses.controller';
import { CoursesService } from './course/courses.service';
import { Enrolment } from './enrolment/enrolment.entity';
import { EnrolmentsController } from './enrolment/enrolments.controller';
import { EnrolmentsService } from './enrolment/enrolments.service';
import { Waitlist } from './enrolment/waitlist';
import { trainingMigrations } from './migrations';
import { Session } from './session/session.entity';
import { SessionsController } from './session/sessions.controller';
import { SessionsService } from './session/sessions.service';

/**
 * The training service: the joint course catalogue, sessions with their seats and waitlists,
 * enrolments, attendance and completion, and certificates anyone can verify by id; with its
 * read model of the registry kept from the organizations events. Started alone by main.ts, or
 * mounted by the standalone host.
 */
export const trainingService: ServiceDefinition<TrainingConfig> = {
  name: 'training',
  title: 'Liaison — training',
  description:
    'Joint UN / regional training: courses, sessions (seats, organizers, audience), enrolments with a waitlist in arrival order, attendance and completion, and certificates verifiable by id without a token. Seats are never oversold: every enrolment change locks its session row.',
  entities: [Course, Session, Enrolment, Certificate],
  migrations: trainingMigrations,
  registry: true,
  controllers: [CoursesController, SessionsController, EnrolmentsController, CertificatesController],
  providers: [CoursesService, SessionsService, Waitlist, EnrolmentsService, CertificatesService],
};
