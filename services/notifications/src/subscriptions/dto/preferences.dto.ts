import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';

function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export class UpdatePreferencesDto {
  /** IANA time zone, e.g. `Africa/Addis_Ababa`; null clears the choice (the digest then takes UTC) */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Europe/Brussels', description: 'IANA time zone; null clears the choice' })
  @IsOptional()
  @IsString()
  @ValidateBy({ name: 'isTimeZone', validator: { validate: isTimeZone, defaultMessage: () => 'timezone must be an IANA time zone' } })
  timezone?: string | null;

  /** the local hour (0-23) of the daily digest */
  @ApiPropertyOptional({ minimum: 0, maximum: 23 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;
}
