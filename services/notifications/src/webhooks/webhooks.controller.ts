import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, Roles, type Viewer } from '@liaison/auth';
import { ApiPageOf, mapPage, type Page, PageQuery, UuidParam } from '@liaison/http';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { RotateSecretDto } from './dto/rotate-secret.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookDeliveryView, webhookDeliveryView, WebhookView, webhookView } from './webhook.view';
import { WebhooksService } from './webhooks.service';

/** The caller's organization's endpoints; its admins manage them. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiCreatedResponse({ type: WebhookView })
  async create(@CurrentViewer() viewer: Viewer, @Body() input: CreateWebhookDto): Promise<WebhookView> {
    const { endpoint, secret } = await this.webhooks.create(viewer, input);
    return webhookView(endpoint, secret);
  }

  @Get()
  @ApiPageOf(WebhookView)
  async list(@CurrentViewer() viewer: Viewer, @Query() page: PageQuery): Promise<Page<WebhookView>> {
    return mapPage(await this.webhooks.list(viewer, page), (endpoint) => webhookView(endpoint));
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<WebhookView> {
    return webhookView(await this.webhooks.get(viewer, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookView })
  async update(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: UpdateWebhookDto): Promise<WebhookView> {
    return webhookView(await this.webhooks.update(viewer, id, input));
  }

  @Post(':id/secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookView, description: 'The endpoint with its new secret, given this once.' })
  @ApiOperation({
    summary: "Rotate the endpoint's signing secret",
    description:
      'Returns the new secret, once. For overlapSeconds (default WEBHOOK_SECRET_OVERLAP_SECONDS, a day; 0 ends the old one at once) every delivery is signed with both: `webhook-signature: v1,<new> v1,<old>`, so the receiver verifies with either while it moves to the new one; previousSecretExpiresAt says until when.',
  })
  async rotateSecret(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Body() input: RotateSecretDto): Promise<WebhookView> {
    const { endpoint, secret } = await this.webhooks.rotateSecret(viewer, id, input);
    return webhookView(endpoint, secret);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  remove(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<void> {
    return this.webhooks.remove(viewer, id);
  }

  @Get(':id/deliveries')
  @ApiPageOf(WebhookDeliveryView)
  async deliveries(@CurrentViewer() viewer: Viewer, @UuidParam() id: string, @Query() page: PageQuery): Promise<Page<WebhookDeliveryView>> {
    return mapPage(await this.webhooks.deliveries(viewer, id, page), webhookDeliveryView);
  }
}
