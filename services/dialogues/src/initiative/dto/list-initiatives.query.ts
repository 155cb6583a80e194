import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { INITIATIVE_KINDS, INITIATIVE_STATUSES, InitiativeKind, InitiativeStatus, IsCountryCode } from '@liaison/contracts';
import { PageQuery } from '@liaison/http';

export class ListInitiativesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadOrganizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'initiatives this organization supports' })
  @IsOptional()
  @IsUUID()
  supporting?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: INITIATIVE_KINDS })
  @IsOptional()
  @IsIn(INITIATIVE_KINDS)
  kind?: InitiativeKind;

  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES })
  @IsOptional()
  @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;
}
