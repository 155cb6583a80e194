/**
 * The bare transactional-outbox pipeline's own tables, nothing of Liaison's: the producer's
 * database holds `items` and `outbox`, the consumer's holds `received` (one row per event, unique
 * on the event id, which makes redelivery harmless) and, for fan-out, `subscriptions` and
 * `inbox_items` (unique on event and subscriber).
 */
export const PRODUCER_SCHEMA = `
  CREATE TABLE items (id uuid PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE outbox (
    id bigserial PRIMARY KEY,
    event_id uuid NOT NULL,
    subject text NOT NULL,
    payload text NOT NULL,
    sent_at timestamptz
  );
  CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
`;

export const CONSUMER_SCHEMA = `
  CREATE TABLE received (event_id uuid PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE subscriptions (subscriber integer NOT NULL, country text NOT NULL);
  CREATE INDEX subscriptions_country ON subscriptions (country);
  CREATE TABLE inbox_items (
    event_id uuid NOT NULL,
    subscriber integer NOT NULL,
    title text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, subscriber)
  );
`;

/** `count` subscribers to each of `countries` countries: an event about one country fans out to `count` rows. */
export function seedSubscriptions(countries: number, count: number): string {
  return `INSERT INTO subscriptions (subscriber, country)
          SELECT s, 'C' || (s % ${countries}) FROM generate_series(0, ${countries * count - 1}) s`;
}

/** What the consumer reports to the harness over IPC, in batches. */
export interface ConsumerBatch {
  type: 'received';
  /**
   * [event id, consumer commit ms, inbox rows] per event; the harness, which produced the event,
   * knows when the producer's commit returned, so latency is commit to commit, both measured
   * after COMMIT returned, on one clock.
   */
  items: Array<[string, number, number]>;
}
