import type { CoursePublished } from '@liaison/contracts';
import { Course } from './course.entity';

export interface CourseView {
  id: string;
  title: string;
  topic: Course['topic'];
  description: string | null;
  languages: Course['languages'];
  originOrganizationId: string;
  authorId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function courseView(course: Course): CourseView {
  return {
    id: course.id,
    title: course.title,
    topic: course.topic,
    description: course.description,
    languages: course.languages,
    originOrganizationId: course.originOrganizationId,
    authorId: course.authorId,
    version: course.version,
    createdAt: course.createdAt.toISOString(),
    updatedAt: course.updatedAt.toISOString(),
  };
}

export function coursePublished(course: Course): CoursePublished {
  return {
    courseId: course.id,
    originOrganizationId: course.originOrganizationId,
    title: course.title,
    topic: course.topic,
    ...(course.description ? { description: course.description } : {}),
    languages: course.languages,
  };
}
