import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsTimestamp } from '@liaison/contracts';

/** Who may enrol: officers of these organizations (a session's audience names organizations only). */
export class SessionAudienceInput {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'registered organizations whose officers may enrol; empty or absent: every partner organization' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  organizations?: string[];
}

export class ScheduleSessionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId: string;

  @ApiProperty({ example: '2027-03-01T09:00:00+01:00' })
  @IsTimestamp()
  startsAt: string;

  @ApiProperty({ example: '2027-03-03T17:00:00+01:00', description: 'after startsAt' })
  @IsTimestamp()
  endsAt: string;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 24 })
  @IsInt()
  @Min(1)
  @Max(10000)
  seats: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "organizing organizations; default and always including the caller's" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  organizers?: string[];

  @ApiPropertyOptional({ type: SessionAudienceInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => SessionAudienceInput)
  audience?: SessionAudienceInput;

  @ApiPropertyOptional({ example: 'Abuja' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  online?: boolean;
}
