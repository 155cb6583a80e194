import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NOTIFIED_TYPES } from '../../events/event-facts';

export const SECRET_FORMAT = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;
export const SECRET_FORMAT_MESSAGE = 'secret must be whsec_ followed by base64 of 24 to 64 bytes';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://partner.example.org/liaison/events' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: NOTIFIED_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIn(NOTIFIED_TYPES, { each: true })
  eventTypes: string[];

  /** `whsec_` and base64 of 24 to 64 random bytes; generated when absent. Returned once. */
  @ApiPropertyOptional({ writeOnly: true })
  @IsOptional()
  @Matches(SECRET_FORMAT, { message: SECRET_FORMAT_MESSAGE })
  secret?: string;
}
