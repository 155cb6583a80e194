// The training service's replies, as its served OpenAPI document declares them (generated).
import type { components } from '../api/generated/training';

export type CourseView = components['schemas']['CourseView'];
export type SessionView = components['schemas']['SessionView'];
export type EnrolmentView = components['schemas']['EnrolmentView'];
export type CertificateView = components['schemas']['CertificateView'];
