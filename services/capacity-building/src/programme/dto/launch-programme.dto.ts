import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { CLASSIFICATIONS, Classification, IsCalendarDate, PROGRAMME_SCOPES, ProgrammeScope, THEMES, Theme } from '@liaison/contracts';
import { AudienceInput } from '@liaison/kit';

/** A programme starts planned or active; it is closed later, by PATCH. */
export const LAUNCH_STATUSES = ['planned', 'active'] as const;

export class LaunchProgrammeDto {
  @ApiProperty({ example: 'UN–AU partnership on peace and security: capacity support' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ format: 'uuid', description: 'the regional or other organization whose capacities the programme builds' })
  @IsUUID()
  partnerOrganizationId: string;

  @ApiProperty({ enum: PROGRAMME_SCOPES, description: '`mediation`: a project on mediation only; `comprehensive`: a broader programme' })
  @IsIn(PROGRAMME_SCOPES)
  scope: ProgrammeScope;

  @ApiPropertyOptional({ enum: THEMES, isArray: true, example: ['conflict-prevention', 'mediation', 'electoral-assistance', 'policy-organs-support'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(THEMES.length)
  @IsIn(THEMES, { each: true })
  focusAreas?: Theme[];

  @ApiPropertyOptional({ format: 'date', example: '2027-01-01' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date', example: '2028-12-31', description: 'not before startsOn' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;

  @ApiPropertyOptional({ enum: LAUNCH_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(LAUNCH_STATUSES)
  status?: (typeof LAUNCH_STATUSES)[number];

  @ApiPropertyOptional({ enum: CLASSIFICATIONS, default: 'green' })
  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;

  @ApiPropertyOptional({ type: AudienceInput, description: 'amber: the partner organization and the UN are always part of the audience' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceInput)
  audience?: AudienceInput;
}
