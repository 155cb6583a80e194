import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { CancelSessionDto } from './dto/cancel-session.dto';
import { ListSessionsQuery } from './dto/list-sessions.query';
import { RescheduleSessionDto } from './dto/reschedule-session.dto';
import { ScheduleSessionDto } from './dto/schedule-session.dto';
import { SessionView, sessionView } from './session.view';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({ summary: 'Sessions the caller may see, newest first', description: 'Filters: courseId, status, from and to (start time), organizer.' })
  @ApiPageOf(SessionView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListSessionsQuery): Promise<Page<SessionView>> {
    return mapPage(await this.sessions.list(viewer, query), sessionView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One session', description: '404 also when the caller may not see it.' })
  @ApiOkResponse({ type: SessionView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<SessionView> {
    return sessionView(await this.sessions.get(viewer, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Schedule a session (publishes session.scheduled)',
    description: "By an officer of one of its organizing organizations (the caller's is one). An audience of organizations makes it amber, shared with them and the organizers; without one it is open to every partner (green).",
  })
  @ApiCreatedResponse({ type: SessionView })
  async schedule(@CurrentViewer() viewer: Viewer, @Body() input: ScheduleSessionDto): Promise<SessionView> {
    return sessionView(await this.sessions.schedule(viewer, input));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Reschedule, or change seats or place (publishes session.rescheduled)',
    description:
      'Organizers only. More seats promote the waitlist in order (enrolment.confirmed each) until the session starts; once it has started they stay free. Fewer seats than confirmed enrolments is a 409 `seats-taken`. A start or end that moves must be in the future (400 `inFuture`; a date sent unchanged is no change). Once the session has started its start no longer moves (409 `session-started` naming `startsAt`), while its end, seats and place still may; once it is over it is a record of what happened and a PATCH is a 409 `session-over`; a cancelled session, a 409 `session-cancelled`.',
  })
  @ApiOkResponse({ type: SessionView })
  async reschedule(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: RescheduleSessionDto): Promise<SessionView> {
    return sessionView(await this.sessions.reschedule(viewer, id, input));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a session (publishes session.cancelled naming every enrolled officer)',
    description: 'Organizers only; its confirmed and waitlisted enrolments are cancelled. A session under way may be cancelled; one that is over is a 409 `session-over` (its enrolments stand as attendance and completion recorded them); one already cancelled, a 409 `session-cancelled`.',
  })
  @ApiOkResponse({ type: SessionView })
  async cancel(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: CancelSessionDto): Promise<SessionView> {
    return sessionView(await this.sessions.cancel(viewer, id, input));
  }
}
