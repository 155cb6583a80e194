import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeskClosedEvent, DeskOpenedEvent, DeskUpdatedEvent, OfficerUpdatedEvent, newUuidV7 } from '@liaison/contracts';
import { Viewer } from '@liaison/auth';
import { Conflict, containsPattern, definedFields, InvalidInput, NotFound, Page, paginate } from '@liaison/http';
import { Officer } from '../officer/officer.entity';
import { officerState } from '../officer/officer.view';
import { Organization } from '../organization/organization.entity';
import { ChangeLog } from '@liaison/kit';
import { registryReach } from '../registry/registry-reach';
import { RegistryPermissions } from '../registry/registry-permissions';
import { Desk } from './desk.entity';
import { deskState } from './desk.view';
import { ListDesksQuery } from './dto/list-desks.query';
import { OpenDeskDto } from './dto/open-desk.dto';
import { UpdateDeskDto } from './dto/update-desk.dto';

@Injectable()
export class DesksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly permissions: RegistryPermissions,
    private readonly change: ChangeLog,
  ) {}

  async open(actor: Viewer, input: OpenDeskDto): Promise<Desk> {
    await this.permissions.assertAdministers(actor, input.organizationId, 'open desks for this organization');
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Organization, { id: input.organizationId }))) {
        throw new InvalidInput([{ field: 'organizationId', message: 'no such organization is registered', code: 'unknownOrganization' }]);
      }
      const desk = manager.create(Desk, {
        id: newUuidV7(),
        organizationId: input.organizationId,
        name: input.name,
        countries: input.countries ?? [],
        themes: input.themes ?? [],
        closedAt: null,
        version: 1,
      });
      await manager.save(desk);
      await this.recordDesk(manager, actor, desk, 'opened');
      return desk;
    });
  }

  async update(actor: Viewer, id: string, input: UpdateDeskDto): Promise<Desk> {
    return this.dataSource.transaction(async (manager) => {
      const desk = await this.lockOpen(manager, actor, id, 'change this desk');
      Object.assign(desk, definedFields(input));
      desk.version += 1;
      await manager.save(desk);
      await this.recordDesk(manager, actor, desk, 'updated');
      return desk;
    });
  }

  /** Its officers stay in their organization, without a desk, and are told so by officer.updated. */
  async close(actor: Viewer, id: string): Promise<Desk> {
    return this.dataSource.transaction(async (manager) => {
      const desk = await this.lockOpen(manager, actor, id, 'close this desk');
      desk.closedAt = new Date();
      desk.version += 1;
      await manager.save(desk);
      await this.recordDesk(manager, actor, desk, 'closed');
      const officers = await manager.find(Officer, { where: { deskId: desk.id }, lock: { mode: 'pessimistic_write' } });
      for (const officer of officers) {
        officer.deskId = null;
        officer.version += 1;
        await manager.save(officer);
        await this.change.record(manager, actor, {
          event: OfficerUpdatedEvent,
          subject: officer.id,
          data: officerState(officer),
          reach: registryReach(officer.organizationId),
          version: officer.version,
        });
      }
      return desk;
    });
  }

  async get(id: string): Promise<Desk> {
    const desk = await this.dataSource.getRepository(Desk).findOneBy({ id });
    if (!desk) throw new NotFound('desk');
    return desk;
  }

  list(query: ListDesksQuery): Promise<Page<Desk>> {
    const select = this.dataSource.getRepository(Desk).createQueryBuilder('desk');
    if (query.organizationId) select.andWhere('desk.organization_id = :organizationId', { organizationId: query.organizationId });
    if (query.country) select.andWhere('desk.countries @> ARRAY[:country]::text[]', { country: query.country });
    if (query.theme) select.andWhere('desk.themes @> ARRAY[:theme]::text[]', { theme: query.theme });
    if (query.name) select.andWhere("desk.name ILIKE :name ESCAPE '\\'", { name: containsPattern(query.name) });
    if (!query.closed) select.andWhere('desk.closed_at IS NULL');
    return paginate(select, 'desk', query);
  }

  private async lockOpen(manager: EntityManager, actor: Viewer, id: string, action: string): Promise<Desk> {
    const desk = await manager.findOne(Desk, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!desk) throw new NotFound('desk');
    await this.permissions.assertAdministers(actor, desk.organizationId, action);
    if (desk.closedAt) throw new Conflict('desk-closed', 'This desk is closed.');
    return desk;
  }

  private recordDesk(manager: EntityManager, actor: Viewer, desk: Desk, verb: 'opened' | 'updated' | 'closed') {
    const base = { subject: desk.id, reach: registryReach(desk.organizationId), version: desk.version };
    if (verb === 'closed') {
      return this.change.record(manager, actor, {
        ...base,
        event: DeskClosedEvent,
        data: { deskId: desk.id, organizationId: desk.organizationId },
      });
    }
    return this.change.record(manager, actor, {
      ...base,
      event: verb === 'opened' ? DeskOpenedEvent : DeskUpdatedEvent,
      data: deskState(desk),
    });
  }
}
