import { BriefPublishedEvent } from '@liaison/contracts';
import { LatencyRecorder, type LatencySummary } from '../recorder';
import { queryOnce } from './query-once';

/**
 * Where a brief's time went between the two services, from their own timestamps: dialogues'
 * outbox row (`created_at`, the brief's transaction; `sent_at`, the relay's mark after JetStream
 * acknowledged the publish) and notifications' inbox row (`handled_at`, its transaction).
 * `now()` is a transaction's start, and the mark follows the publish, so the first stage holds
 * the relay's whole round (wake-up, claim, publish and ack, mark) and the second can be shorter
 * than the delivery itself; a stage below zero is counted as zero.
 */
export interface BriefStages {
  'dialogues: brief transaction → relay marked it sent': LatencySummary;
  'marked sent → notifications inbox transaction': LatencySummary;
}

/** Stages of the briefs whose transaction began in [fromMs, toMs) (epoch milliseconds). */
export async function briefStages(dialoguesUrl: string, notificationsUrl: string, fromMs: number, toMs: number): Promise<BriefStages> {
  const outbox = await queryOnce<{ id: string; created: string; sent: string | null }>(
    dialoguesUrl,
    `SELECT id, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM sent_at) * 1000 AS sent
       FROM outbox
      WHERE subject = $1 AND created_at >= to_timestamp($2 / 1000.0) AND created_at < to_timestamp($3 / 1000.0)`,
    [BriefPublishedEvent.subject, fromMs, toMs],
  );
  const handled = new Map(
    (
      await queryOnce<{ id: string; handled: string }>(
        notificationsUrl,
        `SELECT event_id AS id, extract(epoch FROM min(handled_at)) * 1000 AS handled FROM inbox WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
        [outbox.map((row) => row.id)],
      )
    ).map((row) => [row.id, Number(row.handled)]),
  );
  const relay = new LatencyRecorder();
  const intake = new LatencyRecorder();
  for (const row of outbox) {
    if (row.sent === null) continue;
    const sent = Number(row.sent);
    relay.record(Math.max(0, sent - Number(row.created)));
    const at = handled.get(row.id);
    if (at !== undefined) intake.record(Math.max(0, at - sent));
  }
  return {
    'dialogues: brief transaction → relay marked it sent': relay.summary(),
    'marked sent → notifications inbox transaction': intake.summary(),
  };
}
