import { MAX_SUBSCRIPTIONS_PER_OFFICER } from '../src/subscriptions/subscriptions.service';
import { officer, officerJoined, organization, organizationRegistered, type TestOfficer } from './support/events';
import { type RunningNotifications, startTestNotifications } from './harness';

/** An officer cannot make the fan-out of every event slower without bound: subscriptions are capped per officer. */
describe('subscriptions per officer', () => {
  let service: RunningNotifications;

  beforeAll(async () => {
    service = await startTestNotifications('subscription_cap');
  });

  afterAll(() => service.stop());

  it(`refuses the subscription past ${MAX_SUBSCRIPTIONS_PER_OFFICER} with a 409 problem, and writes nothing`, async () => {
    const au = organization('AU');
    const someone: TestOfficer = officer(au, 'someone');
    await service.publish(organizationRegistered(au));
    await service.publish(officerJoined(someone));
    const token = await service.token({ officerId: someone.id, organizationId: au.id, roles: ['officer'] });
    const create = () => service.http.post('/api/v1/subscriptions').set('Authorization', `Bearer ${token}`).send({ filters: { themes: ['mediation'] } });
    let created = 0;
    let refused: Awaited<ReturnType<typeof create>> | undefined;
    while (!refused && created <= MAX_SUBSCRIPTIONS_PER_OFFICER) {
      const answer = await create();
      if (answer.status === 201) created += 1;
      else if (answer.status === 401) await new Promise((resolve) => setTimeout(resolve, 100)); // the registry has not heard of the officer yet
      else refused = answer;
    }
    expect(refused?.status).toBe(409);
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused?.body.code).toBe('subscription-limit');
    const [{ n }] = await service.query(`SELECT count(*)::int AS n FROM subscriptions WHERE officer_id = $1`, [someone.id]);
    expect(n).toBe(MAX_SUBSCRIPTIONS_PER_OFFICER);
  });
});
