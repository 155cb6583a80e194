import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoursePublishedEvent, newUuidV7 } from '@liaison/contracts';
import type { Viewer } from '@liaison/auth';
import { NotFound, Page, paginate } from '@liaison/http';
import { Actors, ChangeLog } from '@liaison/kit';
import { Course } from './course.entity';
import { coursePublished } from './course.view';
import { ListCoursesQuery } from './dto/list-courses.query';
import { PublishCourseDto } from './dto/publish-course.dto';

/**
 * The catalogue is open to every partner: any officer the registry knows publishes a course for
 * their organization, and every officer reads it (course.published goes out green).
 */
@Injectable()
export class CoursesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: Actors,
    private readonly change: ChangeLog,
  ) {}

  publish(viewer: Viewer, input: PublishCourseDto): Promise<Course> {
    return this.dataSource.transaction(async (manager) => {
      const actor = await this.actors.of(viewer, manager);
      const course = manager.create(Course, {
        id: newUuidV7(),
        title: input.title,
        topic: input.topic,
        description: input.description ?? null,
        languages: [...new Set(input.languages ?? (['en'] as const))],
        originOrganizationId: actor.organizationId,
        authorId: actor.officerId,
        version: 1,
      });
      await manager.save(course);
      await this.change.record(manager, actor, {
        event: CoursePublishedEvent,
        subject: course.id,
        data: coursePublished(course),
        version: 1,
        reach: { classification: 'green', originOrganizationId: course.originOrganizationId },
      });
      return course;
    });
  }

  async get(id: string): Promise<Course> {
    const course = await this.dataSource.manager.findOneBy(Course, { id });
    if (!course) throw new NotFound('course');
    return course;
  }

  list(query: ListCoursesQuery): Promise<Page<Course>> {
    const select = this.dataSource.getRepository(Course).createQueryBuilder('course');
    if (query.topic) select.andWhere('course.topic = :topic', { topic: query.topic });
    if (query.language) select.andWhere(':language = ANY(course.languages)', { language: query.language });
    if (query.originOrganizationId) select.andWhere('course.origin_organization_id = :origin', { origin: query.originOrganizationId });
    return paginate(select, 'course', query);
  }
}
