import { IsIn, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { CLASSIFICATIONS, Classification, EVENT_TYPE_PATTERN, defineEvent } from '../envelope';
import { LANGUAGES, Language } from '../vocabulary/domain';

/**
 * An inbox item was created for one officer. It concerns that officer only: the publisher sends
 * it as red, and the payload repeats the source event's classification for partner systems.
 */
export class NotificationCreated {
  @IsUUID()
  notificationId: string;

  @IsUUID()
  officerId: string;

  /** The event the item is about. */
  @IsUUID()
  eventId: string;

  /** Its CloudEvents type. */
  @Matches(EVENT_TYPE_PATTERN)
  eventType: string;

  /** In the officer's language. */
  @IsString()
  @Length(1, 300)
  title: string;

  @IsString()
  @MaxLength(1000)
  summary: string;

  /** A path under the web origin, e.g. `/briefs/<id>`. */
  @IsString()
  @MaxLength(2048)
  link: string;

  @IsIn(CLASSIFICATIONS)
  classification: Classification;

  @IsIn(LANGUAGES)
  language: Language;
}

export const NotificationCreatedEvent = defineEvent({
  service: 'notifications',
  aggregate: 'notification',
  verb: 'created',
  payload: NotificationCreated,
  description: "An inbox item was created for an officer, in the officer's language.",
});
