import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A withdrawn brief stays withdrawn: `record_reach.withdrawn_at` marks it, so an event about it
 * that arrives after the withdrawal (late on its own subject, redelivered, replayed from the dead
 * letters) makes no item, e-mail or webhook delivery. Briefs withdrawn before are found by their
 * withdrawn items or the withdrawal's webhook deliveries (one withdrawn with neither is not known).
 */
export class WithdrawnRecords1768600000000 implements MigrationInterface {
  name = 'WithdrawnRecords1768600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE record_reach ADD COLUMN withdrawn_at timestamptz(3)`);
    // a withdrawal left its items withdrawn, or its notice among the webhook deliveries
    await queryRunner.query(`
      UPDATE record_reach r SET withdrawn_at = now()
       WHERE EXISTS (SELECT 1 FROM notification_events e JOIN notification_items i ON i.event_id = e.event_id
                      WHERE e.aggregate_id = r.aggregate_id AND i.withdrawn_at IS NOT NULL)
          OR EXISTS (SELECT 1 FROM webhook_deliveries d
                      WHERE d.event_type = 'liaison.brief.withdrawn.v1' AND d.payload ->> 'subject' = r.aggregate_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE record_reach DROP COLUMN withdrawn_at`);
  }
}
