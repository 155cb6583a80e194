import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsCountryCode, THEMES, Theme } from '@liaison/contracts';

export class OpenDeskDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ example: 'Horn of Africa desk' })
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['SD', 'SS'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  countries?: string[];

  @ApiPropertyOptional({ enum: THEMES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(THEMES, { each: true })
  themes?: Theme[];
}
