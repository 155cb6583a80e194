import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidInput } from './domain-error';
import { isCursorTime, isUuid } from './input-bounds';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=`, shared by every list; filters extend it. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the page before', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * An order a list is paged in: a time column, its direction, and the id after it as tie-breaker.
 * `name` is the `?order=` value and the key the cursor stores the time under, so a cursor serves
 * only the order that gave it out.
 */
export interface PageOrder<T> {
  name: string;
  column: string;
  direction: 'ASC' | 'DESC';
  key: (row: T) => Date;
}

/** The default of every list: newest recorded first. */
export const NEWEST_RECORDED: PageOrder<{ createdAt: Date }> = { name: 'createdAt', column: 'created_at', direction: 'DESC', key: (row) => row.createdAt };

/** Soonest start first, for lists of things that start (`?order=startsAt`). */
export const SOONEST_START: PageOrder<{ startsAt: Date }> = { name: 'startsAt', column: 'starts_at', direction: 'ASC', key: (row) => row.startsAt };

interface CursorPosition {
  at: string;
  id: string;
}

/** Opaque to clients; the sort key and the id, so pages stay stable while rows are inserted. */
export function encodeCursor<T extends { id: string }>(row: T, order: PageOrder<T>): string {
  return Buffer.from(JSON.stringify({ [order.name]: order.key(row).toISOString(), id: row.id })).toString('base64url');
}

/** The position a cursor holds; one given out for another order, or by no one, is a 400 on `cursor`. */
export function decodeCursor(cursor: string, order: PageOrder<never> = NEWEST_RECORDED): CursorPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const at = value?.[order.name];
    if (isCursorTime(at) && isUuid(value.id)) {
      return { at, id: value.id };
    }
  } catch {
    // fall through to the one error below
  }
  throw new InvalidInput([{ field: 'cursor', message: 'cursor is not one this service gave out for this order', code: 'unknownCursor' }]);
}

/**
 * Keyset-paged by (order column, id), newest recorded first unless another order is given:
 * fetches one row more than the page to know whether another page follows, without counting.
 */
export async function paginate<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  page: PageQuery,
  order: PageOrder<T> = NEWEST_RECORDED,
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const column = `${alias}.${order.column}`;
  if (page.cursor) {
    const position = decodeCursor(page.cursor, order as PageOrder<never>);
    const after = order.direction === 'DESC' ? '<' : '>';
    query.andWhere(`(${column}, ${alias}.id) ${after} (:cursorAt, :cursorId)`, {
      cursorAt: position.at,
      cursorId: position.id,
    });
  }
  const rows = await query
    .orderBy(column, order.direction)
    .addOrderBy(`${alias}.id`, order.direction)
    .take(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last, order) : null };
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), nextCursor: page.nextCursor };
}
