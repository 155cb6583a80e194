import { type BeforeApplicationShutdown, Injectable, type LoggerService, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StandingCheck, type Viewer } from '@liaison/auth';
import { headerOf, TooManyRequests, ServiceLog } from '@liaison/http';
import { FeedLeases } from '../live-feed/feed-leases';
import { LiveFeed } from '../live-feed/live-feed';
import { RecordSignals } from '../live-feed/record-signals';
import { InboxService } from './inbox.service';
import { notificationView } from './notification.view';

const HEARTBEAT_MS = 15_000;
/** A nudge can be lost (a NATS hiccup); the feed also looks by itself this often. */
const FALLBACK_POLL_MS = 5_000;
/** Feeds one officer may hold open, on every replica together (a few browser tabs and devices). */
export const MAX_FEEDS_PER_OFFICER = 5;
/** How often a feed asks whether its token still holds (with StandingCheck's reuse, a change ends it within a second). */
const STANDING_CHECK_MS = 400;

/**
 * One officer's Server-Sent Events feed. Items are read from the inbox table in commit order
 * (`position`), after the one named by Last-Event-ID, so a reconnect has neither gaps nor
 * repeats; a nudge (from whichever replica committed them) says when to look. Items are read
 * with the rule applied in SQL, for the officer's current membership and the record as it is now.
 * Besides items, a `record-changed` event { kind, id } (no SSE id, no content) tells that a record
 * the officer could see was reclassified or withdrawn, so a client reads it again (record-signals.ts);
 * only signals made while the feed is open, since one that opens later reads records afresh.
 * The feed ends when its token expires, or when the registry no longer vouches for the token
 * (the officer left, moved or lost a role); the client's reconnect then needs a new token.
 */
@Injectable()
export class LiveStream implements BeforeApplicationShutdown {
  private readonly logger: LoggerService;
  private readonly openFeeds = new Set<() => void>();

  constructor(
    private readonly inbox: InboxService,
    private readonly live: LiveFeed,
    private readonly standing: StandingCheck,
    private readonly leases: FeedLeases,
    private readonly signals: RecordSignals,
    log: ServiceLog,
  ) {
    this.logger = log.for(LiveStream.name);
  }

  /** Ends every feed, so the HTTP server can close; clients reconnect to another replica with Last-Event-ID. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const close of [...this.openFeeds]) close();
    await this.leases.settled();
  }

  /** `tokenExpiresAt`: when the token (or the one a ticket was issued to) expires, epoch ms. */
  async serve(viewer: Viewer, request: FastifyRequest, reply: FastifyReply, tokenExpiresAt?: number): Promise<void> {
    const stale = await this.standing.staleReason(viewer);
    if (stale) throw new UnauthorizedException(`The token no longer holds: ${stale}. Sign in again for a new one.`);
    const lastEventId = headerOf(request.headers, 'last-event-id') ?? (request.query as { lastEventId?: string }).lastEventId;
    const lease = await this.leases.acquire(viewer.officerId, MAX_FEEDS_PER_OFFICER);
    if (!lease) {
      throw new TooManyRequests('too-many-live-feeds', `At most ${MAX_FEEDS_PER_OFFICER} live feeds may be open for one officer: close one first.`, 5);
    }
    let closed = false;
    let pumping: Promise<void> | undefined;
    let again = false;

    const release = () => this.leases.release(lease);
    // Listen before reading where to start: a commit in between is then not missed. A nudge heard
    // before the feed is open is left to the first read once it is, which starts from there.
    let open = false;
    const stopListening = this.live.listen(viewer.officerId, () => open && wake());
    let position: Awaited<ReturnType<InboxService['resumePosition']>>;
    let signalPosition: string;
    try {
      position = await this.inbox.resumePosition(viewer.officerId, lastEventId);
      signalPosition = await this.signals.latest(viewer.officerId);
    } catch (error) {
      stopListening();
      release();
      throw error;
    }

    // The stream is written on the server's own response, past the framework: headers the
    // framework holds (rate limit, ...) go with it.
    reply.hijack();
    const response = reply.raw;
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) response.setHeader(name, value);
    response.statusCode = 200;
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 2000\n\n');

    const close = () => {
      if (closed) return;
      closed = true;
      this.openFeeds.delete(close);
      release();
      stopListening();
      clearInterval(heartbeat);
      clearInterval(poll);
      clearInterval(standing);
      response.end();
    };

    const pump = async () => {
      do {
        again = false;
        const now = await this.inbox.currentViewer(viewer);
        if (!now) return close();
        for (;;) {
          const items = await this.inbox.after(now, position);
          if (items.length === 0 || closed) break;
          for (const item of items) {
            response.write(`id: ${item.id}\nevent: notification\ndata: ${JSON.stringify(notificationView(item))}\n\n`);
            position = item.position;
          }
        }
        for (;;) {
          const signals = await this.signals.after(viewer.officerId, signalPosition);
          if (signals.length === 0 || closed) break;
          for (const { position: at, kind, id } of signals) {
            response.write(`event: record-changed\ndata: ${JSON.stringify({ kind, id })}\n\n`);
            signalPosition = at;
          }
        }
      } while (again && !closed);
    };

    const wake = () => {
      if (closed) return;
      if (pumping) {
        again = true;
        return;
      }
      pumping = pump()
        .catch((error: unknown) => this.logger.warn(`live feed of ${viewer.officerId}: ${(error as Error).message}`))
        .finally(() => (pumping = undefined));
    };

    const heartbeat = setInterval(() => {
      if (closed) return;
      // a connection gone without its close being heard keeps no lease
      if (response.destroyed) return close();
      response.write(': keep-alive\n\n');
      this.leases.renew(lease).catch((error: unknown) => this.logger.warn(`live feed of ${viewer.officerId}: ${(error as Error).message}`));
    }, HEARTBEAT_MS);
    const poll = setInterval(wake, FALLBACK_POLL_MS);
    const standing = setInterval(() => {
      if (tokenExpiresAt !== undefined && Date.now() >= tokenExpiresAt) return close();
      this.standing.staleReason(viewer).then(
        (reason) => reason && close(),
        (error: unknown) => this.logger.warn(`live feed of ${viewer.officerId}: ${(error as Error).message}`),
      );
    }, STANDING_CHECK_MS);
    this.openFeeds.add(close);
    request.raw.on('close', close);
    response.on('close', close);
    // a client that left while the feed was being opened closed before these listeners were there:
    // its lease is given back now, not kept renewed by a feed nobody reads
    if (request.raw.destroyed || response.destroyed) return close();
    open = true;
    wake();
  }
}
