import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { DeskView, deskView } from './desk.view';
import { DesksService } from './desks.service';
import { ListDesksQuery } from './dto/list-desks.query';
import { OpenDeskDto } from './dto/open-desk.dto';
import { UpdateDeskDto } from './dto/update-desk.dto';

@ApiTags('desks')
@ApiBearerAuth()
@Controller('desks')
export class DesksController {
  constructor(private readonly desks: DesksService) {}

  @Get()
  @ApiPageOf(DeskView)
  async list(@Query() query: ListDesksQuery): Promise<Page<DeskView>> {
    return mapPage(await this.desks.list(query), deskView);
  }

  @Get(':id')
  @ApiOkResponse({ type: DeskView })
  async get(@UuidParam() id: string): Promise<DeskView> {
    return deskView(await this.desks.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: DeskView })
  async open(@CurrentViewer() viewer: Viewer, @Body() input: OpenDeskDto): Promise<DeskView> {
    return deskView(await this.desks.open(viewer, input));
  }

  @Patch(':id')
  @ApiOkResponse({ type: DeskView })
  async update(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: UpdateDeskDto): Promise<DeskView> {
    return deskView(await this.desks.update(viewer, id, input));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: DeskView })
  async close(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<DeskView> {
    return deskView(await this.desks.close(viewer, id));
  }
}
