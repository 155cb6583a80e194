import { Injectable } from '@nestjs/common';
import { hash } from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { OfficerJoinedEvent, OfficerLeftEvent, OfficerUpdatedEvent, newUuidV7 } from '@liaison/contracts';
import { MaybeViewer, Viewer } from '@liaison/auth';
import { Conflict, containsPattern, definedFields, Forbidden, InvalidInput, NotFound, Page, paginate } from '@liaison/http';
import { isUniqueViolation } from '@liaison/persistence';
import { Desk } from '../desk/desk.entity';
import { Organization } from '../organization/organization.entity';
import { ChangeLog } from '@liaison/kit';
import { LastUnAdmin } from '../registry/last-un-admin';
import { registryReach } from '../registry/registry-reach';
import { RegistryPermissions } from '../registry/registry-permissions';
import { ListOfficersQuery } from './dto/list-officers.query';
import { EmailScope } from '../registry/registry-permissions';
import { RegisterOfficerDto } from './dto/register-officer.dto';
import { SELF_SERVICE_FIELDS, UpdateOfficerDto } from './dto/update-officer.dto';
import { normalizedEmail } from './officer-email';
import { Officer } from './officer.entity';
import { officerState } from './officer.view';

@Injectable()
export class OfficersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly permissions: RegistryPermissions,
    private readonly change: ChangeLog,
    private readonly lastUnAdmin: LastUnAdmin,
  ) {}

  async register(actor: Viewer, input: RegisterOfficerDto): Promise<Officer> {
    await this.permissions.assertAdministers(actor, input.organizationId, 'register officers of this organization');
    const passwordHash = input.password ? await hash(input.password) : null;
    return this.dataSource.transaction((manager) => this.registerIn(manager, actor, input, passwordHash));
  }

  /** Also used by the first start, for the UN's first administrator. */
  async registerIn(
    manager: EntityManager,
    actor: MaybeViewer,
    input: RegisterOfficerDto,
    passwordHash: string | null,
  ): Promise<Officer> {
    if (!(await manager.existsBy(Organization, { id: input.organizationId }))) {
      throw new InvalidInput([{ field: 'organizationId', message: 'no such organization is registered', code: 'unknownOrganization' }]);
    }
    if (input.deskId) await this.assertOpenDesk(manager, input.deskId, input.organizationId);
    const officer = manager.create(Officer, {
      id: newUuidV7(),
      organizationId: input.organizationId,
      deskId: input.deskId ?? null,
      email: normalizedEmail(input.email),
      name: input.name,
      language: input.language ?? 'en',
      roles: input.roles ?? ['officer'],
      passwordHash,
      leftAt: null,
      version: 1,
    });
    await this.saveUnique(manager, officer);
    await this.recordOfficer(manager, actor, officer, 'joined');
    return officer;
  }

  async update(actor: Viewer, id: string, input: UpdateOfficerDto): Promise<Officer> {
    const passwordHash = input.password ? await hash(input.password) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.lockPresent(manager, id);
      await this.assertMayChange(actor, officer, input);
      if (input.roles && !input.roles.includes('admin')) await this.lastUnAdmin.assertAnotherRemains(manager, officer, 'roles');
      if (input.deskId) await this.assertOpenDesk(manager, input.deskId, officer.organizationId);
      const { password: _password, ...fields } = definedFields(input);
      Object.assign(officer, fields);
      if (fields.email) officer.email = normalizedEmail(fields.email);
      if (passwordHash) officer.passwordHash = passwordHash;
      officer.version += 1;
      await this.saveUnique(manager, officer);
      await this.recordOfficer(manager, actor, officer, 'updated');
      return officer;
    });
  }

  /** The officer can no longer sign in; consumers stop delivering to them. */
  async leave(actor: Viewer, id: string): Promise<Officer> {
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.lockPresent(manager, id);
      await this.permissions.assertAdministers(actor, officer.organizationId, 'record that this officer left');
      // the route has no body: the refusal names the officer's id
      await this.lastUnAdmin.assertAnotherRemains(manager, officer, 'id');
      officer.leftAt = new Date();
      officer.version += 1;
      await manager.save(officer);
      await this.recordOfficer(manager, actor, officer, 'left');
      return officer;
    });
  }

  async get(id: string): Promise<Officer> {
    const officer = await this.dataSource.getRepository(Officer).findOneBy({ id });
    if (!officer) throw new NotFound('officer');
    return officer;
  }

  /** `?email=` and the address half of `?q=` find only officers whose address the viewer may read, so they cannot probe other organizations. */
  list(query: ListOfficersQuery, scope: EmailScope): Promise<Page<Officer>> {
    const select = this.dataSource.getRepository(Officer).createQueryBuilder('officer').andWhere('officer.left_at IS NULL');
    if (query.organizationId) select.andWhere('officer.organization_id = :organizationId', { organizationId: query.organizationId });
    if (query.deskId) select.andWhere('officer.desk_id = :deskId', { deskId: query.deskId });
    if (query.language) select.andWhere('officer.language = :language', { language: query.language });
    if (query.role) select.andWhere(':role = ANY(officer.roles)', { role: query.role });
    if (query.email) {
      select.andWhere('lower(officer.email) = lower(:email)', { email: query.email });
      if (!scope.all) select.andWhere('officer.organization_id = :emailScope', { emailScope: scope.organizationId });
    }
    if (query.name) select.andWhere("officer.name ILIKE :name ESCAPE '\\'", { name: containsPattern(query.name) });
    if (query.q) {
      // an address matches only where the viewer may read it, or a search would confirm whose it is
      const readable = scope.all ? '' : 'officer.organization_id = :qScope AND ';
      select.andWhere(`(officer.name ILIKE :q ESCAPE '\\' OR (${readable}officer.email ILIKE :q ESCAPE '\\'))`, {
        q: containsPattern(query.q),
        qScope: scope.organizationId,
      });
    }
    return paginate(select, 'officer', query);
  }

  private async assertMayChange(actor: Viewer, officer: Officer, input: UpdateOfficerDto): Promise<void> {
    if (await this.permissions.administers(actor, officer.organizationId)) return;
    const changes = Object.keys(definedFields(input)) as Array<keyof UpdateOfficerDto>;
    const selfService = actor.officerId === officer.id && changes.every((field) => SELF_SERVICE_FIELDS.includes(field));
    if (!selfService) {
      throw new Forbidden('admin-only', 'Officers may change their own name, language and password; the rest is for administrators.');
    }
  }

  private async lockPresent(manager: EntityManager, id: string): Promise<Officer> {
    const officer = await manager.findOne(Officer, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!officer) throw new NotFound('officer');
    if (officer.leftAt) throw new Conflict('officer-left', 'This officer has left.');
    return officer;
  }

  private async assertOpenDesk(manager: EntityManager, deskId: string, organizationId: string): Promise<void> {
    const desk = await manager.findOneBy(Desk, { id: deskId });
    if (!desk || desk.organizationId !== organizationId || desk.closedAt) {
      throw new InvalidInput([{ field: 'deskId', message: 'must be an open desk of the officer\'s organization', code: 'notOpenDesk' }]);
    }
  }

  private async saveUnique(manager: EntityManager, officer: Officer): Promise<void> {
    try {
      await manager.transaction((inner) => inner.save(officer));
    } catch (error) {
      if (isUniqueViolation(error, 'officers_email_key')) {
        throw new Conflict('email-taken', 'An officer with this e-mail address is already registered.', [
          { field: 'email', message: 'is already registered', code: 'taken' },
        ]);
      }
      throw error;
    }
  }

  private recordOfficer(manager: EntityManager, actor: MaybeViewer, officer: Officer, verb: 'joined' | 'updated' | 'left') {
    const base = { subject: officer.id, reach: registryReach(officer.organizationId), version: officer.version };
    if (verb === 'left') {
      return this.change.record(manager, actor, {
        ...base,
        event: OfficerLeftEvent,
        data: { officerId: officer.id, organizationId: officer.organizationId },
      });
    }
    return this.change.record(manager, actor, {
      ...base,
      event: verb === 'joined' ? OfficerJoinedEvent : OfficerUpdatedEvent,
      data: officerState(officer),
    });
  }
}
