import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { Brief } from './brief.entity';
import { BriefView, briefView } from './brief.view';
import { BriefsService } from './briefs.service';
import { ListBriefsQuery } from './dto/list-briefs.query';
import { PublishBriefDto } from './dto/publish-brief.dto';
import { ReclassifyBriefDto } from './dto/reclassify-brief.dto';

@ApiTags('briefs')
@ApiBearerAuth()
@Controller('briefs')
export class BriefsController {
  constructor(private readonly briefs: BriefsService) {}

  @Get()
  @ApiOperation({
    summary: 'Briefs the caller may see: newest first, or with ?q= best match first',
    description: "?q= is full-text search stemmed in each brief's language (arabic, english, french, russian, spanish; simple for Chinese). Withdrawn briefs and briefs the caller may not see are never listed or counted.",
  })
  @ApiPageOf(BriefView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListBriefsQuery): Promise<Page<BriefView>> {
    const page = await this.briefs.list(viewer, query);
    const visible = await this.briefs.visibleDialogues(viewer, page.items.map((ranked) => ranked.brief));
    return mapPage(page, (ranked) => briefView(ranked.brief, visible, ranked.rank));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One brief', description: '404 also when withdrawn or when the caller may not see it.' })
  @ApiOkResponse({ type: BriefView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<BriefView> {
    return this.view(viewer, await this.briefs.get(viewer, id));
  }

  @Post()
  @ApiOperation({
    summary: 'Publish a brief (publishes brief.published)',
    description:
      "Any officer known to the registry. The origin organization and desk are the caller's (token and registry). Classification and audience must agree: amber names audience.organizations, red names audience.officers (400 naming the field otherwise); named organizations and officers must be registered.",
  })
  @ApiCreatedResponse({ type: BriefView })
  async publish(@CurrentViewer() viewer: Viewer, @Body() input: PublishBriefDto): Promise<BriefView> {
    return this.view(viewer, await this.briefs.publish(viewer, input));
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change a brief's classification or audience (publishes brief.reclassified)",
    description:
      'Officers of its origin organization only (403 otherwise). Classification and audience must agree as on publication (400 naming the field). Its content does not change; an unchanged reach publishes nothing.',
  })
  @ApiOkResponse({ type: BriefView })
  async reclassify(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: ReclassifyBriefDto): Promise<BriefView> {
    return this.view(viewer, await this.briefs.reclassify(viewer, id, input));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a brief: hidden from then on (publishes brief.withdrawn)',
    description: 'Only its author or an admin of its origin organization (403 otherwise).',
  })
  @ApiOkResponse({ type: BriefView })
  async withdraw(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<BriefView> {
    return this.view(viewer, await this.briefs.withdraw(viewer, id));
  }

  private async view(viewer: Viewer, brief: Brief): Promise<BriefView> {
    return briefView(brief, await this.briefs.visibleDialogues(viewer, [brief]));
  }
}
