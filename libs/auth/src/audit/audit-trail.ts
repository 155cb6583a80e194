import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newUuidV7 } from '@liaison/contracts';
import { currentRequestContext } from '@liaison/http';
import { insertRows, type OneStatementWrite } from '@liaison/persistence';
import type { MaybeViewer } from '../viewer';
import { AuditEntry } from './audit-entry.entity';

export interface NewAuditEntry {
  /** who did it; null for the system itself (first-start bootstrap, an event handler) */
  actor: MaybeViewer;
  /** `<aggregate>.<verb>`, e.g. `organization.register` */
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** what changed, for a reader of the trail; keys that name secrets are redacted anyway */
  details?: Record<string, unknown>;
  /** default: those of the current HTTP request (libs/http request context), if any */
  requestId?: string | null;
  traceparent?: string | null;
  at?: Date;
}

const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
// Details are written by many hands: a password or a webhook secret must never reach the log.
const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|credential|private[-_]?key/i;

/**
 * Records every write, in the caller's transaction: the write and its audit entry commit
 * together or not at all. Called outside a transaction it refuses, since an entry could then
 * outlive a rolled-back write, or be lost while the write stays.
 */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, entry: NewAuditEntry): Promise<AuditEntry> {
    const [row] = await this.recordMany(manager, [entry]);
    return row;
  }

  /**
   * Several entries in one statement (a batch of writes committed together). An entry's request
   * id and trace default to the current context's: where entries are recorded on behalf of
   * other callers, give them explicitly.
   */
  async recordMany(manager: EntityManager, entries: readonly NewAuditEntry[]): Promise<AuditEntry[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditTrail.record must run inside the transaction of the write it records (manager from dataSource.transaction).');
    }
    const rows = auditRows(entries);
    await insertRows(manager, AuditEntry, rows);
    return rows;
  }

  /** The entries as a part of a one-statement write (libs/persistence), which commits them with the change itself. */
  recordIn(write: OneStatementWrite, manager: EntityManager, entries: readonly NewAuditEntry[]): AuditEntry[] {
    const rows = auditRows(entries);
    write.insert(manager, AuditEntry, rows);
    return rows;
  }
}

function auditRows(entries: readonly NewAuditEntry[]): AuditEntry[] {
  const invalid = entries.find((entry) => !ACTION.test(entry.action));
  if (invalid) {
    throw new Error(`AuditTrail: action must read "<aggregate>.<verb>", got ${JSON.stringify(invalid.action)}.`);
  }
  const context = currentRequestContext();
  return entries.map(
    (entry): AuditEntry => ({
      id: newUuidV7(),
      at: entry.at ?? new Date(),
      actorOfficerId: entry.actor?.officerId ?? null,
      actorOrganizationId: entry.actor?.organizationId ?? null,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      requestId: entry.requestId ?? context?.requestId ?? null,
      traceparent: entry.traceparent ?? context?.traceparent ?? null,
      details: redactSecrets(entry.details ?? {}) as Record<string, unknown>,
    }),
  );
}

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(inner)]),
    );
  }
  return value;
}
