import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@liaison/contracts';

export class EnrolDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sessionId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'default the caller; an admin may enrol officers of their own organization' })
  @IsOptional()
  @IsUUID()
  officerId?: string;
}

export class WithdrawDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AttendanceDto {
  @ApiProperty()
  @IsBoolean()
  attended: boolean;
}

export class CompleteDto {
  @ApiPropertyOptional({ example: '2027-03-03', description: "default today (UTC); not after today at UTC+14, not before the session's first day at UTC-12" })
  @IsOptional()
  @IsCalendarDate()
  completedOn?: string;
}
