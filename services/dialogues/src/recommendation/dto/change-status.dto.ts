import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RECOMMENDATION_STATUSES, RecommendationStatus } from '@liaison/contracts';

export class ChangeStatusDto {
  @ApiProperty({ enum: RECOMMENDATION_STATUSES })
  @IsIn(RECOMMENDATION_STATUSES)
  status: RecommendationStatus;

  @ApiPropertyOptional({ example: 'First joint analysis shared in March.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
