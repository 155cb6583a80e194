import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { TokenVerifier, type Viewer, visibilityPredicate } from '@liaison/auth';
import { NotFound, type Page } from '@liaison/http';
import { NotificationsConfig } from '../config';
import { inReaderZone } from '../messages/render';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationItem } from './notification-item.entity';
import { paginateByPosition } from './position-page';

const ITEM_COLUMNS = {
  classification: 'item.classification',
  originOrganizationId: 'item.origin_organization_id',
  authorId: 'item.author_id',
  audienceOrganizations: 'item.audience_organizations',
  audienceOfficers: 'item.audience_officers',
};

/** The parent record's reach as it is now (NULL where the item's record has none known). */
const PARENT_COLUMNS = {
  classification: 'item.parent_classification',
  originOrganizationId: 'item.parent_origin_organization_id',
  authorId: 'item.parent_author_id',
  audienceOrganizations: 'item.parent_audience_organizations',
  audienceOfficers: 'item.parent_audience_officers',
};

/**
 * The caller's inbox: their in-app items, newest first (by `position`, commit order, read through
 * the feed index; see position-page.ts), still visible to them (the rule is applied again in SQL
 * with the caller as viewer, before LIMIT, to the record as it is now: the view notification_inbox
 * takes its classified fields from record_reach, and those of the record's parent, a milestone's
 * programme or a recommendation's dialogue, which must allow it too), withdrawn ones left out.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: TokenVerifier,
    @Inject(NotificationsConfig) private readonly config: NotificationsConfig,
  ) {}

  async list(viewer: Viewer, query: ListNotificationsQuery): Promise<Page<NotificationItem>> {
    const select = this.visible(viewer);
    if (query.unread === true) select.andWhere('item.read_at IS NULL');
    if (query.unread === false) select.andWhere('item.read_at IS NOT NULL');
    const page = await paginateByPosition(select, 'item', query);
    return { ...page, items: await this.inReadersZone(viewer.officerId, page.items) };
  }

  async get(viewer: Viewer, id: string): Promise<NotificationItem> {
    const [item] = await this.inReadersZone(viewer.officerId, [await this.stored(viewer, id)]);
    return item;
  }

  async markRead(viewer: Viewer, id: string): Promise<NotificationItem> {
    const item = await this.stored(viewer, id);
    if (!item.readAt) {
      await this.dataSource.query(`UPDATE notification_items SET read_at = now() WHERE id = $1 AND read_at IS NULL`, [id]);
    }
    return this.get(viewer, id);
  }

  /**
   * Items after `position` for the live feed, in commit order: the officer's own that the rule
   * lets them see now, with `viewer` as the registry has them now (currentViewer).
   */
  async after(viewer: Viewer, position: string, limit = 100): Promise<NotificationItem[]> {
    const items = await this.visible(viewer)
      .andWhere('item.position > :position', { position })
      .orderBy('item.position', 'ASC')
      .take(limit)
      .getMany();
    return this.inReadersZone(viewer.officerId, items);
  }

  /** Where a feed resumes: after the item named by Last-Event-ID (the officer's own), else from now. */
  async resumePosition(officerId: string, lastEventId: string | undefined): Promise<string> {
    if (lastEventId && /^[0-9a-f-]{36}$/i.test(lastEventId)) {
      const [row] = await this.dataSource.query(`SELECT position FROM notification_items WHERE id = $1 AND officer_id = $2`, [
        lastEventId,
        officerId,
      ]);
      if (row) return String(row.position);
    }
    const [latest] = await this.dataSource.query(
      `SELECT COALESCE(max(position), 0) AS position FROM notification_items WHERE officer_id = $1`,
      [officerId],
    );
    return String(latest.position);
  }

  /**
   * Who the officer is now, from the registry: memberships may have changed since the items were
   * made. `null` when the officer has left.
   */
  async currentViewer(viewer: Viewer): Promise<Viewer | null> {
    const [officer] = await this.dataSource.query(`SELECT organization_id, "left" FROM registry_officers WHERE id = $1`, [viewer.officerId]);
    if (!officer) return viewer;
    if (officer.left) return null;
    return { ...viewer, organizationId: officer.organization_id };
  }

  /** A single-use ticket for the SSE route, for clients that cannot send a header (EventSource). */
  async issueStreamTicket(viewer: Viewer, tokenExpiresAt?: number): Promise<{ ticket: string; expiresIn: number }> {
    const ticket = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO stream_tickets (ticket_hash, officer_id, organization_id, roles, expires_at, token_expires_at)
       VALUES ($1, $2, $3, $4, now() + ($5::int * interval '1 second'), $6)`,
      [hash(ticket), viewer.officerId, viewer.organizationId, viewer.roles, this.config.streamTicketTtlSeconds, tokenExpiresAt ? new Date(tokenExpiresAt) : null],
    );
    await this.dataSource.query(`DELETE FROM stream_tickets WHERE expires_at < now() - interval '1 hour'`);
    return { ticket, expiresIn: this.config.streamTicketTtlSeconds };
  }

  /**
   * The viewer of the SSE request and when its token expires (the feed ends then): the bearer
   * header, else `?ticket=` (the token it was issued to), else `?access_token=`.
   */
  async streamViewer(
    fromHeader: { viewer: Viewer | null | undefined; expiresAt?: number },
    ticket?: string,
    accessToken?: string,
  ): Promise<{ viewer: Viewer; expiresAt?: number }> {
    if (fromHeader.viewer) return { viewer: fromHeader.viewer, expiresAt: fromHeader.expiresAt };
    if (ticket) {
      const [row] = await this.dataSource.query(
        `WITH used AS (DELETE FROM stream_tickets WHERE ticket_hash = $1 AND expires_at > now() RETURNING officer_id, organization_id, roles, token_expires_at)
         SELECT * FROM used`,
        [hash(ticket)],
      );
      if (row) {
        const viewer = { officerId: row.officer_id, organizationId: row.organization_id, roles: row.roles };
        return { viewer, expiresAt: row.token_expires_at ? new Date(row.token_expires_at).getTime() : undefined };
      }
      throw new UnauthorizedException('The stream ticket is not valid or has expired.');
    }
    if (accessToken) return this.verifier.verifyWithExpiry(accessToken);
    throw new UnauthorizedException('A bearer token, a ?ticket= or an ?access_token= is required.');
  }

  /** One item the viewer may see, its texts as stored. */
  private async stored(viewer: Viewer, id: string): Promise<NotificationItem> {
    const item = await this.visible(viewer).andWhere('item.id = :id', { id }).getOne();
    if (!item) throw new NotFound('notification');
    return item;
  }

  /**
   * The items with every time in the zone their reader chose now (UTC, so labelled, for none), as
   * an e-mail shows them: the zone is read once, and only when some item shows a time.
   */
  private async inReadersZone(officerId: string, items: NotificationItem[]): Promise<NotificationItem[]> {
    if (!items.some((item) => item.messageParams)) return items;
    const [preferences]: Array<{ timezone: string | null }> = await this.dataSource.query(
      `SELECT timezone FROM notification_preferences WHERE officer_id = $1`,
      [officerId],
    );
    const timeZone = preferences?.timezone ?? null;
    return items.map((item) => inReaderZone(item, item.eventType, item.language, item.messageParams, timeZone));
  }

  private visible(viewer: Viewer): SelectQueryBuilder<NotificationItem> {
    const rule = visibilityPredicate(viewer, ITEM_COLUMNS);
    const parentRule = visibilityPredicate(viewer, PARENT_COLUMNS, 'parent_visibility_');
    return this.dataSource
      .getRepository(NotificationItem)
      .createQueryBuilder('item')
      .where('item.officer_id = :me AND item.in_app AND item.withdrawn_at IS NULL', { me: viewer.officerId })
      .andWhere(rule.sql, rule.params)
      .andWhere(`(item.parent_classification IS NULL OR ${parentRule.sql})`, parentRule.params);
  }
}

const hash = (ticket: string) => createHash('sha256').update(ticket).digest('hex');
