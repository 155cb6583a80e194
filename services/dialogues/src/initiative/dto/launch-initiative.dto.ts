import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import {
  CLASSIFICATIONS,
  Classification,
  INITIATIVE_KINDS,
  INITIATIVE_STATUSES,
  InitiativeKind,
  InitiativeStatus,
  IsCountryCode,
} from '@liaison/contracts';
import { AudienceInput } from '@liaison/kit';

export class LaunchInitiativeDto {
  @ApiProperty({ example: 'AU-led mediation in Sudan' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ format: 'uuid', description: "the leading organization: the caller's own" })
  @IsUUID()
  leadOrganizationId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'registered organizations in support (they may read, not edit)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  supporting?: string[];

  @ApiPropertyOptional({ type: [String], example: ['SD'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  countries?: string[];

  @ApiPropertyOptional({ enum: INITIATIVE_KINDS, default: 'peacemaking' })
  @IsOptional()
  @IsIn(INITIATIVE_KINDS)
  kind?: InitiativeKind;

  @ApiPropertyOptional({ enum: INITIATIVE_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  @ApiPropertyOptional({ enum: CLASSIFICATIONS, default: 'green' })
  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;

  @ApiPropertyOptional({ type: AudienceInput, description: 'amber: the supporting organizations are always part of the audience' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceInput)
  audience?: AudienceInput;
}
