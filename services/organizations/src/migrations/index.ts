import { CreateRegistry1764380100000 } from './1764380100000-create-registry';
import { CreateLoginFailures1764380200000 } from './1764380200000-create-login-failures';
import { OneUnitedNations1768800000000 } from './1768800000000-one-united-nations';

/** The service's own, in the order they run (the kit runs the shared libs' first); a new migration goes at the end. */
export const organizationsMigrations = [
  CreateRegistry1764380100000,
  CreateLoginFailures1764380200000,
  OneUnitedNations1768800000000,
];
