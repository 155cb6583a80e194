import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PROGRAMME_SCOPES, PROGRAMME_STATUSES, ProgrammeScope, ProgrammeStatus, THEMES, Theme } from '@liaison/contracts';
import { PageQuery } from '@liaison/http';

export class ListProgrammesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerOrganizationId?: string;

  @ApiPropertyOptional({ enum: THEMES, description: 'programmes with this focus area among theirs' })
  @IsOptional()
  @IsIn(THEMES)
  focusArea?: Theme;

  @ApiPropertyOptional({ enum: PROGRAMME_STATUSES })
  @IsOptional()
  @IsIn(PROGRAMME_STATUSES)
  status?: ProgrammeStatus;

  @ApiPropertyOptional({ enum: PROGRAMME_SCOPES })
  @IsOptional()
  @IsIn(PROGRAMME_SCOPES)
  scope?: ProgrammeScope;
}
