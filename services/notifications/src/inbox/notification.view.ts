import { ApiProperty } from '@nestjs/swagger';
import { CLASSIFICATIONS, LANGUAGES } from '@liaison/contracts';
import { INBOX_ITEM_TYPES } from '../events/event-facts';
import type { NotificationItem } from './notification-item.entity';

/** API.md: `{ id, eventId, type, title, summary, link, classification, createdAt, readAt }`. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: INBOX_ITEM_TYPES, description: 'the CloudEvents type of the event it tells of' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'the record it is about, relative to the web origin' }) link!: string;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

/** POST /notifications/stream-tickets: a single-use ticket for GET /notifications/stream?ticket=. */
export class StreamTicketView {
  @ApiProperty() ticket!: string;
  @ApiProperty({ description: 'seconds' }) expiresIn!: number;
}

export function notificationView(item: NotificationItem): NotificationView {
  return {
    id: item.id,
    eventId: item.eventId,
    type: item.eventType,
    title: item.title,
    summary: item.summary,
    link: item.link,
    classification: item.classification,
    language: item.language,
    createdAt: item.createdAt.toISOString(),
    readAt: item.readAt?.toISOString() ?? null,
  };
}
