import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { AttendanceDto, CompleteDto, EnrolDto, WithdrawDto } from './dto/enrol.dto';
import { ListEnrolmentsQuery } from './dto/list-enrolments.query';
import { EnrolmentView, enrolmentView } from './enrolment.view';
import { EnrolmentsService } from './enrolments.service';

@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('enrolments')
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Enrolments the caller may see, newest first', description: "One's own, those of one's organization for its admins, and those of sessions one's organization organizes. Filters: sessionId, officerId, status." })
  @ApiPageOf(EnrolmentView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListEnrolmentsQuery): Promise<Page<EnrolmentView>> {
    return mapPage(await this.enrolments.list(viewer, query), enrolmentView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One enrolment', description: '404 also when the caller may not see it.' })
  @ApiOkResponse({ type: EnrolmentView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<EnrolmentView> {
    return enrolmentView(await this.enrolments.get(viewer, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Enrol in a session (publishes enrolment.confirmed or enrolment.waitlisted)',
    description: "Confirmed while seats remain, else waitlisted with its position, in arrival order. Only officers of organizations in the session's audience; an admin may enrol officers of their own organization. A cancelled session (`session-cancelled`), one that has started or is over (`session-started`), or a second enrolment (`already-enrolled`) is a 409.",
  })
  @ApiNotFoundResponse({ description: 'No session with this sessionId, or not one the caller may see.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @ApiCreatedResponse({ type: EnrolmentView })
  async enrol(@CurrentViewer() viewer: Viewer, @Body() input: EnrolDto): Promise<EnrolmentView> {
    return enrolmentView(await this.enrolments.enrol(viewer, input));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw (publishes enrolment.withdrawn)',
    description:
      'By the officer, an admin of their organization or an organizer. Until the session starts, a freed seat goes to the first on the waitlist (enrolment.confirmed); once it has started the seat stays free and those waiting keep their places. Once the session is over, a 409 `session-over`; an enrolment neither confirmed nor waitlisted, a 409 `not-withdrawable`.',
  })
  @ApiOkResponse({ type: EnrolmentView })
  async withdraw(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: WithdrawDto): Promise<EnrolmentView> {
    return enrolmentView(await this.enrolments.withdraw(viewer, id, input));
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record attendance',
    description: 'Organizers only, for a confirmed enrolment (409 `not-confirmed` otherwise), once the session has begun: before its start, a 409 `session-not-started`.',
  })
  @ApiOkResponse({ type: EnrolmentView })
  async attendance(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: AttendanceDto): Promise<EnrolmentView> {
    return enrolmentView(await this.enrolments.attendance(viewer, id, input));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record completion and issue a certificate (publishes enrolment.completed and certificate.issued)',
    description:
      "Organizers only, for a confirmed enrolment whose officer attended (409 `attendance-not-recorded` otherwise) in a session that has begun (409 `session-not-started`); returns the enrolment with its certificateId. completedOn (default today in UTC) is not after today on the date line (UTC+14) nor before the session's first day at UTC-12: a 400 naming completedOn otherwise (`notInFuture`, `notBeforeSessionStart`).",
  })
  @ApiOkResponse({ type: EnrolmentView })
  async complete(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: CompleteDto): Promise<EnrolmentView> {
    return enrolmentView(await this.enrolments.complete(viewer, id, input));
  }
}
