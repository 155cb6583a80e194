import { Body, Controller, Get, HttpCode, Param, Post, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, type Viewer } from '@liaison/auth';
import { DeadLetters } from './dead-letters.service';
import { DiscardDeadLetterDto } from './discard-dead-letter.dto';
import { deadLetterView, DeadLetterView } from './dead-letter.view';

class DeadLetterPage {
  items: DeadLetterView[];
  nextCursor: null;
}

/** The operators' routes of one service's dead letters: `/api/v1/<service>/dead-letters`. */
export function deadLettersController(service: string): Type {
  @ApiTags('dead letters')
  @ApiBearerAuth()
  @Controller(`${service}/dead-letters`)
  class DeadLettersController {
    constructor(private readonly deadLetters: DeadLetters) {}

    @Get()
    @ApiOperation({ summary: `The dead letters of ${service}'s consumers, oldest first, with their error and deliveries (UN admins)` })
    @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 100 } })
    @ApiOkResponse({ type: DeadLetterPage })
    async list(@CurrentViewer() viewer: Viewer, @Query('limit') limit?: string): Promise<DeadLetterPage> {
      const most = limit === undefined ? 100 : Math.max(1, Math.min(200, Number.parseInt(limit, 10) || 100));
      return { items: (await this.deadLetters.list(viewer, most)).map(deadLetterView), nextCursor: null };
    }

    @Post('replay')
    @HttpCode(200)
    @ApiOperation({ summary: `Replay every dead letter of ${service} after a fix (UN admins); each takes effect once` })
    async replayAll(@CurrentViewer() viewer: Viewer): Promise<{ replayed: number }> {
      return { replayed: await this.deadLetters.replayAll(viewer) };
    }

    @Post(':id/replay')
    @HttpCode(204)
    @ApiOperation({
      summary: 'Replay one dead letter (UN admins); it takes effect once',
      description:
        "The service hands the event to its own handler at once; handled, it leaves the dead letters. Failing again, it is listed again (a new id) with the new error. 409 when the service has no handler for its consumer any more: discard it.",
    })
    async replay(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<void> {
      await this.deadLetters.replay(viewer, id);
    }

    @Post(':id/discard')
    @HttpCode(204)
    @ApiOperation({ summary: 'Discard one dead letter with a reason, kept in the audit trail (UN admins)' })
    async discard(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: DiscardDeadLetterDto): Promise<void> {
      await this.deadLetters.discard(viewer, id, body.reason);
    }
  }
  return DeadLettersController;
}
