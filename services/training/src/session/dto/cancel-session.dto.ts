import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CancelSessionDto {
  @ApiPropertyOptional({ example: 'Venue unavailable.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
