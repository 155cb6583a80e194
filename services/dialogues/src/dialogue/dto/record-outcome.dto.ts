import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsCalendarDate } from '@liaison/contracts';

export class RecordOutcomeDto {
  @ApiProperty({ example: 'Agreed on two joint steps on early warning.' })
  @IsString()
  @Length(1, 10000)
  summary: string;

  @ApiProperty({ example: '2026-11-03', format: 'date', description: "the day it was held: from the dialogue's first day at UTC-12 to today at UTC+14" })
  @IsCalendarDate()
  heldOn: string;
}
