import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { defineEvent } from '../envelope';
import { LANGUAGES, Language, THEMES, Theme } from '../vocabulary/domain';

/** A course of the joint training catalogue; public to every partner (classification green or clear). */
export class CoursePublished {
  @IsUUID()
  courseId: string;

  /** The organization that published the course. */
  @IsUUID()
  originOrganizationId: string;

  @IsString()
  @Length(1, 300)
  title: string;

  @IsIn(THEMES)
  topic: Theme;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LANGUAGES, { each: true })
  languages: Language[];
}

export const CoursePublishedEvent = defineEvent({
  service: 'training',
  aggregate: 'course',
  verb: 'published',
  payload: CoursePublished,
  description: 'A course was added to the joint training catalogue.',
});
