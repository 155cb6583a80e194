import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldError, InvalidInput } from '@liaison/http';
import { RegistryReplica } from '@liaison/registry';

export interface Reference {
  /** the request field that holds the ids, e.g. `participants`, `audience.officers` */
  field: string;
  ids: string[];
}

/** What one write names, by kind. */
export interface References {
  organizations?: Reference[];
  officers?: Reference[];
}

/**
 * Every organization and officer a write names must be in the registry read model; the unknown
 * ones are refused as bad input, each under its field, before anything is written.
 */
@Injectable()
export class RegistryReferences {
  constructor(private readonly registry: RegistryReplica) {}

  async assertKnown(references: References, manager?: EntityManager): Promise<void> {
    const [refusal] = await this.refusals([references], manager);
    if (refusal) throw refusal;
  }

  /** For a batch of writes, one query per kind: each write's refusal, or undefined when all it names is known. */
  async refusals(writes: readonly References[], manager?: EntityManager): Promise<Array<InvalidInput | undefined>> {
    const idsOf = (kind: keyof References) => writes.flatMap((write) => (write[kind] ?? []).flatMap((reference) => reference.ids));
    const unknownOrganizations = new Set(await this.registry.unknownOrganizations(idsOf('organizations'), manager));
    const unknownOfficers = new Set(await this.registry.unknownOfficers(idsOf('officers'), manager));
    return writes.map((write) => {
      const errors: FieldError[] = [];
      for (const reference of write.organizations ?? []) {
        const unknown = unknownAmong(reference.ids, unknownOrganizations);
        if (unknown.length > 0) errors.push({ field: reference.field, message: `no registered organization has the id ${unknown.join(', ')}`, code: 'unknownOrganization', params: { ids: unknown } });
      }
      for (const reference of write.officers ?? []) {
        const unknown = unknownAmong(reference.ids, unknownOfficers);
        if (unknown.length > 0) errors.push({ field: reference.field, message: `no current officer has the id ${unknown.join(', ')}`, code: 'unknownOfficer', params: { ids: unknown } });
      }
      return errors.length > 0 ? new InvalidInput(errors, 'The request names organizations or officers that are not registered.') : undefined;
    });
  }
}

/** Postgres returns a uuid in lower case, whatever case the request gave it in; each unknown id once. */
function unknownAmong(ids: string[], unknown: ReadonlySet<string>): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => unknown.has(id));
}
