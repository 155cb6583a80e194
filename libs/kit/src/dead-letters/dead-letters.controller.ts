import { Body, Controller, Get, HttpCode, Param, Post, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, type Viewer } from '@liaison/auth';
import { ApiPageOf, type Page } from '@liaison/http';
import { DeadLetters } from './dead-letters.service';
import { DiscardDeadLetterDto } from './discard-dead-letter.dto';
import { deadLetterView, DeadLetterView } from './dead-letter.view';
import { DEAD_LETTER_PAGE_SIZE, DeadLetterPageQuery, decodeDeadLetterCursor, encodeDeadLetterCursor } from './dead-letter-page';

/** The operators' routes of one service's dead letters: `/api/v1/<service>/dead-letters`. */
export function deadLettersController(service: string): Type {
  @ApiTags('dead letters')
  @ApiBearerAuth()
  @Controller(`${service}/dead-letters`)
  class DeadLettersController {
    constructor(private readonly deadLetters: DeadLetters) {}

    @Get()
    @ApiOperation({ summary: `The dead letters of ${service}'s consumers, oldest first, with their error and deliveries (UN admins)` })
    @ApiPageOf(DeadLetterView, 'One page, oldest first; nextCursor is null on the last.')
    async list(@CurrentViewer() viewer: Viewer, @Query() page: DeadLetterPageQuery): Promise<Page<DeadLetterView>> {
      const limit = page.limit ?? DEAD_LETTER_PAGE_SIZE;
      const letters = await this.deadLetters.list(viewer, limit + 1, page.cursor ? decodeDeadLetterCursor(page.cursor) : undefined);
      const items = letters.slice(0, limit);
      const last = items[items.length - 1];
      return { items: items.map(deadLetterView), nextCursor: letters.length > limit && last ? encodeDeadLetterCursor(last) : null };
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
