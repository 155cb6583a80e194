import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CLASSIFICATIONS, Classification, EVENT_TYPE_PATTERN, defineEvent } from '../envelope';
import { AudienceDto } from '../vocabulary/audience.dto';
import { LANGUAGES, Language } from '../vocabulary/domain';

/**
 * An inbox item was created for one officer. Its title and summary come from the event it is
 * about, so it is sent with that event's classification, origin (`originorg`) and audience:
 * it reaches no one who could not see that event.
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

  /** The source event's classification, equal to this event's `classification` extension. */
  @IsIn(CLASSIFICATIONS)
  classification: Classification;

  /** The source event's audience. */
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;

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

/** One officer's inbox item, inside `NotificationsCreated`. */
export class CreatedNotification {
  @IsUUID()
  notificationId: string;

  @IsUUID()
  officerId: string;

  /** In the officer's language. */
  @IsString()
  @Length(1, 300)
  title: string;

  @IsString()
  @MaxLength(1000)
  summary: string;

  @IsIn(LANGUAGES)
  language: Language;
}

/**
 * The inbox items one event created, for all its recipients at once: version 2 of
 * notification.created. Version 1 (one event per item) made a brief to 100 subscribers cost 100
 * publishes, more than JetStream carries at the rates Liaison is built for. The envelope's
 * `subject` is the source event's id; classification, origin and audience are the source
 * event's, as in version 1.
 */
/** What versions 2 and 3 of notification.created say of the event their items are about. */
export abstract class ItemsAbout {
  /** The event the items are about. */
  @IsUUID()
  eventId: string;

  /** Its CloudEvents type. */
  @Matches(EVENT_TYPE_PATTERN)
  eventType: string;

  /** A path under the web origin, e.g. `/briefs/<id>`. */
  @IsString()
  @MaxLength(2048)
  link: string;

  /** The source event's classification, equal to this event's `classification` extension. */
  @IsIn(CLASSIFICATIONS)
  classification: Classification;

  /** The source event's audience. */
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;
}

export class NotificationsCreated extends ItemsAbout {

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CreatedNotification)
  notifications: CreatedNotification[];
}

export const NotificationsCreatedEvent = defineEvent({
  service: 'notifications',
  aggregate: 'notification',
  verb: 'created',
  version: 2,
  payload: NotificationsCreated,
  description:
    "The inbox items one event created, one per recipient officer in the officer's language (version 1 had one event per item).",
});

/** One item of `NotificationsCreatedByLanguage`: whose, and in which language (its text is that language's). */
export class CreatedItem {
  @IsUUID()
  notificationId: string;

  @IsUUID()
  officerId: string;

  @IsIn(LANGUAGES)
  language: Language;
}

/** An item's title and summary in one language. */
export class ItemText {
  @IsIn(LANGUAGES)
  language: Language;

  @IsString()
  @Length(1, 300)
  title: string;

  @IsString()
  @MaxLength(1000)
  summary: string;
}

/**
 * The inbox items one event created: version 3 of notification.created. As version 2, but each
 * title and summary comes once per language (`texts`), not once per item: every officer of a
 * language gets the same text, and version 2 repeated it for each. For a brief to many
 * subscribers that is a fraction of the bytes the outbox, the relay and the stream each carry.
 * Every item's `language` has its entry in `texts`. Where the messages show a time, each shows it
 * in the zone its officer chose (UTC, labelled, for none), so one source event then gives one
 * version 3 per zone among its recipients, each with that zone's items; otherwise exactly one.
 */
export class NotificationsCreatedByLanguage extends ItemsAbout {

  /** One per language some item is in. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ItemText)
  texts: ItemText[];

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CreatedItem)
  notifications: CreatedItem[];
}

export const NotificationsCreatedByLanguageEvent = defineEvent({
  service: 'notifications',
  aggregate: 'notification',
  verb: 'created',
  version: 3,
  payload: NotificationsCreatedByLanguage,
  description:
    'The inbox items one event created, one per recipient officer, with each title and summary once per language (version 2 repeated them per item).',
});
