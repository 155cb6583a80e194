import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, type Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, type Page, PageQuery, UuidParam } from '@liaison/http';
import { CreateSubscriptionDto, UpdateSubscriptionDto } from './dto/subscription.dto';
import { SubscriptionView, subscriptionView } from './subscription.view';
import { SubscriptionsService } from './subscriptions.service';

/** The caller's own subscriptions. */
@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @ApiPageOf(SubscriptionView)
  async list(@CurrentViewer() viewer: Viewer, @Query() page: PageQuery): Promise<Page<SubscriptionView>> {
    return mapPage(await this.subscriptions.list(viewer, page), subscriptionView);
  }

  @Get(':id')
  @ApiOkResponse({ type: SubscriptionView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<SubscriptionView> {
    return subscriptionView(await this.subscriptions.get(viewer, id));
  }

  @Post()
  @ApiCreatedResponse({ type: SubscriptionView })
  async create(@CurrentViewer() viewer: Viewer, @Body() input: CreateSubscriptionDto): Promise<SubscriptionView> {
    return subscriptionView(await this.subscriptions.create(viewer, input));
  }

  @Patch(':id')
  @ApiOkResponse({ type: SubscriptionView })
  async update(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: UpdateSubscriptionDto): Promise<SubscriptionView> {
    return subscriptionView(await this.subscriptions.update(viewer, id, input));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  remove(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<void> {
    return this.subscriptions.remove(viewer, id);
  }
}
