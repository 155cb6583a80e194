import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { RECOMMENDATION_STATUSES, RecommendationStatus } from '@liaison/contracts';
import { PageQuery } from '@liaison/http';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListRecommendationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES })
  @IsOptional()
  @IsIn(RECOMMENDATION_STATUSES)
  status?: RecommendationStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'recommendations this organization owns' })
  @IsOptional()
  @IsUUID()
  owner?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dialogueId?: string;

  @ApiPropertyOptional({ description: 'true: dueOn passed and not implemented or dropped; false: the others' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
}

/** The same filters without paging, for counts. */
export class CountRecommendationsQuery extends PickType(ListRecommendationsQuery, ['owner', 'dialogueId', 'overdue'] as const) {}
