import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { LaunchProgrammeDto } from './dto/launch-programme.dto';
import { ListProgrammesQuery } from './dto/list-programmes.query';
import { UpdateProgrammeDto } from './dto/update-programme.dto';
import { ProgrammeView, programmeView, FollowersView } from './programme.view';
import { ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  @ApiOperation({ summary: 'Programmes the caller may see, newest first, with their progress', description: 'Filters: partnerOrganizationId, focusArea, status, scope.' })
  @ApiPageOf(ProgrammeView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListProgrammesQuery): Promise<Page<ProgrammeView>> {
    return mapPage(await this.programmes.list(viewer, query), programmeView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One programme with its progress { done, total, delayed }', description: '404 also when the caller may not see it.' })
  @ApiOkResponse({ type: ProgrammeView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<ProgrammeView> {
    return programmeView(await this.programmes.get(viewer, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Launch a programme (publishes programme.launched)',
    description: 'Only officers of the partner organization or of the UN (403 otherwise); the partner must be registered. The caller follows it. An amber programme is always shared with its partner and the UN.',
  })
  @ApiCreatedResponse({ type: ProgrammeView })
  async launch(@CurrentViewer() viewer: Viewer, @Body() input: LaunchProgrammeDto): Promise<ProgrammeView> {
    return programmeView(await this.programmes.launch(viewer, input));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a programme (programme.updated with its full state; status closed: programme.closed)',
    description: "Officers of the partner or the UN; classification and audience only by the origin organization (403). A closed programme is a 409, but for its origin organization's change of classification or audience (programme.reclassified alone).",
  })
  @ApiOkResponse({ type: ProgrammeView })
  async update(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: UpdateProgrammeDto): Promise<ProgrammeView> {
    return programmeView(await this.programmes.update(viewer, id, input));
  }

  @Post(':id/follow')
  @HttpCode(200)
  @ApiOperation({ summary: 'Follow a programme: be told of its changes without a subscription', description: 'Any officer who may see it.' })
  @ApiOkResponse({ type: ProgrammeView })
  async follow(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<ProgrammeView> {
    return programmeView(await this.programmes.follow(viewer, id, true));
  }

  @Post(':id/unfollow')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop following a programme', description: 'Taking part in it again (a milestone planned, rescheduled or completed) follows it again.' })
  @ApiOkResponse({ type: ProgrammeView })
  async unfollow(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<ProgrammeView> {
    return programmeView(await this.programmes.follow(viewer, id, false));
  }

  @Get(':id/followers')
  @ApiOperation({
    summary: 'Officers who follow the programme, oldest first',
    description:
      'Only those who may see it now: a follower whose organization lost sight of it (its classification raised, its audience narrowed, the officer moved or left) is not listed; the follow is kept and applies again once they may see it.',
  })
  @ApiOkResponse({ type: FollowersView })
  async followers(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<{ items: Array<{ officerId: string; since: string }> }> {
    const followers = await this.programmes.followersOf(viewer, id);
    return { items: followers.map((f) => ({ officerId: f.officerId, since: f.since.toISOString() })) };
  }
}
