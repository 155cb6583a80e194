import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OfficerStanding, type Standing } from '@liaison/auth';
import { RegistryOfficer } from './registry.entities';

/**
 * An officer's standing as this service's registry read model holds it, so a token stops being
 * honoured as soon as officer.left or officer.updated (a move, a role lost) reaches the service.
 * Reads the table through the DataSource alone, so AuthModule's guard can use it.
 */
@Injectable()
export class RegistryOfficerStanding extends OfficerStanding {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async standing(officerId: string): Promise<Standing | null> {
    const officer = await this.dataSource.manager.findOneBy(RegistryOfficer, { id: officerId });
    if (!officer) return null;
    // a row made by officer.left alone has no e-mail: the officer never joined as far as we know
    return { organizationId: officer.organizationId, roles: officer.roles ?? [], active: !officer.left && officer.email !== null };
  }
}
