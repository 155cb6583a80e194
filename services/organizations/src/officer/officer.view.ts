import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGES, ROLES } from '@liaison/contracts';
import type { OfficerState } from '@liaison/contracts';
import { Officer } from './officer.entity';
import { EmailScope, seesEmail } from '../registry/registry-permissions';

/** Never the password or its hash; the e-mail address only for those who may read it (RegistryPermissions.emailScope). */
export class OfficerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deskId!: string | null;
  @ApiPropertyOptional({ format: 'email', description: 'only to officers of the same organization and to UN officers' }) email?: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Officer['language'];
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Officer['roles'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) leftAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function officerView(officer: Officer, scope: EmailScope = { all: true, organizationId: null }): OfficerView {
  return {
    id: officer.id,
    organizationId: officer.organizationId,
    deskId: officer.deskId,
    ...(seesEmail(scope, officer.organizationId) ? { email: officer.email } : {}),
    name: officer.name,
    language: officer.language,
    roles: officer.roles,
    leftAt: officer.leftAt?.toISOString() ?? null,
    version: officer.version,
    createdAt: officer.createdAt.toISOString(),
    updatedAt: officer.updatedAt.toISOString(),
  };
}

export function officerState(officer: Officer): OfficerState {
  return {
    officerId: officer.id,
    organizationId: officer.organizationId,
    ...(officer.deskId ? { deskId: officer.deskId } : {}),
    email: officer.email,
    name: officer.name,
    language: officer.language,
    roles: officer.roles,
  };
}
