import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCountryCode, ORGANIZATION_KINDS, OrganizationKind, REGIONS, Region } from '@liaison/contracts';
import { PageQuery } from '@liaison/http';

export class ListOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ description: 'organizations with this member state' })
  @IsOptional()
  @IsCountryCode()
  country?: string;
}
