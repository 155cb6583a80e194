import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { CourseView, courseView } from './course.view';
import { CoursesService } from './courses.service';
import { ListCoursesQuery } from './dto/list-courses.query';
import { PublishCourseDto } from './dto/publish-course.dto';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  @ApiOperation({ summary: 'The joint training catalogue, newest first' })
  @ApiPageOf(CourseView)
  async list(@Query() query: ListCoursesQuery): Promise<Page<CourseView>> {
    return mapPage(await this.courses.list(query), courseView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One course' })
  @ApiOkResponse({ type: CourseView })
  async get(@UuidParam() id: string): Promise<CourseView> {
    return courseView(await this.courses.get(id));
  }

  @Post()
  @ApiOperation({ summary: 'Publish a course (publishes course.published)', description: "Any officer known to the registry, for their own organization." })
  @ApiCreatedResponse({ type: CourseView })
  async publish(@CurrentViewer() viewer: Viewer, @Body() input: PublishCourseDto): Promise<CourseView> {
    return courseView(await this.courses.publish(viewer, input));
  }
}
