import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationRegisteredEvent, OrganizationUpdatedEvent, newUuidV7 } from '@liaison/contracts';
import { MaybeViewer, Viewer } from '@liaison/auth';
import { Conflict, containsPattern, definedFields, NotFound, Page, paginate } from '@liaison/http';
import { isUniqueViolation } from '@liaison/persistence';
import { ChangeLog } from '@liaison/kit';
import { registryReach } from '../registry/registry-reach';
import { RegistryPermissions } from '../registry/registry-permissions';
import { CreateOrganizationDto } from './dto/create-organization.dto';
import { ListOrganizationsQuery } from './dto/list-organizations.query';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { Organization } from './organization.entity';
import { organizationState } from './organization.view';
import { assertNotAnotherUn, assertUnKept } from './the-un';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly permissions: RegistryPermissions,
    private readonly change: ChangeLog,
  ) {}

  async register(actor: Viewer, input: CreateOrganizationDto): Promise<Organization> {
    await this.permissions.assertUnAdmin(actor, 'register organizations');
    assertNotAnotherUn(input.kind);
    return this.dataSource.transaction((manager) => this.registerIn(manager, actor, input));
  }

  /** Also used by the first start, which registers the UN organization before any admin exists. */
  async registerIn(manager: EntityManager, actor: MaybeViewer, input: CreateOrganizationDto): Promise<Organization> {
    const organization = manager.create(Organization, {
      id: newUuidV7(),
      acronym: input.acronym,
      name: input.name,
      kind: input.kind,
      region: input.region,
      memberStates: input.memberStates ?? [],
      chapterVIII: input.chapterVIII ?? false,
      website: input.website ?? null,
      version: 1,
    });
    await this.saveUnique(manager, organization);
    await this.change.record(manager, actor, {
      event: OrganizationRegisteredEvent,
      subject: organization.id,
      data: organizationState(organization),
      reach: registryReach(organization.id),
      version: organization.version,
    });
    return organization;
  }

  async update(actor: Viewer, id: string, input: UpdateOrganizationDto): Promise<Organization> {
    await this.permissions.assertUnAdmin(actor, 'change organizations');
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw new NotFound('organization');
      const change = definedFields(input);
      assertUnKept(organization, organization.id === (await this.permissions.unOrganizationId()), change);
      Object.assign(organization, change);
      organization.version += 1;
      await this.saveUnique(manager, organization);
      await this.change.record(manager, actor, {
        event: OrganizationUpdatedEvent,
        subject: organization.id,
        data: organizationState(organization),
        reach: registryReach(organization.id),
        version: organization.version,
      });
      return organization;
    });
  }

  async get(id: string): Promise<Organization> {
    const organization = await this.dataSource.getRepository(Organization).findOneBy({ id });
    if (!organization) throw new NotFound('organization');
    return organization;
  }

  list(query: ListOrganizationsQuery): Promise<Page<Organization>> {
    const select = this.dataSource.getRepository(Organization).createQueryBuilder('organization');
    if (query.kind) select.andWhere('organization.kind = :kind', { kind: query.kind });
    if (query.region) select.andWhere('organization.region = :region', { region: query.region });
    if (query.country) select.andWhere(':country = ANY(organization.member_states)', { country: query.country });
    if (query.acronym) select.andWhere('lower(organization.acronym) = lower(:acronym)', { acronym: query.acronym });
    if (query.name) select.andWhere("organization.name ILIKE :name ESCAPE '\\'", { name: containsPattern(query.name) });
    if (query.chapterVIII !== undefined) select.andWhere('organization.chapter_viii = :chapterVIII', { chapterVIII: query.chapterVIII });
    return paginate(select, 'organization', query);
  }

  private async saveUnique(manager: EntityManager, organization: Organization): Promise<void> {
    try {
      // A savepoint, so a taken acronym leaves the transaction usable for the error path.
      await manager.transaction((inner) => inner.save(organization));
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_acronym_key')) {
        throw new Conflict('acronym-taken', `An organization with the acronym ${organization.acronym} is already registered.`, [
          { field: 'acronym', message: 'is already registered', code: 'taken' },
        ]);
      }
      throw error;
    }
  }
}
