import type { SelectQueryBuilder } from 'typeorm';
import { DEFAULT_PAGE_SIZE, InvalidInput, type Page, type PageQuery } from '@liaison/http';
import type { NotificationItem } from './notification-item.entity';

/**
 * Inbox paging, newest first by `position` rather than by (created_at, id) as libs/http's
 * `paginate` does: `position` follows commit order (FEED_ORDER_LOCK), so it is a total order
 * on its own, and the feed index (officer_id, position) then serves both the live feed and the
 * inbox list. Every fanned-out item pays for each index of notification_items; this saves the
 * one a (created_at, id) order needed. Same contract as `paginate`: `?limit=`, an opaque
 * `?cursor=`, one row more than the page fetched to know whether another follows, and a cursor
 * this service did not give out (one from before this order, too) is a 400 on `cursor`.
 */
export async function paginateByPosition(query: SelectQueryBuilder<NotificationItem>, alias: string, page: PageQuery): Promise<Page<NotificationItem>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  if (page.cursor) {
    query.andWhere(`${alias}.position < :cursorPosition`, { cursorPosition: decodePositionCursor(page.cursor) });
  }
  const rows = await query
    .orderBy(`${alias}.position`, 'DESC')
    .limit(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodePositionCursor(last.position) : null };
}

/** `position` is a bigint: kept as its decimal text, never through a JS number. */
export function encodePositionCursor(position: string): string {
  return Buffer.from(JSON.stringify({ position })).toString('base64url');
}

const BIGINT_MAX = 9_223_372_036_854_775_807n;

export function decodePositionCursor(cursor: string): string {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { position?: unknown };
    if (typeof value?.position === 'string' && /^[1-9]\d{0,18}$/.test(value.position) && BigInt(value.position) <= BIGINT_MAX) {
      return value.position;
    }
  } catch {
    // fall through to the one error below
  }
  throw new InvalidInput([{ field: 'cursor', message: 'cursor is not one this service gave out', code: 'unknownCursor' }]);
}
