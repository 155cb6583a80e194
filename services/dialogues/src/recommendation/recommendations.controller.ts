import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, Page, UuidParam } from '@liaison/http';
import { AdoptRecommendationDto } from './dto/adopt-recommendation.dto';
import { ChangeStatusDto } from './dto/change-status.dto';
import { CountRecommendationsQuery, ListRecommendationsQuery } from './dto/list-recommendations.query';
import { RecommendationView, recommendationView, RecommendationCountsView } from './recommendation.view';
import { RecommendationCounts, RecommendationsService } from './recommendations.service';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Recommendations of the dialogues the caller may see, newest first, each with its status history',
    description: 'Filters: status, owner (organization id), dialogueId, overdue (dueOn passed and not implemented or dropped).',
  })
  @ApiPageOf(RecommendationView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListRecommendationsQuery): Promise<Page<RecommendationView>> {
    return mapPage(await this.recommendations.list(viewer, query), (r) => recommendationView(r.recommendation, r.history));
  }

  @Get('counts')
  @ApiOperation({ summary: 'How many recommendations the caller may see, by status, and how many are overdue' })
  @ApiOkResponse({ type: RecommendationCountsView })
  count(@CurrentViewer() viewer: Viewer, @Query() query: CountRecommendationsQuery): Promise<RecommendationCounts> {
    return this.recommendations.count(viewer, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One recommendation with its whole status history', description: '404 also when the caller may not see its dialogue.' })
  @ApiOkResponse({ type: RecommendationView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<RecommendationView> {
    const found = await this.recommendations.get(viewer, id);
    return recommendationView(found.recommendation, found.history);
  }

  @Post()
  @ApiOperation({
    summary: 'Adopt a recommendation of a dialogue (publishes recommendation.adopted)',
    description: "Only officers of the dialogue's convening or participating organizations (403 otherwise); owners must be registered organizations; a cancelled dialogue adopts none (409).",
  })
  @ApiCreatedResponse({ type: RecommendationView })
  async adopt(@CurrentViewer() viewer: Viewer, @Body() input: AdoptRecommendationDto): Promise<RecommendationView> {
    const adopted = await this.recommendations.adopt(viewer, input);
    return recommendationView(adopted.recommendation, adopted.history);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a recommendation to another status, with a note (publishes recommendation.status-changed)',
    description: "Only officers of an owner organization or of the dialogue's convenor (403 otherwise). Implemented and dropped are final (409).",
  })
  @ApiOkResponse({ type: RecommendationView })
  async changeStatus(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: ChangeStatusDto): Promise<RecommendationView> {
    const changed = await this.recommendations.changeStatus(viewer, id, input);
    return recommendationView(changed.recommendation, changed.history);
  }
}
