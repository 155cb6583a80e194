import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { ListOfficersQuery } from './dto/list-officers.query';
import { RegisterOfficerDto } from './dto/register-officer.dto';
import { UpdateOfficerDto } from './dto/update-officer.dto';
import { OfficerView, officerView } from './officer.view';
import { OfficersService } from './officers.service';
import { RegistryPermissions } from '../registry/registry-permissions';

@ApiTags('officers')
@ApiBearerAuth()
@Controller('officers')
export class OfficersController {
  constructor(
    private readonly officers: OfficersService,
    private readonly permissions: RegistryPermissions,
  ) {}

  /** Officers of other organizations are listed with their names and desks, not their e-mail addresses (admins and the UN see them). */
  @Get()
  @ApiPageOf(OfficerView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListOfficersQuery): Promise<Page<OfficerView>> {
    const scope = await this.permissions.emailScope(viewer);
    return mapPage(await this.officers.list(query, scope), (officer) => officerView(officer, scope));
  }

  @Get(':id')
  @ApiOkResponse({ type: OfficerView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<OfficerView> {
    return officerView(await this.officers.get(id), await this.permissions.emailScope(viewer));
  }

  @Post()
  @ApiCreatedResponse({ type: OfficerView })
  async register(@CurrentViewer() viewer: Viewer, @Body() input: RegisterOfficerDto): Promise<OfficerView> {
    return officerView(await this.officers.register(viewer, input));
  }

  @Patch(':id')
  @ApiOkResponse({ type: OfficerView })
  async update(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: UpdateOfficerDto): Promise<OfficerView> {
    return officerView(await this.officers.update(viewer, id, input));
  }

  @Post(':id/leave')
  @HttpCode(200)
  @ApiOkResponse({ type: OfficerView })
  async leave(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<OfficerView> {
    return officerView(await this.officers.leave(viewer, id));
  }
}
