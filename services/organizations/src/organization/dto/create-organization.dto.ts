import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { IsCountryCode, ORGANIZATION_KINDS, OrganizationKind, REGIONS, Region } from '@liaison/contracts';

export class CreateOrganizationDto {
  @ApiProperty({ example: 'AU' })
  @IsString()
  @Length(1, 32)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} .&'-]*$/u, { message: 'acronym must be letters, digits, spaces or . & \' -' })
  acronym: string;

  @ApiProperty({ example: 'African Union' })
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @ApiProperty({ enum: REGIONS })
  @IsIn(REGIONS)
  region: Region;

  @ApiPropertyOptional({ type: [String], example: ['SD', 'ML'], description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  memberStates?: string[];

  @ApiPropertyOptional({ description: 'A regional arrangement under Chapter VIII of the UN Charter' })
  @IsOptional()
  @IsBoolean()
  chapterVIII?: boolean;

  @ApiPropertyOptional({ example: 'https://au.int' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2048)
  website?: string;
}
