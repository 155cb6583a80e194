import { Inject, Injectable, type LoggerService, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Classification, MilestoneDelayedEvent } from '@liaison/contracts';
import { ServiceLog } from '@liaison/http';
import { ChangeLog, visibilityColumns } from '@liaison/kit';
import { todayUtc } from '../calendar';
import { CapacityBuildingConfig } from '../config';
import { followerSees } from '../programme/followers';

/** The followers a delay names may see the programme now: its reach as the marking query returns it (`late`). */
const FOLLOWER_SEES_LATE = followerSees(visibilityColumns('late'));

interface LateRow {
  id: string;
  title: string;
  due_on: string;
  version: number;
  programme_id: string;
  programme_title: string;
  partner_organization_id: string;
  classification: Classification;
  audience_organizations: string[];
  audience_officers: string[];
  origin_organization_id: string;
  author_id: string;
  followers: string[];
}

/**
 * Marks milestones `delayed` once their due date has passed unfinished, and publishes
 * milestone.delayed for each, exactly once however many replicas run the check: the marking is
 * one UPDATE of the rows still `planned`, and its outbox rows commit in the same transaction. A
 * replica that runs at the same moment waits on the row locks, then finds the rows no longer
 * `planned` and marks (and publishes) nothing. Milestones of closed programmes are left alone.
 */
@Injectable()
export class MilestoneDelays implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: LoggerService;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly change: ChangeLog,
    @Inject(CapacityBuildingConfig) private readonly config: CapacityBuildingConfig,
    log: ServiceLog,
  ) {
    this.logger = log.for(MilestoneDelays.name);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Before TypeORM closes its pool: no new check starts, and the one running ends first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Marks what is late on `asOf` (a UTC day; default today): due before it and still planned. Returns the milestones marked. */
  async markDelayed(asOf: string = todayUtc()): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const late: LateRow[] = await manager.query(
        `WITH late AS (
           UPDATE milestones m SET status = 'delayed', version = m.version + 1, updated_at = now()
             FROM programmes p
            WHERE p.id = m.programme_id AND p.status <> 'closed' AND m.status = 'planned' AND m.due_on < $1::date
           RETURNING m.id, m.title, m.due_on::text AS due_on, m.version, m.programme_id, p.title AS programme_title,
                     p.partner_organization_id, p.classification, p.audience_organizations, p.audience_officers,
                     p.origin_organization_id, p.author_id
         )
         SELECT late.*, ARRAY(SELECT f.officer_id FROM programme_followers f JOIN registry_officers o ON o.id = f.officer_id
                               WHERE f.programme_id = late.programme_id AND f.following AND ${FOLLOWER_SEES_LATE}
                               ORDER BY f.officer_id) AS followers
           FROM late`,
        [asOf],
      );
      if (late.length === 0) return [];
      const traces = late.map((row) =>
        this.change.traces(null, {
          event: MilestoneDelayedEvent,
          subject: row.id,
          version: row.version,
          data: {
            milestoneId: row.id,
            programmeId: row.programme_id,
            programmeTitle: row.programme_title,
            partnerOrganizationId: row.partner_organization_id,
            title: row.title,
            dueOn: row.due_on,
            status: 'delayed' as const,
            classification: row.classification,
            audience: { organizations: row.audience_organizations, officers: row.audience_officers },
            originOrganizationId: row.origin_organization_id,
            authorId: row.author_id,
            followers: row.followers,
          },
        }),
      );
      await this.change.recordAll(manager, MilestoneDelayedEvent, traces);
      return late.map((row) => row.id);
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.markDelayed()
        .then((marked) => marked.length > 0 && this.logger.log(`${marked.length} milestone(s) marked delayed`))
        .catch((error: unknown) => this.logger.error(`the delay check failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.schedule());
    }, this.config.milestoneCheckMs);
  }
}
