import { authMigrations } from '@liaison/auth';
import { httpMigrations } from '@liaison/http';
import { messagingMigrations } from '@liaison/messaging';
import { registryMigrations } from '@liaison/registry';
import { CreateNotifications1767225800000 } from './1767225800000-create-notifications';
import { IndexSubscriptionMatching1767398400000 } from './1767398400000-index-subscription-matching';
import { InboxByPosition1767571200000 } from './1767571200000-inbox-by-position';
import { IndexItemsByDigest1767657600000 } from './1767657600000-index-items-by-digest';
import { ItemsByEvent1767830400000 } from './1767830400000-items-by-event';
import { ItemsWithoutPositionIndex1768003200000 } from './1768003200000-items-without-position-index';
import { EventTextsOnEvents1768176000000 } from './1768176000000-event-texts-on-events';
import { CheaperUuidV71768262400000 } from './1768262400000-cheaper-uuid-v7';
import { RecordReach1768348800000 } from './1768348800000-record-reach';

/** In the order they run; a new migration goes at the end. */
export const notificationsMigrations = [
  ...messagingMigrations,
  ...authMigrations,
  ...httpMigrations,
  ...registryMigrations,
  CreateNotifications1767225800000,
  IndexSubscriptionMatching1767398400000,
  InboxByPosition1767571200000,
  IndexItemsByDigest1767657600000,
  ItemsByEvent1767830400000,
  ItemsWithoutPositionIndex1768003200000,
  EventTextsOnEvents1768176000000,
  CheaperUuidV71768262400000,
  RecordReach1768348800000,
];
