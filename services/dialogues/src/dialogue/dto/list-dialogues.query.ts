import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CLASSIFICATIONS, Classification, DIALOGUE_KINDS, DialogueKind, IsTimestamp } from '@liaison/contracts';
import { StartOrderedPageQuery } from '@liaison/http';
import { DIALOGUE_STATUSES, DialogueStatus } from '../dialogue.entity';

export class ListDialoguesQuery extends StartOrderedPageQuery {
  @ApiPropertyOptional({ enum: DIALOGUE_KINDS })
  @IsOptional()
  @IsIn(DIALOGUE_KINDS)
  kind?: DialogueKind;

  @ApiPropertyOptional({ enum: DIALOGUE_STATUSES })
  @IsOptional()
  @IsIn(DIALOGUE_STATUSES)
  status?: DialogueStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'dialogues this organization takes part in' })
  @IsOptional()
  @IsUUID()
  participant?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'dialogues this organization convenes' })
  @IsOptional()
  @IsUUID()
  convenorOrganizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the dialogues of one series' })
  @IsOptional()
  @IsUUID()
  seriesId?: string;

  @ApiPropertyOptional({ enum: CLASSIFICATIONS })
  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;

  @ApiPropertyOptional({ description: 'starting at or after this time' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'starting before this time' })
  @IsOptional()
  @IsTimestamp()
  to?: string;
}
