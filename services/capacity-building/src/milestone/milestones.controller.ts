import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { CompleteMilestoneDto } from './dto/complete-milestone.dto';
import { ListMilestonesQuery } from './dto/list-milestones.query';
import { PlanMilestoneDto } from './dto/plan-milestone.dto';
import { RescheduleMilestoneDto } from './dto/reschedule-milestone.dto';
import { MilestoneView, milestoneView } from './milestone.view';
import { MilestonesService } from './milestones.service';

@ApiTags('milestones')
@ApiBearerAuth()
@Controller('milestones')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get()
  @ApiOperation({ summary: 'Milestones of the programmes the caller may see, newest first', description: 'Filters: programmeId, status (planned, completed, delayed).' })
  @ApiPageOf(MilestoneView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListMilestonesQuery): Promise<Page<MilestoneView>> {
    return mapPage(await this.milestones.list(viewer, query), milestoneView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One milestone', description: '404 also when the caller may not see its programme.' })
  @ApiOkResponse({ type: MilestoneView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<MilestoneView> {
    return milestoneView(await this.milestones.get(viewer, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Plan a milestone of a programme (publishes milestone.planned)',
    description: 'Officers of the partner organization or of the UN (403); they follow the programme from then on. A closed programme is a 409.',
  })
  @ApiCreatedResponse({ type: MilestoneView })
  async plan(@CurrentViewer() viewer: Viewer, @Body() input: PlanMilestoneDto): Promise<MilestoneView> {
    return milestoneView(await this.milestones.plan(viewer, input));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Reschedule a milestone (publishes milestone.planned with previousDueOn)',
    description: 'A completed milestone is a 409. A delayed one given a due date not yet passed is planned again.',
  })
  @ApiOkResponse({ type: MilestoneView })
  async reschedule(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: RescheduleMilestoneDto): Promise<MilestoneView> {
    return milestoneView(await this.milestones.reschedule(viewer, id, input));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a milestone (publishes milestone.completed)', description: 'Once: completing it again is a 409. completedOn is not after today on the date line (UTC+14), so an officer may date it by their own calendar anywhere: a 400 naming completedOn (`notInFuture`) otherwise.' })
  @ApiOkResponse({ type: MilestoneView })
  async complete(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: CompleteMilestoneDto): Promise<MilestoneView> {
    return milestoneView(await this.milestones.complete(viewer, id, input));
  }
}
