// Decorator metadata (class-transformer's @Type, class-validator's nested rules) needs the polyfill loaded first.
import 'reflect-metadata';
// The event contract of Liaison: wire names, payload classes, validation and the AsyncAPI document.
export * from './envelope';
export * from './ids';

export * from './vocabulary/domain';
export * from './vocabulary/countries';
export * from './vocabulary/temporal';
export * from './vocabulary/audience.dto';
export * from './vocabulary/classified';

export * from './organizations/organization.events';
export * from './organizations/desk.events';
export * from './organizations/officer.events';

export * from './dialogues/dialogue.events';
export * from './dialogues/recommendation.events';
export * from './dialogues/brief.events';
export * from './dialogues/initiative.events';

export * from './capacity-building/programme.events';
export * from './capacity-building/milestone.events';

export * from './training/course.events';
export * from './training/session.events';
export * from './training/enrolment.events';
export * from './training/certificate.events';

export * from './notifications/notification.events';
export * from './notifications/delivery.events';

export * from './catalog';
export * from './validation';
export * from './validation-rules';
export * from './asyncapi';
export * from './examples';
export * from './trace-context';
