import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsCountryCode, REGIONS, THEMES } from '@liaison/contracts';
import { NOTIFIED_TYPES } from '../../events/event-facts';
import { CHANNELS, type Channel, FREQUENCIES, type Frequency } from '../subscription.entity';

/** Each list narrows (an empty or absent list matches everything); all of them must match. */
export class SubscriptionFiltersDto {
  @ApiPropertyOptional({ enum: NOTIFIED_TYPES, isArray: true, description: 'CloudEvents types' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsIn(NOTIFIED_TYPES, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  organizations?: string[];

  @ApiPropertyOptional({ type: [String], example: ['SD'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  countries?: string[];

  @ApiPropertyOptional({ enum: REGIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(REGIONS, { each: true })
  regions?: string[];

  @ApiPropertyOptional({ enum: THEMES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(THEMES, { each: true })
  themes?: string[];

  /** only what concerns the officer's organization or the officer: a dialogue it takes part in, a recommendation it owns, an enrolment */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  concerningMe?: boolean;
}

export class CreateSubscriptionDto {
  @ApiProperty({ type: SubscriptionFiltersDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SubscriptionFiltersDto)
  filters: SubscriptionFiltersDto;

  /** default ['in-app']. 'webhook' is accepted but webhooks go by organization, see /webhooks */
  @ApiPropertyOptional({ enum: CHANNELS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CHANNELS, { each: true })
  channels?: Channel[];

  /** for e-mail: at once, or in the daily digest (see /notifications/preferences) */
  @ApiPropertyOptional({ enum: FREQUENCIES })
  @IsOptional()
  @IsIn(FREQUENCIES)
  frequency?: Frequency;
}

export class UpdateSubscriptionDto {
  @ApiPropertyOptional({ type: SubscriptionFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubscriptionFiltersDto)
  filters?: SubscriptionFiltersDto;

  @ApiPropertyOptional({ enum: CHANNELS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CHANNELS, { each: true })
  channels?: Channel[];

  @ApiPropertyOptional({ enum: FREQUENCIES })
  @IsOptional()
  @IsIn(FREQUENCIES)
  frequency?: Frequency;
}
