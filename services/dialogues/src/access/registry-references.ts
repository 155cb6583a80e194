import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldError, InvalidInput } from '@liaison/http';
import { RegistryReplica } from '@liaison/registry';

export interface Reference {
  /** the request field that holds the ids, e.g. `participants`, `audience.officers` */
  field: string;
  ids: string[];
}

/**
 * Every organization and officer a write names must be in the registry read model; the unknown
 * ones are refused as bad input, each under its field, before anything is written.
 */
@Injectable()
export class RegistryReferences {
  constructor(private readonly registry: RegistryReplica) {}

  async assertKnown(references: { organizations?: Reference[]; officers?: Reference[] }, manager?: EntityManager): Promise<void> {
    const errors: FieldError[] = [];
    for (const reference of references.organizations ?? []) {
      const unknown = await this.registry.unknownOrganizations(reference.ids, manager);
      if (unknown.length > 0) errors.push({ field: reference.field, message: `no registered organization has the id ${unknown.join(', ')}` });
    }
    for (const reference of references.officers ?? []) {
      const unknown = await this.registry.unknownOfficers(reference.ids, manager);
      if (unknown.length > 0) errors.push({ field: reference.field, message: `no current officer has the id ${unknown.join(', ')}` });
    }
    if (errors.length > 0) throw new InvalidInput(errors, 'The request names organizations or officers that are not registered.');
  }
}
