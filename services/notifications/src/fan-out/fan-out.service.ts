import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BriefWithdrawnEvent, type Language, LANGUAGES, type LiaisonEvent, OfficerLeftEvent } from '@liaison/contracts';
import type { InboxStep, InboxTransaction } from '@liaison/messaging';
import { NotificationsConfig } from '../config';
import { type EventFacts, factsOf, isReclassification, type MessageParams } from '../events/event-facts';
import { signalWatchers } from '../live-feed/record-signals';
import { type Rendered, renderAll, showsTimes } from '../messages/render';
import { announce } from './announcement';
import { BODY_SEPARATOR, type EventOutcome, ITEMS_QUERY } from './items-query';
import { queryPrepared } from './prepared-statement';
import { partnersSeeing, reclassificationDeliveries } from './reclassification';
import { noteReach, reachChanges } from './record-reach';
import { forget, retract, withdrawalDeliveries } from './retraction';
import { webhookPayload } from './webhook-payload';

export interface FannedOut {
  /** officers who got a new in-app item: their live feeds are nudged after the commit */
  inAppOfficers: string[];
  /** officers whose open live feeds were signalled that a record they could see changed: nudged too */
  signalledOfficers: string[];
  items: number;
  emails: number;
  webhooks: number;
}

/**
 * One event's share of a fan-out batch (see FanOutService.run): what it was, the trace it came
 * in (the step runs outside its caller's context), and, once its items are written, what they were.
 */
export interface FanOutShare {
  event: LiaisonEvent;
  traceparent: string | undefined;
  fannedOut?: FannedOut;
}

/** `liaison.brief.withdrawn.v1` → `brief`: the kind of record a live feed's signal names. */
const recordKindOf = (type: string) => type.split('.')[1];

/** An event on its way into the items' statement. */
interface Pending {
  share: FanOutShare;
  facts: EventFacts;
  /** the acronym its messages name the origin by */
  acronym: string;
  /** what its messages were rendered from */
  params: MessageParams;
  messages: Record<Language, Rendered>;
}

/** Origins whose acronym was learned; past this many the hints start over (they are only hints). */
const MAX_ACRONYM_HINTS = 10_000;
/** Runs of the items' statement for an event whose origin's acronym keeps changing under it. */
const MAX_ITEMS_RUNS = 3;

/**
 * Events to every entitled, subscribed officer, as set operations inside the inbox's
 * transaction. The events of an inbox batch go into ONE statement together (ITEMS_QUERY in
 * items-query.ts: the inbox runs this class as a step for consecutive events, see InboxStep),
 * whatever their number, since round trips are what a fan-out costs. Their notification.created
 * events go with the batch's other outbox rows (announcement.ts). Sending happens after the
 * commit, in the delivery workers.
 *
 * brief.withdrawn, officer.left and reclassifications change what is there already, so they are
 * not a step: the handler runs them as effects of their own (retraction.ts, reclassification.ts),
 * in the batch's order. Every event about a classified record notes its reach first (record-reach.ts);
 * an update whose reach leaves out some who could see the record tells them as a reclassification
 * does (their feeds are signalled, their endpoints get the retraction), besides its own fan-out.
 */
@Injectable()
export class FanOutService implements InboxStep<FanOutShare> {
  /**
   * The acronym each origin organization had when last read, by id. Titles are rendered with it
   * before the items' statement, which checks it against the registry in its own snapshot and
   * writes nothing for an event where it no longer holds (another replica, or this transaction,
   * applied an organization change): that event is then rendered again with the acronym the
   * statement returned, and written by one more run. So a hint is never trusted, and one
   * learned in a batch that rolled back costs one more run at most. It saves a lookup per event.
   */
  private readonly acronyms = new Map<string, string>();

  constructor(@Inject(NotificationsConfig) private readonly config: NotificationsConfig) {}

  /** The step: the items of every share, in one statement (more only where an acronym changed). */
  async run(manager: EntityManager, shares: readonly FanOutShare[], transaction: InboxTransaction): Promise<void> {
    await this.writeItems(manager, shares, transaction);
  }

  /** An event that changes what is there already: run alone, as an effect, in the batch's order. */
  async fanOutAlone(manager: EntityManager, share: FanOutShare, transaction: InboxTransaction): Promise<void> {
    const { event } = share;
    if (isReclassification(event.type)) {
      const facts = factsOf(event);
      const signalledOfficers = await signalWatchers(manager, recordKindOf(event.type), event.subject);
      const sawBefore = await partnersSeeing(manager, event.subject);
      await noteReach(manager, [{ event, facts }]);
      const webhooks = await reclassificationDeliveries(manager, event, facts, this.config.webOrigin, { sawBefore });
      share.fannedOut = { inAppOfficers: [], signalledOfficers, items: 0, emails: 0, webhooks };
      return;
    }
    if (event.type === BriefWithdrawnEvent.type) {
      const facts = factsOf(event);
      const signalledOfficers = await signalWatchers(manager, recordKindOf(event.type), event.subject);
      await noteReach(manager, [{ event, facts }]);
      await retract(manager, event.subject);
      const webhooks = await withdrawalDeliveries(manager, event, facts, this.config.webOrigin);
      share.fannedOut = { inAppOfficers: [], signalledOfficers, items: 0, emails: 0, webhooks };
      return;
    }
    if (event.type === OfficerLeftEvent.type) await forget(manager, (event.data as { officerId: string }).officerId);
    await this.writeItems(manager, [share], transaction);
  }

  /** Whether an event must run alone (fanOutAlone) rather than with its neighbours (run). */
  static changesWhatIsThere(event: LiaisonEvent): boolean {
    return event.type === BriefWithdrawnEvent.type || event.type === OfficerLeftEvent.type || isReclassification(event.type);
  }

  private async writeItems(manager: EntityManager, shares: readonly FanOutShare[], transaction: InboxTransaction): Promise<void> {
    let pending: Pending[] = shares.map((share) => {
      const facts = factsOf(share.event);
      return this.rendered(share, facts, this.acronyms.get(facts.resource.originOrganizationId) ?? '');
    });
    // An update that carries a record's reach can narrow it with no reclassification handled (yet):
    // those it leaves out are told as a reclassification tells them, the feeds before the reach is noted.
    const narrowing = await reachChanges(manager, pending.map(({ share, facts }) => ({ share, event: share.event, facts })));
    const signalled = new Map<FanOutShare, string[]>();
    const sawBefore = new Map<FanOutShare, string[] | null>();
    for (const { share, facts } of narrowing) {
      signalled.set(share, await signalWatchers(manager, recordKindOf(share.event.type), share.event.subject, facts.resource));
      sawBefore.set(share, await partnersSeeing(manager, share.event.subject));
    }
    await noteReach(manager, pending.map(({ share: { event }, facts }) => ({ event, facts })));
    for (let run = 1; pending.length > 0; run++) {
      const outcomes = await queryPrepared<EventOutcome>(manager, ITEMS_QUERY, this.itemsParams(pending));
      const stale: Pending[] = [];
      for (const outcome of outcomes) {
        const entry = pending[outcome.i];
        if (outcome.origin !== entry.acronym) {
          if (run === MAX_ITEMS_RUNS) {
            throw new Error(`fan-out of ${entry.share.event.id}: the acronym of ${entry.facts.resource.originOrganizationId} kept changing`);
          }
          if (this.acronyms.size >= MAX_ACRONYM_HINTS) this.acronyms.clear();
          this.acronyms.set(entry.facts.resource.originOrganizationId, outcome.origin);
          stale.push(this.rendered(entry.share, entry.facts, outcome.origin));
          continue;
        }
        const { event, traceparent } = entry.share;
        const params = showsTimes(event.type) ? entry.params : null;
        announce(transaction, this.config, { event, traceparent, facts: entry.facts, messages: entry.messages, params }, outcome.items);
        entry.share.fannedOut = {
          inAppOfficers: outcome.items.filter((item) => item.in_app).map((item) => item.officer_id),
          signalledOfficers: signalled.get(entry.share) ?? [],
          items: outcome.items.length,
          emails: outcome.items.filter((item) => item.email === 'immediate').length,
          webhooks: outcome.webhooks,
        };
      }
      pending = stale;
    }
    // the restriction notice to the endpoints that lost sight, once the update's own deliveries are made
    for (const { share, facts } of narrowing) {
      share.fannedOut!.webhooks += await reclassificationDeliveries(manager, share.event, facts, this.config.webOrigin, {
        sawBefore: sawBefore.get(share) ?? null,
        lostSightOnly: true,
      });
    }
  }

  /** The share on its way into the items statement, its messages naming the origin by `acronym`. */
  private rendered(share: FanOutShare, facts: EventFacts, acronym: string): Pending {
    const params = { origin: acronym, ...facts.params };
    return { share, facts, acronym, params, messages: renderAll(share.event.type, params) };
  }

  /** $1: the events (jsonb, one object per event, read by jsonb_to_recordset); $2: webhook bodies in ordinal order, joined by U+0001; $3: Message-ID domain. */
  private itemsParams(pending: readonly Pending[]): unknown[] {
    const events = pending.map(({ share: { event }, facts, acronym, params, messages }, i) => {
      const r = facts.resource;
      return {
        i,
        id: event.id,
        type: event.type,
        subject: event.subject,
        organizations: facts.organizations,
        countries: facts.countries,
        regions: facts.regions,
        themes: facts.themes,
        concerned_organizations: facts.concernedOrganizations,
        concerned_officers: facts.concernedOfficers,
        addressed_officers: facts.addressedOfficers ?? [],
        titles: Object.fromEntries(LANGUAGES.map((language) => [language, messages[language].title])),
        summaries: Object.fromEntries(LANGUAGES.map((language) => [language, messages[language].summary])),
        // every read (and notification.created) shows its times in its reader's zone, rendered again from these
        message_params: showsTimes(event.type) ? params : null,
        link: facts.link,
        classification: r.classification,
        origin: r.originOrganizationId,
        author: r.authorId,
        changed_by: facts.changedBy ?? null,
        audience_organizations: r.audience?.organizations ?? [],
        audience_officers: r.audience?.officers ?? [],
        acronym,
        record: facts.record,
        parent: facts.parent ?? null,
      };
    });
    // Parsed by Postgres only for an event some endpoint takes. One text joined by U+0001, which
    // JSON never holds unescaped, not a text array: node-postgres escapes an array's elements
    // character by character, copies that added to what this service's collector has to handle.
    const webhookBodies = pending
      .map(({ share: { event }, facts }) => JSON.stringify(webhookPayload(event, facts, this.config.webOrigin)))
      .join(BODY_SEPARATOR);
    return [JSON.stringify(events), webhookBodies, this.config.messageIdDomain];
  }
}
