import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import { ListOrganizationsQuery } from './dto/list-organizations.query';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { OrganizationsService } from './organizations.service';
import { OrganizationView, organizationView } from './organization.view';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiPageOf(OrganizationView)
  async list(@Query() query: ListOrganizationsQuery): Promise<Page<OrganizationView>> {
    return mapPage(await this.organizations.list(query), organizationView);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationView })
  async get(@UuidParam() id: string): Promise<OrganizationView> {
    return organizationView(await this.organizations.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: OrganizationView })
  async register(@CurrentViewer() viewer: Viewer, @Body() input: CreateOrganizationDto): Promise<OrganizationView> {
    return organizationView(await this.organizations.register(viewer, input));
  }

  @Patch(':id')
  async update(
    @CurrentViewer() viewer: Viewer,
    @UuidParam() id: string,
    @Body() input: UpdateOrganizationDto,
  ): Promise<OrganizationView> {
    return organizationView(await this.organizations.update(viewer, id, input));
  }
}
