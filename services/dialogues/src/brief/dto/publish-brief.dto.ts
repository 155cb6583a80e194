import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { CLASSIFICATIONS, Classification, IsCountryCode, LANGUAGES, Language, REGIONS, Region, THEMES, Theme } from '@liaison/contracts';
import { AudienceInput } from '@liaison/kit';

/** The origin organization, desk and author come from the caller's token (and the registry), never the body. */
export class PublishBriefDto {
  @ApiProperty({ example: 'Sudan: humanitarian access in Darfur' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100_000)
  body: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en', description: 'the language the brief is written in; full-text search stems in it' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ type: [String], example: ['SD'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  countries?: string[];

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ enum: THEMES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(THEMES, { each: true })
  themes?: Theme[];

  @ApiProperty({ enum: CLASSIFICATIONS, description: 'amber must name audience.organizations, red must name audience.officers' })
  @IsIn(CLASSIFICATIONS)
  classification: Classification;

  @ApiPropertyOptional({ type: AudienceInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceInput)
  audience?: AudienceInput;

  @ApiPropertyOptional({ format: 'uuid', description: 'the dialogue the brief was prepared for' })
  @IsOptional()
  @IsUUID()
  dialogueId?: string;
}
