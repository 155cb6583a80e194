import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@liaison/contracts';

export class PlanMilestoneDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programmeId: string;

  @ApiProperty({ example: 'AU mediation roster reviewed' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ format: 'date', example: '2027-06-30', description: 'a UTC calendar day; from the next day on, an open milestone is marked delayed' })
  @IsCalendarDate()
  dueOn: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}
