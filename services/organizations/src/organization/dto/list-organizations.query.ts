import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsCountryCode, ORGANIZATION_KINDS, OrganizationKind, REGIONS, Region } from '@liaison/contracts';
import { NameFilter, PageQuery } from '@liaison/http';

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

  @ApiPropertyOptional({ description: 'the organization with this acronym, whatever its case', example: 'UN' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9&.-]{1,20}$/, { message: 'acronym must be 1 to 20 letters, digits, &, . or -' })
  acronym?: string;

  @NameFilter()
  name?: string;

  @ApiPropertyOptional({ description: 'Chapter VIII regional arrangements only (true) or the others (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  chapterVIII?: boolean;
}
