import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsTimestamp } from '@liaison/contracts';
import { StartOrderedPageQuery } from '@liaison/http';
import { SESSION_STATUSES, SessionStatus } from '../session.entity';

export class ListSessionsQuery extends StartOrderedPageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ enum: SESSION_STATUSES })
  @IsOptional()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;

  @ApiPropertyOptional({ description: 'sessions starting at or after this time (ISO 8601 with offset)' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'sessions starting before this time (ISO 8601 with offset)' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'sessions this organization organizes' })
  @IsOptional()
  @IsUUID()
  organizer?: string;
}
