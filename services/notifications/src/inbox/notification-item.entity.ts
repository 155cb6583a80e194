import { ViewColumn, ViewEntity } from 'typeorm';
import type { Classification, Language } from '@liaison/contracts';
import type { MessageParams } from '../events/event-facts';

/**
 * One officer's inbox item about one event, as reads see it: the item's own row
 * (`notification_items`: who, language, channels, read and withdrawn) with what is the same for
 * every item of its event (`notification_events`: type, texts in the item's language, link,
 * classification, origin, author, audience), through the view `notification_inbox` (the
 * service's migrations). Items are unique on (event, officer), so a redelivered event never makes a
 * second. The record's classification, origin, author and audience as they are now (the view
 * takes them from `record_reach`, else from the event) come with every item, so every read
 * applies the rule to the record, not to the event. Only the fan-out writes items (in SQL); this
 * is read-only.
 */
@ViewEntity({ name: 'notification_inbox', synchronize: false })
export class NotificationItem {
  @ViewColumn()
  id: string;

  /** commit order (fan-outs take a lock around their insert): the live feed's order */
  @ViewColumn()
  position: string;

  @ViewColumn({ name: 'event_id' })
  eventId: string;

  @ViewColumn({ name: 'event_type' })
  eventType: string;

  @ViewColumn({ name: 'aggregate_id' })
  aggregateId: string;

  @ViewColumn({ name: 'officer_id' })
  officerId: string;

  @ViewColumn({ name: 'organization_id' })
  organizationId: string;

  @ViewColumn()
  language: Language;

  @ViewColumn()
  title: string;

  @ViewColumn()
  summary: string;

  /** what its title and summary were rendered from, where they show a time: reads render them again in the reader's zone (inReaderZone) */
  @ViewColumn({ name: 'message_params' })
  messageParams: MessageParams | null;

  @ViewColumn()
  link: string;

  @ViewColumn()
  classification: Classification;

  @ViewColumn({ name: 'origin_organization_id' })
  originOrganizationId: string;

  @ViewColumn({ name: 'author_id' })
  authorId: string;

  @ViewColumn({ name: 'audience_organizations' })
  audienceOrganizations: string[];

  @ViewColumn({ name: 'audience_officers' })
  audienceOfficers: string[];

  @ViewColumn({ name: 'in_app' })
  inApp: boolean;

  @ViewColumn()
  email: 'none' | 'immediate' | 'daily';

  @ViewColumn({ name: 'digest_id' })
  digestId: string | null;

  @ViewColumn({ name: 'withdrawn_at' })
  withdrawnAt: Date | null;

  @ViewColumn({ name: 'read_at' })
  readAt: Date | null;

  @ViewColumn({ name: 'created_at' })
  createdAt: Date;
}
