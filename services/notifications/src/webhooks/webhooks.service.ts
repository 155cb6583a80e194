import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Viewer } from '@liaison/auth';
import { definedFields, InvalidInput, NotFound, type Page, paginate, PageQuery } from '@liaison/http';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { NotificationsConfig } from '../config';
import { RotateSecretDto } from './dto/rotate-secret.dto';
import { SecretBox, WEBHOOK_SECRET_BOX } from './secret-box';
import { TargetGuard, WEBHOOK_TARGET_GUARD } from './target-guard';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { newUuidV7 } from '@liaison/contracts';

/** An organization's endpoints; administered by the organization's admins, invisible to others (404). */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(WEBHOOK_TARGET_GUARD) private readonly guard: TargetGuard,
    @Inject(WEBHOOK_SECRET_BOX) private readonly box: SecretBox,
    @Inject(NotificationsConfig) private readonly config: NotificationsConfig,
  ) {}

  async create(viewer: Viewer, input: CreateWebhookDto): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await this.assertTarget(input.url);
    const secret = input.secret ?? newSecret();
    return this.dataSource.transaction(async (manager) => {
      const endpoint = manager.create(WebhookEndpoint, {
        id: newUuidV7(),
        organizationId: viewer.organizationId,
        url: input.url,
        eventTypes: [...new Set(input.eventTypes)],
        secret: this.box.seal(secret),
        previousSecret: null,
        previousSecretExpiresAt: null,
        enabled: true,
        consecutiveFailures: 0,
        disabledAt: null,
        disabledReason: null,
        createdBy: viewer.officerId,
      });
      await manager.save(endpoint);
      await this.audit.record(manager, { actor: viewer, action: 'webhook.create', resourceType: 'webhook', resourceId: endpoint.id, details: { url: input.url } });
      return { endpoint, secret };
    });
  }

  list(viewer: Viewer, page: PageQuery): Promise<Page<WebhookEndpoint>> {
    const query = this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('endpoint')
      .where('endpoint.organization_id = :organizationId', { organizationId: viewer.organizationId });
    return paginate(query, 'endpoint', page);
  }

  async get(viewer: Viewer, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.dataSource.getRepository(WebhookEndpoint).findOneBy({ id, organizationId: viewer.organizationId });
    if (!endpoint) throw new NotFound('webhook');
    return endpoint;
  }

  async update(viewer: Viewer, id: string, input: UpdateWebhookDto): Promise<WebhookEndpoint> {
    if (input.url) await this.assertTarget(input.url);
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await manager.findOne(WebhookEndpoint, { where: { id, organizationId: viewer.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!endpoint) throw new NotFound('webhook');
      const fields = definedFields(input);
      if (fields.url) endpoint.url = fields.url;
      if (fields.eventTypes) endpoint.eventTypes = [...new Set(fields.eventTypes)];
      if (fields.enabled === true && !endpoint.enabled) {
        Object.assign(endpoint, { enabled: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
      } else if (fields.enabled === false && endpoint.enabled) {
        Object.assign(endpoint, { enabled: false, disabledAt: new Date(), disabledReason: 'disabled by an administrator' });
      }
      await manager.save(endpoint);
      await this.audit.record(manager, { actor: viewer, action: 'webhook.update', resourceType: 'webhook', resourceId: id, details: { ...fields } });
      return endpoint;
    });
  }

  /**
   * A new secret, returned once. The old one keeps signing beside it until the overlap ends, so
   * receivers move to the new one without losing a delivery; one rotated before that is dropped.
   */
  async rotateSecret(viewer: Viewer, id: string, input: RotateSecretDto): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const secret = input.secret ?? newSecret();
    const overlapSeconds = input.overlapSeconds ?? this.config.webhookSecretOverlapSeconds;
    return this.dataSource.transaction(async (manager) => {
      const endpoint = await manager.findOne(WebhookEndpoint, {
        select: { id: true, secret: true },
        where: { id, organizationId: viewer.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!endpoint) throw new NotFound('webhook');
      const [rotated]: Array<{ id: string }> = await manager.query(
        `UPDATE webhook_endpoints SET secret = $2, previous_secret = CASE WHEN $4::int > 0 THEN $3 END,
                previous_secret_expires_at = CASE WHEN $4::int > 0 THEN now() + ($4::int * interval '1 second') END, updated_at = now()
          WHERE id = $1 RETURNING id`,
        [id, this.box.seal(secret), endpoint.secret, overlapSeconds],
      );
      await this.audit.record(manager, { actor: viewer, action: 'webhook.rotate-secret', resourceType: 'webhook', resourceId: rotated.id, details: { overlapSeconds } });
      return { endpoint: await manager.findOneByOrFail(WebhookEndpoint, { id }), secret };
    });
  }

  async remove(viewer: Viewer, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.delete(WebhookEndpoint, { id, organizationId: viewer.organizationId });
      if (!affected) throw new NotFound('webhook');
      await this.audit.record(manager, { actor: viewer, action: 'webhook.delete', resourceType: 'webhook', resourceId: id });
    });
  }

  async deliveries(viewer: Viewer, id: string, page: PageQuery): Promise<Page<WebhookDelivery>> {
    await this.get(viewer, id);
    const query = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('delivery')
      .where('delivery.endpoint_id = :id', { id });
    return paginate(query, 'delivery', page);
  }

  private async assertTarget(url: string): Promise<void> {
    const problem = await this.guard.problem(url);
    if (problem) throw new InvalidInput([{ field: 'url', message: `url ${problem}`, code: 'unsafeUrl' }]);
  }
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
