import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OfficerStanding, type Standing } from '@liaison/auth';
import { Officer } from './officer.entity';

/** An officer's standing from this service's own officers table: the registry itself. */
@Injectable()
export class OfficersTableStanding extends OfficerStanding {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async standing(officerId: string): Promise<Standing | null> {
    const officer = await this.dataSource.manager.findOneBy(Officer, { id: officerId });
    return officer ? { organizationId: officer.organizationId, roles: officer.roles, active: officer.leftAt === null } : null;
  }
}
