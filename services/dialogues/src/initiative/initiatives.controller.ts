import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { LaunchInitiativeDto } from './dto/launch-initiative.dto';
import { ListInitiativesQuery } from './dto/list-initiatives.query';
import { UpdateInitiativeDto } from './dto/update-initiative.dto';
import { InitiativeView, initiativeView } from './initiative.view';
import { InitiativesService } from './initiatives.service';

@ApiTags('initiatives')
@ApiBearerAuth()
@Controller('initiatives')
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @Get()
  @ApiOperation({ summary: 'Initiatives the caller may see, newest first' })
  @ApiPageOf(InitiativeView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListInitiativesQuery): Promise<Page<InitiativeView>> {
    return mapPage(await this.initiatives.list(viewer, query), initiativeView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One initiative', description: '404 also when the caller may not see it.' })
  @ApiOkResponse({ type: InitiativeView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<InitiativeView> {
    return initiativeView(await this.initiatives.get(viewer, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Launch an initiative (publishes initiative.launched)',
    description: "Only an officer of the lead organization (403 otherwise); supporting organizations must be registered. An amber initiative is always shared with its supporters.",
  })
  @ApiCreatedResponse({ type: InitiativeView })
  async launch(@CurrentViewer() viewer: Viewer, @Body() input: LaunchInitiativeDto): Promise<InitiativeView> {
    return initiativeView(await this.initiatives.launch(viewer, input));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an initiative (publishes initiative.updated with its full state)',
    description: 'Only officers of the lead organization; supporting organizations may not edit (403).',
  })
  @ApiOkResponse({ type: InitiativeView })
  async update(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: UpdateInitiativeDto): Promise<InitiativeView> {
    return initiativeView(await this.initiatives.update(viewer, id, input));
  }
}
