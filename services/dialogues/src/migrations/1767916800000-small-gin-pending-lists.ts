import type { MigrationInterface, QueryRunner } from 'typeorm';

const BRIEF_GIN_INDEXES = ['briefs_search', 'briefs_countries', 'briefs_themes'];

/**
 * A GIN index adds new entries to a pending list and merges the list into the index when it
 * passes `gin_pending_list_limit` (4 MB by default), inside whichever insert crossed it, unless
 * (auto)vacuum got there first. For briefs' full-text index that was ~7,000 briefs' worth, and
 * the insert that merged it took 70–90 ms, stalling the brief batch and every request waiting
 * behind it (the p99 of `POST /briefs` under load). With 256 kB lists each merge takes ~10 ms;
 * the briefs' inserts cost ~3 % more in all (measured on 20,000 bench briefs).
 *
 * Setting this storage parameter takes a lock that lets inserts go on.
 */
export class SmallGinPendingLists1767916800000 implements MigrationInterface {
  name = 'SmallGinPendingLists1767916800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of BRIEF_GIN_INDEXES) await queryRunner.query(`ALTER INDEX ${index} SET (gin_pending_list_limit = 256)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of BRIEF_GIN_INDEXES) await queryRunner.query(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
  }
}
