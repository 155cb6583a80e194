import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Viewer } from '@liaison/auth';
import { Conflict, definedFields, NotFound, type Page, paginate, PageQuery } from '@liaison/http';
import { DEFAULT_DIGEST_HOUR } from '../email/digest-scheduler';
import { CreateSubscriptionDto, SubscriptionFiltersDto, UpdateSubscriptionDto } from './dto/subscription.dto';
import { UpdatePreferencesDto } from './dto/preferences.dto';
import { NotificationPreferences } from './preferences.entity';
import { type Channel, DEFAULT_SUBSCRIPTION, Subscription } from './subscription.entity';
import { newUuidV7 } from '@liaison/contracts';

/**
 * The caller's own subscriptions and preferences. An officer starts with the default
 * subscription (what concerns their organization or them, in-app and e-mail at once), applied by
 * the fan-out without a row; the first time the officer reads or changes any of this, it becomes
 * a row like the others (with their preferences), which they may change or delete.
 */
/** The most subscriptions one officer may keep: each one costs the fan-out of every event. */
export const MAX_SUBSCRIPTIONS_PER_OFFICER = 100;

@Injectable()
export class SubscriptionsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(viewer: Viewer, page: PageQuery): Promise<Page<Subscription>> {
    await this.materialize(viewer.officerId);
    const query = this.dataSource
      .getRepository(Subscription)
      .createQueryBuilder('subscription')
      .where('subscription.officer_id = :officerId', { officerId: viewer.officerId });
    return paginate(query, 'subscription', page);
  }

  async get(viewer: Viewer, id: string): Promise<Subscription> {
    await this.materialize(viewer.officerId);
    const found = await this.dataSource.getRepository(Subscription).findOneBy({ id, officerId: viewer.officerId });
    if (!found) throw new NotFound('subscription');
    return found;
  }

  async create(viewer: Viewer, input: CreateSubscriptionDto): Promise<Subscription> {
    return this.dataSource.transaction(async (manager) => {
      await this.materialize(viewer.officerId, manager);
      // one officer's creations take turns, so two at once cannot both pass the cap
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('subscriptions:' || $1))`, [viewer.officerId]);
      if ((await manager.countBy(Subscription, { officerId: viewer.officerId })) >= MAX_SUBSCRIPTIONS_PER_OFFICER) {
        throw new Conflict('subscription-limit', `An officer may keep at most ${MAX_SUBSCRIPTIONS_PER_OFFICER} subscriptions: change or delete one first.`);
      }
      const subscription = manager.create(Subscription, {
        id: newUuidV7(),
        officerId: viewer.officerId,
        ...filterColumns(input.filters),
        channels: unique<Channel>(input.channels ?? ['in-app']),
        frequency: input.frequency ?? 'immediate',
        isDefault: false,
      });
      return manager.save(subscription);
    });
  }

  async update(viewer: Viewer, id: string, input: UpdateSubscriptionDto): Promise<Subscription> {
    return this.dataSource.transaction(async (manager) => {
      await this.materialize(viewer.officerId, manager);
      const subscription = await manager.findOne(Subscription, { where: { id, officerId: viewer.officerId }, lock: { mode: 'pessimistic_write' } });
      if (!subscription) throw new NotFound('subscription');
      if (input.filters) Object.assign(subscription, filterColumns(input.filters));
      const fields = definedFields({ channels: input.channels ? unique(input.channels) : undefined, frequency: input.frequency });
      Object.assign(subscription, fields);
      return manager.save(subscription);
    });
  }

  async remove(viewer: Viewer, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.materialize(viewer.officerId, manager);
      const { affected } = await manager.delete(Subscription, { id, officerId: viewer.officerId });
      if (!affected) throw new NotFound('subscription');
    });
  }

  async preferences(viewer: Viewer): Promise<NotificationPreferences> {
    return this.materialize(viewer.officerId);
  }

  async updatePreferences(viewer: Viewer, input: UpdatePreferencesDto): Promise<NotificationPreferences> {
    return this.dataSource.transaction(async (manager) => {
      const preferences = await this.materialize(viewer.officerId, manager);
      Object.assign(preferences, definedFields(input));
      return manager.save(preferences);
    });
  }

  /** Turns the implicit default into rows, once (concurrent first calls make one); no time zone is chosen yet. */
  private async materialize(officerId: string, manager: EntityManager = this.dataSource.manager): Promise<NotificationPreferences> {
    const created: unknown[] = await manager.query(
      `INSERT INTO notification_preferences (officer_id, digest_hour) VALUES ($1, $2)
       ON CONFLICT (officer_id) DO NOTHING RETURNING officer_id`,
      [officerId, DEFAULT_DIGEST_HOUR],
    );
    if (created.length > 0) {
      await manager.insert(Subscription, { id: newUuidV7(), officerId, ...DEFAULT_SUBSCRIPTION, isDefault: true });
    }
    return manager.findOneByOrFail(NotificationPreferences, { officerId });
  }
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

function filterColumns(filters: SubscriptionFiltersDto) {
  return {
    eventTypes: unique(filters.eventTypes ?? []),
    organizations: unique((filters.organizations ?? []).map((id) => id.toLowerCase())),
    countries: unique(filters.countries ?? []),
    regions: unique(filters.regions ?? []),
    themes: unique(filters.themes ?? []),
    concerningMe: filters.concerningMe ?? false,
  };
}
