import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentViewer, type MaybeViewer, Public, type Viewer, type ViewerRequest } from '@liaison/auth';
import { ApiPageOf, mapPage, type Page, UuidParam } from '@liaison/http';
import { UpdatePreferencesDto } from '../subscriptions/dto/preferences.dto';
import { PreferencesView, preferencesView } from '../subscriptions/subscription.view';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { InboxService } from './inbox.service';
import { LiveStream } from './live-stream';
import { NotificationView, notificationView, StreamTicketView } from './notification.view';

/** The caller's inbox, its live feed and the caller's delivery preferences. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly stream: LiveStream,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  @Get()
  @ApiPageOf(NotificationView)
  async list(@CurrentViewer() viewer: Viewer, @Query() query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    return mapPage(await this.inbox.list(viewer, query), notificationView);
  }

  /**
   * Server-Sent Events. Authenticated by the bearer header, or (for a browser EventSource, which
   * cannot send one) by `?ticket=` from POST /notifications/stream-tickets, or `?access_token=`.
   * Resumes after `Last-Event-ID`. Events: `notification` (an inbox item), and `record-changed`
   * { kind, id } when a record the caller could see was reclassified or withdrawn.
   */
  @Public()
  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'ticket', required: false })
  @ApiQuery({ name: 'access_token', required: false })
  async live(
    @CurrentViewer() fromHeader: MaybeViewer,
    @Query('ticket') ticket: string | undefined,
    @Query('access_token') accessToken: string | undefined,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const fromToken = { viewer: fromHeader, expiresAt: (request as ViewerRequest).tokenExpiresAt };
    const { viewer, expiresAt } = await this.inbox.streamViewer(fromToken, ticket, accessToken);
    await this.stream.serve(viewer, request, response, expiresAt);
  }

  /** A single-use ticket, valid STREAM_TICKET_TTL_SECONDS, for `GET /notifications/stream?ticket=`; its feed ends with the token. */
  @Post('stream-tickets')
  @ApiCreatedResponse({ type: StreamTicketView })
  issueTicket(@CurrentViewer() viewer: Viewer, @Req() request: FastifyRequest): Promise<{ ticket: string; expiresIn: number }> {
    return this.inbox.issueStreamTicket(viewer, (request as ViewerRequest).tokenExpiresAt);
  }

  /** Time zone and hour of the daily digest. */
  @Get('preferences')
  @ApiOkResponse({ type: PreferencesView })
  async preferences(@CurrentViewer() viewer: Viewer): Promise<PreferencesView> {
    return preferencesView(await this.subscriptions.preferences(viewer));
  }

  @Patch('preferences')
  @ApiOkResponse({ type: PreferencesView })
  async updatePreferences(@CurrentViewer() viewer: Viewer, @Body() input: UpdatePreferencesDto): Promise<PreferencesView> {
    return preferencesView(await this.subscriptions.updatePreferences(viewer, input));
  }

  @Get(':id')
  @ApiOkResponse({ type: NotificationView })
  async get(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<NotificationView> {
    return notificationView(await this.inbox.get(viewer, id));
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  async read(@CurrentViewer() viewer: Viewer, @UuidParam() id: string): Promise<NotificationView> {
    return notificationView(await this.inbox.markRead(viewer, id));
  }
}
