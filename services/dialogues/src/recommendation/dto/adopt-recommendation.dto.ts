import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate } from '@liaison/contracts';

export const INITIAL_STATUSES = ['proposed', 'agreed'] as const;

export class AdoptRecommendationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  dialogueId: string;

  @ApiProperty({ example: 'Exchange early-warning analysis on the Sahel every quarter.' })
  @IsString()
  @Length(1, 10000)
  text: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'registered organizations responsible for carrying it out' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  owners?: string[];

  @ApiPropertyOptional({ example: '2027-06-30' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ enum: INITIAL_STATUSES, default: 'proposed' })
  @IsOptional()
  @IsIn(INITIAL_STATUSES)
  status?: (typeof INITIAL_STATUSES)[number];
}
