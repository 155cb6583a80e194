import { randomBytes } from 'node:crypto';
import { testNatsUrl } from './servers';

/**
 * A subject prefix and stream names of one test file's own, so that test files running in
 * parallel on one NATS never see each other's events.
 */
export interface TestMessaging {
  natsUrl: string;
  /** prepended to every subject: `t_ab12cd34.` + `liaison.organizations.…` */
  subjectPrefix: string;
  /** prepended to every stream name: `T_AB12CD34_` + `LIAISON_EVENTS` */
  streamPrefix: string;
}

export function testMessaging(): TestMessaging {
  const id = randomBytes(4).toString('hex');
  return { natsUrl: testNatsUrl(), subjectPrefix: `t_${id}.`, streamPrefix: `T_${id.toUpperCase()}_` };
}
