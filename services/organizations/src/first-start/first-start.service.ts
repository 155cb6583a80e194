import { Injectable, type LoggerService } from '@nestjs/common';
import { hash } from 'argon2';
import { DataSource } from 'typeorm';
import { ServiceLog } from '@liaison/http';
import { OfficersService } from '../officer/officers.service';
import { Officer } from '../officer/officer.entity';
import { Organization } from '../organization/organization.entity';
import { OrganizationsService } from '../organization/organizations.service';

/** Any fixed number: it only has to be the same in every replica. */
const FIRST_START_LOCK = 7_310_001;

/**
 * API.md: the first start creates the UN organization (acronym UN) and its first admin from
 * LIAISON_ADMIN_EMAIL / LIAISON_ADMIN_PASSWORD, when no admin exists yet. Replicas starting
 * together take turns on an advisory lock, so there is one UN and one first admin.
 */
@Injectable()
export class FirstStart {
  private readonly logger: LoggerService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly officers: OfficersService,
    log: ServiceLog,
  ) {
    this.logger = log.for(FirstStart.name);
  }

  async ensureRegistry(admin: { email?: string; password?: string }): Promise<void> {
    const passwordHash = admin.password ? await hash(admin.password) : null;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_START_LOCK]);
      let un = await manager
        .createQueryBuilder(Organization, 'organization')
        .where(`organization.kind = 'united-nations' AND lower(organization.acronym) = 'un'`)
        .getOne();
      if (!un) {
        un = await this.organizations.registerIn(manager, null, {
          acronym: 'UN',
          name: 'United Nations',
          kind: 'united-nations',
          region: 'global',
          memberStates: [],
          chapterVIII: false,
          website: 'https://www.un.org',
        });
        this.logger.log(`registered the UN organization ${un.id}`);
      }
      const adminExists = await manager
        .createQueryBuilder(Officer, 'officer')
        .where('officer.organization_id = :un', { un: un.id })
        .andWhere(`'admin' = ANY(officer.roles)`)
        .andWhere('officer.left_at IS NULL')
        .getExists();
      if (adminExists) return;
      if (!admin.email || !passwordHash) {
        this.logger.warn('no UN administrator exists: set LIAISON_ADMIN_EMAIL and LIAISON_ADMIN_PASSWORD to create one');
        return;
      }
      // The address may belong to an officer already (an admin since demoted, one who left): a start
      // never gives back the role, and never fails on it (that would crash-loop the service).
      const taken = await manager
        .createQueryBuilder(Officer, 'officer')
        .where('lower(officer.email) = lower(:email)', { email: admin.email })
        .getExists();
      if (taken) {
        this.logger.warn('no UN administrator exists and LIAISON_ADMIN_EMAIL belongs to a registered officer: set it to a new address to create one');
        return;
      }
      const officer = await this.officers.registerIn(
        manager,
        null,
        { organizationId: un.id, email: admin.email, name: 'UN administrator', roles: ['admin', 'officer'], language: 'en' },
        passwordHash,
      );
      this.logger.log(`created the first UN administrator ${officer.id}`);
    });
  }
}
