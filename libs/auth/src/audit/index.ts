import { AuditEntry } from './audit-entry.entity';
import { CreateAuditLog1767225600000 } from './migrations/1767225600000-create-audit-log';

export { AuditEntry } from './audit-entry.entity';
export { AuditTrail, redactSecrets, type NewAuditEntry } from './audit-trail';
export { CreateAuditLog1767225600000 } from './migrations/1767225600000-create-audit-log';

/** Add to a service's data source: `entities: [...own, ...authEntities]`. */
export const authEntities = [AuditEntry];
/** Add to a service's migrations, listed explicitly like its own. */
export const authMigrations = [CreateAuditLog1767225600000];
