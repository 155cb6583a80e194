import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, type Viewer } from '@liaison/auth';
import { mapPage, type Page, PageQuery, UuidParam } from '@liaison/http';
import { CreateSubscriptionDto, UpdateSubscriptionDto } from './dto/subscription.dto';
import { type SubscriptionView, subscriptionView } from './subscription.view';
import { SubscriptionsService } from './subscriptions.service';

/** The caller's own subscriptions. */
@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  async list(@CurrentViewer() viewer: Viewer, @Query() page: PageQuery): Promise<Page<SubscriptionView>> {
    return mapPage(await this.subscriptions.list(viewer, page), subscriptionView);
  }

  @Get(':id')
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<SubscriptionView> {
    return subscriptionView(await this.subscriptions.get(viewer, id));
  }

  @Post()
  async create(@CurrentViewer() viewer: Viewer, @Body() input: CreateSubscriptionDto): Promise<SubscriptionView> {
    return subscriptionView(await this.subscriptions.create(viewer, input));
  }

  @Patch(':id')
  async update(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: UpdateSubscriptionDto): Promise<SubscriptionView> {
    return subscriptionView(await this.subscriptions.update(viewer, id, input));
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<void> {
    return this.subscriptions.remove(viewer, id);
  }
}
