import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@liaison/contracts';

export class CompleteMilestoneDto {
  @ApiProperty({ format: 'date', example: '2027-06-20', description: 'the day it was completed: not in the future' })
  @IsCalendarDate()
  completedOn: string;

  @ApiPropertyOptional({ example: 'Roster of 40 mediators validated by the AU Commission.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
