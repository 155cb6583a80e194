import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { InvalidInput, isCursorTime } from '@liaison/http';
import type { DeadLetterPosition } from '@liaison/messaging';

export const DEAD_LETTER_PAGE_SIZE = 100;
export const MAX_DEAD_LETTER_PAGE_SIZE = 200;

/** `?limit=&cursor=` of the dead-letter list: oldest first, so an operator works from the front. */
export class DeadLetterPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DEAD_LETTER_PAGE_SIZE, default: DEAD_LETTER_PAGE_SIZE, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DEAD_LETTER_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the page before', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** JetStream ids are stream sequences, the standalone's are UUIDs: either, and nothing else. */
const LETTER_ID = /^(?:[1-9]\d{0,15}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Opaque to clients: the last letter's time and id. */
export function encodeDeadLetterCursor(position: DeadLetterPosition): string {
  return Buffer.from(JSON.stringify({ deadAt: position.deadAt.toISOString(), id: position.id })).toString('base64url');
}

export function decodeDeadLetterCursor(cursor: string): DeadLetterPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { deadAt?: unknown; id?: unknown };
    if (isCursorTime(value?.deadAt) && typeof value.id === 'string' && LETTER_ID.test(value.id)) {
      return { deadAt: new Date(value.deadAt), id: value.id };
    }
  } catch {
    // fall through to the one error below
  }
  throw new InvalidInput([{ field: 'cursor', message: 'cursor is not one this service gave out', code: 'unknownCursor' }]);
}
