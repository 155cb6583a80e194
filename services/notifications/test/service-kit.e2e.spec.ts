// Real: Postgres and NATS JetStream; the service started as in production.
import { EVENT_CATALOG } from '@liaison/contracts';
import { describeServedDocuments, describeStreamOptions, startTestService } from '@liaison/testing';
import { NotificationsConfig } from '../src/config';
import { notificationsService } from '../src/notifications.module';

describeStreamOptions(notificationsService, NotificationsConfig);
describeServedDocuments(notificationsService, NotificationsConfig);

describe('notifications: the inbox item types its OpenAPI document declares', () => {
  // A generated client (the console's inbox filter and subscriptions) takes the kinds of record
  // an item can be about from this list: a type missing here would never be offered.
  it('names every type an inbox item can have, and not a reclassification or a withdrawn brief, which make none', async () => {
    const service = await startTestService(notificationsService, NotificationsConfig);
    try {
      const { body: document } = await service.http.get('/api/v1/notifications/openapi.json').expect(200);
      const declared = (document.components.schemas.NotificationView.properties.type.enum ?? []) as string[];
      const domain = EVENT_CATALOG.filter((d) => d.service !== 'notifications').map((d) => d.type as string);
      const expected = domain.filter((type) => !type.endsWith('.reclassified.v1') && type !== 'liaison.brief.withdrawn.v1');
      expect([...declared].sort()).toEqual(expected.sort());
      expect(declared).toEqual(expect.arrayContaining(['liaison.course.published.v1', 'liaison.certificate.revoked.v1', 'liaison.officer.left.v1']));
    } finally {
      await service.stop();
    }
  });
});
