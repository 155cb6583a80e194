import { ApiProperty } from '@nestjs/swagger';
import { LANGUAGES, THEMES } from '@liaison/contracts';
import type { CoursePublished } from '@liaison/contracts';
import { Course } from './course.entity';

export class CourseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: THEMES }) topic!: Course['topic'];
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: LANGUAGES, isArray: true }) languages!: Course['languages'];
  @ApiProperty({ format: 'uuid' }) originOrganizationId!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
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
