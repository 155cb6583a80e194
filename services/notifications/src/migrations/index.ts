import { CreateNotifications1767225800000 } from './1767225800000-create-notifications';
import { RecordReach1768348800000 } from './1768348800000-record-reach';
import { StreamTicketTokenExpiry1768400000000 } from './1768400000000-stream-ticket-token-expiry';
import { WebhookSecretRotation1768500000000 } from './1768500000000-webhook-secret-rotation';
import { LiveFeeds1768500000001 } from './1768500000001-live-feeds';
import { ParentReach1768500000002 } from './1768500000002-parent-reach';
import { WithdrawnRecords1768600000000 } from './1768600000000-withdrawn-records';
import { TimeZoneNotChosen1768700000000 } from './1768700000000-time-zone-not-chosen';
import { LiveSignals1768700000001 } from './1768700000001-live-signals';
import { MessageParams1768800000000 } from './1768800000000-message-params';
import { InboxMessageParams1768800000001 } from './1768800000001-inbox-message-params';

/** The service's own, in the order they run (the kit runs the shared libs' first); a new migration goes at the end. */
export const notificationsMigrations = [
  CreateNotifications1767225800000,
  RecordReach1768348800000,
  StreamTicketTokenExpiry1768400000000,
  WebhookSecretRotation1768500000000,
  LiveFeeds1768500000001,
  ParentReach1768500000002,
  WithdrawnRecords1768600000000,
  TimeZoneNotChosen1768700000000,
  LiveSignals1768700000001,
  MessageParams1768800000000,
  InboxMessageParams1768800000001,
];
